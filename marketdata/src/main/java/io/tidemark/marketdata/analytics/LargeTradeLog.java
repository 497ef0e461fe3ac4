package io.tidemark.marketdata.analytics;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * The most recent large trades of one pair in a fixed ring of parallel arrays (trade ids increase, so
 * the ring is in id order). Nothing is allocated after construction.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class LargeTradeLog {
    private final long[] tradeIds;
    private final long[] prices;
    private final long[] sizes;
    private final long[] notionals;
    private final byte[] takerSides;
    private final int[] levels;
    private final byte[] labels;
    private final long[] times;
    private int oldest;
    private int count;

    LargeTradeLog(final int capacity) {
        tradeIds = new long[capacity];
        prices = new long[capacity];
        sizes = new long[capacity];
        notionals = new long[capacity];
        takerSides = new byte[capacity];
        levels = new int[capacity];
        labels = new byte[capacity];
        times = new long[capacity];
    }

    int count() {
        return count;
    }

    void append(final long tradeId, final long price, final long size, final long notional, final Side takerSide,
                final int levelsSwept, final LargeTradeLabel label, final long time) {
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
        notionals[slot] = notional;
        takerSides[slot] = (byte) takerSide.code();
        levels[slot] = levelsSwept;
        labels[slot] = (byte) label.code();
        times[slot] = time;
    }

    /** The {@code i}-th newest (0 = newest) into {@code view}. */
    LargeTrade newest(final int marketId, final int i, final LargeTrade view) {
        final int slot = (oldest + count - 1 - i) % tradeIds.length;
        return view.set(marketId, tradeIds[slot], prices[slot], sizes[slot], notionals[slot],
            Side.fromCode(takerSides[slot]), levels[slot], LargeTradeLabel.fromCode(labels[slot]), times[slot]);
    }

    long newestTradeId(final int i) {
        return tradeIds[(oldest + count - 1 - i) % tradeIds.length];
    }

    void write(final SnapshotOutput out) {
        out.putInt(count);
        for (int i = 0; i < count; i++) {
            final int slot = (oldest + i) % tradeIds.length;
            out.putLong(tradeIds[slot]).putLong(prices[slot]).putLong(sizes[slot]).putLong(notionals[slot])
                .putByte(takerSides[slot]).putInt(levels[slot]).putByte(labels[slot]).putLong(times[slot]);
        }
    }

    /** Restores into an empty log; with a smaller capacity than the writer's, the newest are kept. */
    void read(final SnapshotInput in) {
        final int trades = in.getBounded(in.remaining() / 46);
        for (int i = 0; i < trades; i++) {
            append(in.getLong(), in.getLong(), in.getLong(), in.getLong(), Side.fromCode(in.getByte()), in.getInt(),
                LargeTradeLabel.fromCode(in.getByte()), in.getLong());
        }
    }
}
