package io.tidemark.marketdata.analytics;

import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * The taker flow of one pair by UTC minute over the last 24 hours: base size bought and sold by
 * takers and the number of large trades, in a ring of 1,440 minute slots. A slot is valid only while
 * it is stamped with the minute it counts, so nothing is ever swept: a slot left from an older day is
 * simply not the minute asked for. Sums over the last N minutes (the current one included) walk N
 * slots, on queries only.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class FlowWindow {
    static final int MINUTES = 1_440;
    static final long MINUTE_NANOS = 60_000_000_000L;

    private final long[] stamps = new long[MINUTES];
    private final long[] buyLots = new long[MINUTES];
    private final long[] sellLots = new long[MINUTES];
    private final long[] largeTrades = new long[MINUTES];

    FlowWindow() {
        java.util.Arrays.fill(stamps, Long.MIN_VALUE);
    }

    private int slot(final long minute) {
        final int slot = (int) Math.floorMod(minute, MINUTES);
        if (stamps[slot] != minute) {
            stamps[slot] = minute;
            buyLots[slot] = 0;
            sellLots[slot] = 0;
            largeTrades[slot] = 0;
        }
        return slot;
    }

    void trade(final long time, final boolean takerBought, final long lots) {
        final int slot = slot(Math.floorDiv(time, MINUTE_NANOS));
        if (takerBought) {
            buyLots[slot] += lots;
        } else {
            sellLots[slot] += lots;
        }
    }

    void largeTrade(final long time) {
        largeTrades[slot(Math.floorDiv(time, MINUTE_NANOS))]++;
    }

    /** Taker-bought lots over the {@code minutes} minutes ending with the one holding {@code now}. */
    long buys(final long now, final int minutes) {
        return sum(buyLots, now, minutes);
    }

    long sells(final long now, final int minutes) {
        return sum(sellLots, now, minutes);
    }

    long largeTrades(final long now, final int minutes) {
        return sum(largeTrades, now, minutes);
    }

    private long sum(final long[] values, final long now, final int minutes) {
        final long last = Math.floorDiv(now, MINUTE_NANOS);
        long total = 0;
        for (long minute = last - Math.min(minutes, MINUTES) + 1; minute <= last; minute++) {
            final int slot = (int) Math.floorMod(minute, MINUTES);
            if (stamps[slot] == minute) {
                total += values[slot];
            }
        }
        return total;
    }

    /** Writes the stamped slots in minute order (a ring holds at most the 1,440 minutes up to its newest). */
    void write(final SnapshotOutput out) {
        long newest = Long.MIN_VALUE;
        for (final long stamp : stamps) {
            newest = Math.max(newest, stamp);
        }
        int count = 0;
        for (long minute = newest - MINUTES + 1; newest != Long.MIN_VALUE && minute <= newest; minute++) {
            if (stamps[(int) Math.floorMod(minute, MINUTES)] == minute) {
                count++;
            }
        }
        out.putInt(count);
        for (long minute = newest - MINUTES + 1; newest != Long.MIN_VALUE && minute <= newest; minute++) {
            final int slot = (int) Math.floorMod(minute, MINUTES);
            if (stamps[slot] == minute) {
                out.putLong(minute).putLong(buyLots[slot]).putLong(sellLots[slot]).putLong(largeTrades[slot]);
            }
        }
    }

    void read(final SnapshotInput in) {
        final int count = in.getBounded(MINUTES);
        for (int i = 0; i < count; i++) {
            final int slot = slot(in.getLong());
            buyLots[slot] = in.getLong();
            sellLots[slot] = in.getLong();
            largeTrades[slot] = in.getLong();
        }
    }
}
