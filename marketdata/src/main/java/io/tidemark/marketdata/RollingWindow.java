package io.tidemark.marketdata;

import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * One pair's 24 h trade statistics, updated per trade in O(1) amortised, never by re-scanning the
 * day's trades. Trades are summed into per-minute buckets (UTC minutes of command time); the window
 * is the {@value #MINUTES} minutes ending with the current one, i.e. a bucket of minute {@code m} is
 * in the window at command time {@code t} while {@code m > floor(t / 1 min) − 1440}. So the window
 * covers between 23 h 59 min and 24 h of trades, and a query result depends only on the commands
 * seen, never on when it is asked.
 *
 * <p>Volume, quote volume and trade count are running sums (a bucket is subtracted when it leaves
 * the window); the open is the oldest bucket's; high and low come from monotonic queues of bucket
 * positions (the front is the extreme, a new or raised bucket pops every bucket behind it that it
 * dominates), so each bucket enters and leaves each queue at most once.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class RollingWindow {
    static final long MINUTE_NANOS = 60_000_000_000L;
    static final int MINUTES = 1_440;
    /** A power of two above {@link #MINUTES}: buckets, and so queue entries, never exceed MINUTES. */
    private static final int CAPACITY = 2_048;
    private static final int MASK = CAPACITY - 1;

    private final long[] minutes = new long[CAPACITY];
    private final long[] opens = new long[CAPACITY];
    private final long[] highs = new long[CAPACITY];
    private final long[] lows = new long[CAPACITY];
    private final long[] volumes = new long[CAPACITY];
    private final long[] quoteVolumes = new long[CAPACITY];
    private final long[] tradeCounts = new long[CAPACITY];
    /** Positions (ever increasing) of the oldest bucket and one past the newest. */
    private long head;
    private long tail;
    /** Bucket positions with strictly decreasing highs from front to back. */
    private final long[] highQueue = new long[CAPACITY];
    private long highHead;
    private long highTail;
    /** Bucket positions with strictly increasing lows from front to back. */
    private final long[] lowQueue = new long[CAPACITY];
    private long lowHead;
    private long lowTail;
    private long volume;
    private long quoteVolume;
    private long tradeCount;

    /** Adds a trade at command time {@code time}; times never go backwards. */
    void trade(final long time, final long price, final long size, final long quote) {
        final long minute = Math.floorDiv(time, MINUTE_NANOS);
        expire(minute);
        final int newest = (int) ((tail - 1) & MASK);
        if (head != tail && minutes[newest] == minute) {
            highs[newest] = Math.max(highs[newest], price);
            lows[newest] = Math.min(lows[newest], price);
            volumes[newest] += size;
            quoteVolumes[newest] += quote;
            tradeCounts[newest]++;
        } else {
            append(minute, price, price, price, size, quote, 1);
        }
        volume += size;
        quoteVolume += quote;
        tradeCount++;
        offerHigh(tail - 1);
        offerLow(tail - 1);
    }

    /** Drops the buckets that left the window by {@code currentMinute} (epoch minutes). */
    void expire(final long currentMinute) {
        final long first = currentMinute - (MINUTES - 1);
        while (head != tail && minutes[slot(head)] < first) {
            final int slot = slot(head);
            volume -= volumes[slot];
            quoteVolume -= quoteVolumes[slot];
            tradeCount -= tradeCounts[slot];
            if (highHead != highTail && highQueue[slot(highHead)] == head) {
                highHead++;
            }
            if (lowHead != lowTail && lowQueue[slot(lowHead)] == head) {
                lowHead++;
            }
            head++;
        }
    }

    private void append(final long minute, final long open, final long high, final long low, final long size,
                        final long quote, final long trades) {
        final int slot = slot(tail);
        minutes[slot] = minute;
        opens[slot] = open;
        highs[slot] = high;
        lows[slot] = low;
        volumes[slot] = size;
        quoteVolumes[slot] = quote;
        tradeCounts[slot] = trades;
        tail++;
    }

    /** Queues the newest bucket (again, if it was raised) behind the buckets whose highs exceed it. */
    private void offerHigh(final long position) {
        final long high = highs[slot(position)];
        while (highHead != highTail && highs[slot(highQueue[slot(highTail - 1)])] <= high) {
            highTail--;
        }
        highQueue[slot(highTail++)] = position;
    }

    private void offerLow(final long position) {
        final long low = lows[slot(position)];
        while (lowHead != lowTail && lows[slot(lowQueue[slot(lowTail - 1)])] >= low) {
            lowTail--;
        }
        lowQueue[slot(lowTail++)] = position;
    }

    private static int slot(final long position) {
        return (int) (position & MASK);
    }

    /** True when at least one trade is in the window. */
    boolean hasTrades() {
        return head != tail;
    }

    /** Price of the first trade in the window. */
    long open() {
        return opens[slot(head)];
    }

    long high() {
        return highs[slot(highQueue[slot(highHead)])];
    }

    long low() {
        return lows[slot(lowQueue[slot(lowHead)])];
    }

    /** Base volume in lots. */
    long volume() {
        return volume;
    }

    /** Quote volume in quote minor units. */
    long quoteVolume() {
        return quoteVolume;
    }

    long tradeCount() {
        return tradeCount;
    }

    /** Writes the buckets oldest first; sums and queues are rebuilt from them on restore. */
    void write(final SnapshotOutput out) {
        out.putInt((int) (tail - head));
        for (long position = head; position != tail; position++) {
            final int slot = slot(position);
            out.putLong(minutes[slot]).putLong(opens[slot]).putLong(highs[slot]).putLong(lows[slot])
                .putLong(volumes[slot]).putLong(quoteVolumes[slot]).putLong(tradeCounts[slot]);
        }
    }

    /**
     * Restores into an empty window. The queues come out as they were: each holds exactly the
     * buckets not dominated by a later one, which depends only on the buckets, not on how they grew.
     */
    void read(final SnapshotInput in) {
        final int buckets = in.getBounded(MINUTES);
        for (int i = 0; i < buckets; i++) {
            final long minute = in.getLong();
            if (i > 0 && minute <= minutes[slot(tail - 1)]) {
                throw new SnapshotFormatException("24h bucket " + i + " is not after the previous one");
            }
            final long open = in.getLong();
            final long high = in.getLong();
            final long low = in.getLong();
            final long size = in.getLong();
            final long quote = in.getLong();
            final long trades = in.getLong();
            append(minute, open, high, low, size, quote, trades);
            volume += size;
            quoteVolume += quote;
            tradeCount += trades;
            offerHigh(tail - 1);
            offerLow(tail - 1);
        }
        if (buckets > 0 && minutes[slot(tail - 1)] - minutes[slot(head)] >= MINUTES) {
            throw new SnapshotFormatException("24h buckets span more than " + MINUTES + " minutes");
        }
    }
}
