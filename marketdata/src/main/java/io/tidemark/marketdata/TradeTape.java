package io.tidemark.marketdata;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * The most recent trades of one pair, in a fixed ring of parallel arrays: appending overwrites the
 * oldest once full, and nothing is allocated after construction. Trade ids are assigned by the
 * engine in increasing order, so the ring is also in id order, which is what a {@code before}
 * cursor relies on.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class TradeTape {
    private final long[] tradeIds;
    private final long[] prices;
    private final long[] sizes;
    private final byte[] takerSides;
    private final long[] times;
    private int oldest;
    private int count;

    TradeTape(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("trade retention must be at least 1: " + capacity);
        }
        tradeIds = new long[capacity];
        prices = new long[capacity];
        sizes = new long[capacity];
        takerSides = new byte[capacity];
        times = new long[capacity];
    }

    int count() {
        return count;
    }

    void append(final long tradeId, final long price, final long size, final Side takerSide, final long time) {
        final int capacity = tradeIds.length;
        final int slot = (oldest + count) % capacity;
        if (count == capacity) {
            oldest = (oldest + 1) % capacity;
        } else {
            count++;
        }
        tradeIds[slot] = tradeId;
        prices[slot] = price;
        sizes[slot] = size;
        takerSides[slot] = (byte) takerSide.code();
        times[slot] = time;
    }

    /**
     * Gives the trades with ids below {@code beforeTradeId} (0: no cursor), newest first, at most
     * {@code limit}; returns how many were given.
     */
    int newestFirst(final int marketId, final long beforeTradeId, final long fromTime, final long toTime,
                    final int limit, final Trade view, final MarketData.TradeSink sink) {
        int given = 0;
        for (int i = count - 1; i >= 0 && given < limit; i--) {
            final int slot = (oldest + i) % tradeIds.length;
            if (beforeTradeId > 0 && tradeIds[slot] >= beforeTradeId || times[slot] > toTime) {
                continue;
            }
            if (times[slot] < fromTime) {
                break; // the tape is in time order: everything older is out of range too
            }
            sink.accept(view.set(marketId, tradeIds[slot], prices[slot], sizes[slot], Side.fromCode(takerSides[slot]),
                times[slot]));
            given++;
        }
        return given;
    }

    /** Writes the retained trades oldest first. */
    void write(final SnapshotOutput out) {
        out.putInt(count);
        for (int i = 0; i < count; i++) {
            final int slot = (oldest + i) % tradeIds.length;
            out.putLong(tradeIds[slot]).putLong(prices[slot]).putLong(sizes[slot]).putByte(takerSides[slot])
                .putLong(times[slot]);
        }
    }

    /** Restores into an empty tape; with a smaller retention than the writer's, the newest are kept. */
    void read(final SnapshotInput in) {
        final int trades = in.getBounded(in.remaining() / 33);
        for (int i = 0; i < trades; i++) {
            append(in.getLong(), in.getLong(), in.getLong(), Side.fromCode(in.getByte()), in.getLong());
        }
    }
}
