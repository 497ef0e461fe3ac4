package io.tidemark.marketdata.analytics;

import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongLongFunction;

import java.util.Arrays;

/**
 * The trades of one period (an hour, a day or a week) of one pair: open, high, low, close and the
 * volume traded in each bin of the pair's price grid ({@code binTicks} wide, bins aligned on multiples
 * of it). Profile rows are whole numbers of bins, so any row size the levels choose is exact. The bin
 * map is cleared and reused when the period rolls over: no allocation in steady state once it has
 * grown to the widest period seen.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class PeriodProfile {
    private static final LongLongFunction SUM = Long::sum;

    private final Long2LongHashMap volumeByBin = new Long2LongHashMap(0);
    /**
     * The latest bin's lots not yet in the map: trades come in runs at one price, so most add here and
     * the map is touched only when the bin changes.
     */
    private long pendingBin;
    private long pendingLots;
    long start = Long.MIN_VALUE;
    boolean hasTrades;
    long open;
    long high;
    long low;
    long close;
    long volume;

    void reset(final long periodStart) {
        start = periodStart;
        hasTrades = false;
        volume = 0;
        volumeByBin.clear();
        pendingLots = 0;
    }

    void trade(final long price, final long lots, final long binTicks) {
        if (!hasTrades) {
            hasTrades = true;
            open = price;
            high = price;
            low = price;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += lots;
        final long bin = Math.floorDiv(price, binTicks);
        if (pendingLots != 0 && bin != pendingBin) {
            volumeByBin.merge(pendingBin, pendingLots, SUM);
            pendingLots = 0;
        }
        pendingBin = bin;
        pendingLots += lots;
    }

    private void flushPending() {
        if (pendingLots != 0) {
            volumeByBin.merge(pendingBin, pendingLots, SUM);
            pendingLots = 0;
        }
    }

    /** Lots traded in bin {@code bin} (prices {@code bin × binTicks} up to the next bin). */
    long binVolume(final long bin) {
        return volumeByBin.get(bin) + (pendingLots != 0 && bin == pendingBin ? pendingLots : 0);
    }

    /** Writes the bins in ascending order, so equal profiles write equal bytes whatever their insertion order. */
    void write(final SnapshotOutput out) {
        out.putLong(start).putBoolean(hasTrades);
        if (!hasTrades) {
            return;
        }
        out.putLong(open).putLong(high).putLong(low).putLong(close).putLong(volume);
        flushPending(); // the same bins either way; only where they are kept changes
        final long[] bins = new long[volumeByBin.size()];
        int i = 0;
        final Long2LongHashMap.KeyIterator keys = volumeByBin.keySet().iterator();
        while (keys.hasNext()) {
            bins[i++] = keys.nextValue();
        }
        Arrays.sort(bins);
        out.putInt(bins.length);
        for (final long bin : bins) {
            out.putLong(bin).putLong(volumeByBin.get(bin));
        }
    }

    void read(final SnapshotInput in) {
        reset(in.getLong());
        hasTrades = in.getBoolean();
        if (!hasTrades) {
            return;
        }
        open = in.getLong();
        high = in.getLong();
        low = in.getLong();
        close = in.getLong();
        volume = in.getLong();
        final int bins = in.getBounded(in.remaining() / 16);
        for (int i = 0; i < bins; i++) {
            final long bin = in.getLong();
            final long lots = in.getLong();
            if (lots <= 0) {
                throw new SnapshotFormatException("profile bin " + bin + " has no volume");
            }
            volumeByBin.put(bin, lots);
        }
    }
}
