package io.tidemark.marketdata.analytics;

import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Where one pair's resting liquidity has been: once per UTC minute the top {@value #SAMPLE_DEPTH}
 * levels of each side are added into price buckets of {@code bucketTicks}, summed per UTC hour in a
 * ring of {@value #HOURS} hours (30 days). A window's average size of a bucket is its summed size over
 * the window divided by the samples taken in the window. The bucket is fixed by the first sample: the
 * largest 1-2-5 number of ticks not above {@value #BUCKET_PER_MILLE}‰ of the mid price then (so the
 * zones of a 63,000 USD market are 50 USD wide), kept in snapshots so zones stay comparable.
 *
 * <p>Hour slots are valid only while stamped with their hour, and their maps are cleared and reused
 * when the ring comes round: no allocation in steady state once the maps have grown.
 * Not thread safe: owned by the view thread.
 */
final class Heatmap {
    static final int HOURS = 720;
    static final int SAMPLE_DEPTH = 100;
    static final long BUCKET_PER_MILLE = 1;

    private final long[] stamps = new long[HOURS];
    private final long[] samples = new long[HOURS];
    private final Long2LongHashMap[] bids = new Long2LongHashMap[HOURS];
    private final Long2LongHashMap[] asks = new Long2LongHashMap[HOURS];
    /** Ticks per bucket; 0 until the first sample with a price. */
    long bucketTicks;
    /** The minute of the last sample, so a minute is sampled once. */
    long sampledMinute = Long.MIN_VALUE;

    Heatmap() {
        Arrays.fill(stamps, Long.MIN_VALUE);
        for (int i = 0; i < HOURS; i++) {
            bids[i] = new Long2LongHashMap(0);
            asks[i] = new Long2LongHashMap(0);
        }
    }

    /** The slot of {@code hour}, emptied first when it held an older hour. */
    int slot(final long hour) {
        final int slot = (int) Math.floorMod(hour, HOURS);
        if (stamps[slot] != hour) {
            stamps[slot] = hour;
            samples[slot] = 0;
            bids[slot].clear();
            asks[slot].clear();
        }
        return slot;
    }

    void countSample(final int slot) {
        samples[slot]++;
    }

    void add(final int slot, final boolean bid, final long price, final long lots) {
        final long bucket = Math.floorDiv(price, bucketTicks);
        final Long2LongHashMap map = bid ? bids[slot] : asks[slot];
        map.put(bucket, map.get(bucket) + lots);
    }

    /**
     * Sums the {@code hours} hours ending with {@code nowHour} into {@code bidSums}/{@code askSums}
     * (bucket → lots) and returns the number of samples in them.
     */
    long window(final long nowHour, final int hours, final Long2LongHashMap bidSums, final Long2LongHashMap askSums) {
        long taken = 0;
        for (long hour = nowHour - Math.min(hours, HOURS) + 1; hour <= nowHour; hour++) {
            final int slot = (int) Math.floorMod(hour, HOURS);
            if (stamps[slot] != hour) {
                continue;
            }
            taken += samples[slot];
            addAll(bids[slot], bidSums);
            addAll(asks[slot], askSums);
        }
        return taken;
    }

    private static void addAll(final Long2LongHashMap from, final Long2LongHashMap into) {
        final Long2LongHashMap.EntryIterator entries = from.entrySet().iterator();
        while (entries.hasNext()) {
            entries.next();
            into.put(entries.getLongKey(), into.get(entries.getLongKey()) + entries.getLongValue());
        }
    }

    /** Writes the stamped hours in order, each map's buckets ascending. */
    void write(final SnapshotOutput out) {
        out.putLong(bucketTicks).putLong(sampledMinute);
        long newest = Long.MIN_VALUE;
        for (final long stamp : stamps) {
            newest = Math.max(newest, stamp);
        }
        int count = 0;
        for (long hour = newest - HOURS + 1; newest != Long.MIN_VALUE && hour <= newest; hour++) {
            if (stamps[(int) Math.floorMod(hour, HOURS)] == hour) {
                count++;
            }
        }
        out.putInt(count);
        for (long hour = newest - HOURS + 1; newest != Long.MIN_VALUE && hour <= newest; hour++) {
            final int slot = (int) Math.floorMod(hour, HOURS);
            if (stamps[slot] == hour) {
                out.putLong(hour).putLong(samples[slot]);
                writeMap(out, bids[slot]);
                writeMap(out, asks[slot]);
            }
        }
    }

    private static void writeMap(final SnapshotOutput out, final Long2LongHashMap map) {
        final long[] keys = new long[map.size()];
        int i = 0;
        final Long2LongHashMap.KeyIterator iterator = map.keySet().iterator();
        while (iterator.hasNext()) {
            keys[i++] = iterator.nextValue();
        }
        Arrays.sort(keys);
        out.putInt(keys.length);
        for (final long key : keys) {
            out.putLong(key).putLong(map.get(key));
        }
    }

    void read(final SnapshotInput in) {
        bucketTicks = in.getLong();
        sampledMinute = in.getLong();
        final int hours = in.getBounded(HOURS);
        for (int i = 0; i < hours; i++) {
            final int slot = slot(in.getLong());
            samples[slot] = in.getLong();
            readMap(in, bids[slot]);
            readMap(in, asks[slot]);
        }
    }

    private static void readMap(final SnapshotInput in, final Long2LongHashMap map) {
        final int entries = in.getBounded(in.remaining() / 16);
        for (int i = 0; i < entries; i++) {
            final long key = in.getLong();
            final long value = in.getLong();
            if (value <= 0) {
                throw new SnapshotFormatException("heatmap bucket " + key + " has no size");
            }
            map.put(key, value);
        }
    }
}
