package io.tidemark.marketdata;

import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * The most recent candles of one pair at one interval, in a fixed ring of parallel arrays. A trade
 * either updates the newest candle or, when its time falls in a later interval, starts a new one;
 * an interval without trades gets no candle. Time never goes backwards here (the caller passes
 * command time, which is monotonic), so only the newest candle is ever updated.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class CandleSeries {
    private final Interval interval;
    private final long[] starts;
    private final long[] opens;
    private final long[] highs;
    private final long[] lows;
    private final long[] closes;
    private final long[] volumes;
    private final long[] quoteVolumes;
    private final long[] tradeCounts;
    private int oldest;
    private int count;

    CandleSeries(final Interval interval, final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("candle retention must be at least 1: " + capacity);
        }
        this.interval = interval;
        starts = new long[capacity];
        opens = new long[capacity];
        highs = new long[capacity];
        lows = new long[capacity];
        closes = new long[capacity];
        volumes = new long[capacity];
        quoteVolumes = new long[capacity];
        tradeCounts = new long[capacity];
    }

    int count() {
        return count;
    }

    void trade(final long time, final long price, final long size, final long quote) {
        final long start = interval.startOf(time);
        if (count > 0) {
            final int newest = slot(count - 1);
            if (starts[newest] == start) {
                highs[newest] = Math.max(highs[newest], price);
                lows[newest] = Math.min(lows[newest], price);
                closes[newest] = price;
                volumes[newest] += size;
                quoteVolumes[newest] += quote;
                tradeCounts[newest]++;
                return;
            }
        }
        append(start, price, price, price, price, size, quote, 1);
    }

    private void append(final long start, final long open, final long high, final long low, final long close,
                        final long volume, final long quote, final long trades) {
        final int slot = slot(count);
        if (count == starts.length) {
            oldest = (oldest + 1) % starts.length;
        } else {
            count++;
        }
        starts[slot] = start;
        opens[slot] = open;
        highs[slot] = high;
        lows[slot] = low;
        closes[slot] = close;
        volumes[slot] = volume;
        quoteVolumes[slot] = quote;
        tradeCounts[slot] = trades;
    }

    private int slot(final int i) {
        return (oldest + i) % starts.length;
    }

    /** Fills {@code view} with the newest candle; there must be one. */
    Candle newest(final int marketId, final Candle view) {
        return fill(marketId, slot(count - 1), view);
    }

    /**
     * Gives the candles starting before {@code beforeStart} (0: no cursor), newest first, at most
     * {@code limit}; returns how many were given.
     */
    int newestFirst(final int marketId, final long beforeStart, final long fromStart, final int limit,
                    final Candle view, final MarketData.CandleSink sink) {
        int given = 0;
        for (int i = count - 1; i >= 0 && given < limit; i--) {
            final int slot = slot(i);
            if (beforeStart != 0 && starts[slot] >= beforeStart) {
                continue;
            }
            if (starts[slot] < fromStart) {
                break;
            }
            sink.accept(fill(marketId, slot, view));
            given++;
        }
        return given;
    }

    private Candle fill(final int marketId, final int slot, final Candle view) {
        return view.set(marketId, interval, starts[slot], opens[slot], highs[slot], lows[slot], closes[slot],
            volumes[slot], quoteVolumes[slot], tradeCounts[slot]);
    }

    /** Writes the retained candles oldest first. */
    void write(final SnapshotOutput out) {
        out.putInt(count);
        for (int i = 0; i < count; i++) {
            final int slot = slot(i);
            out.putLong(starts[slot]).putLong(opens[slot]).putLong(highs[slot]).putLong(lows[slot])
                .putLong(closes[slot]).putLong(volumes[slot]).putLong(quoteVolumes[slot]).putLong(tradeCounts[slot]);
        }
    }

    /** Restores into an empty series; with a smaller retention than the writer's, the newest are kept. */
    void read(final SnapshotInput in) {
        final int candles = in.getBounded(in.remaining() / 64);
        long previousStart = Long.MIN_VALUE;
        for (int i = 0; i < candles; i++) {
            final long start = in.getLong();
            if (start <= previousStart || interval.startOf(start) != start) {
                throw new SnapshotFormatException(interval.wireName() + " candle " + i + " starts at " + start
                    + ", not an aligned start after the previous candle's");
            }
            previousStart = start;
            append(start, in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                in.getLong());
        }
    }
}
