package io.tidemark.marketdata;

import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

import java.util.Arrays;

/**
 * One side of an aggregated (L2) book: per price, the total resting size in lots and the number of
 * orders, kept from the engine's level events. Levels sit in a sorted array with the best price at
 * the end, so the changes that matter most — near the top — shift only a few entries, and reading
 * the top N is a walk backwards from the end. Keys are the price for bids and its negation for
 * asks, so one ascending order serves both sides.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class L2Side {
    private final boolean bids;
    private long[] keys = new long[64];
    private long[] sizes = new long[64];
    private int[] orderCounts = new int[64];
    private int depth;
    private int lastRank;

    L2Side(final boolean bids) {
        this.bids = bids;
    }

    /** Number of price levels. */
    int depth() {
        return depth;
    }

    /** Price of the level at {@code rank} (0 = best) in ticks. */
    long price(final int rank) {
        return priceOf(keys[depth - 1 - rank]);
    }

    /** Total size of the level at {@code rank} in lots. */
    long size(final int rank) {
        return sizes[depth - 1 - rank];
    }

    int orderCount(final int rank) {
        return orderCounts[depth - 1 - rank];
    }

    /** Size resting at {@code price}, 0 when there is no level. */
    long sizeAt(final long price) {
        final int index = Arrays.binarySearch(keys, 0, depth, keyOf(price));
        return index >= 0 ? sizes[index] : 0;
    }

    /**
     * Sets the level at {@code price} to its new total (0 removes it) and returns the size it had
     * before (0 when it did not exist). {@link #lastRank()} then tells where the change happened.
     */
    long set(final long price, final long size, final int orderCount) {
        final long key = keyOf(price);
        final int index = Arrays.binarySearch(keys, 0, depth, key);
        if (index >= 0) {
            lastRank = depth - 1 - index;
            final long before = sizes[index];
            if (size == 0) {
                System.arraycopy(keys, index + 1, keys, index, depth - index - 1);
                System.arraycopy(sizes, index + 1, sizes, index, depth - index - 1);
                System.arraycopy(orderCounts, index + 1, orderCounts, index, depth - index - 1);
                depth--;
            } else {
                sizes[index] = size;
                orderCounts[index] = orderCount;
            }
            return before;
        }
        if (size == 0) {
            // the removal of a level this side never had changes nothing
            lastRank = Integer.MAX_VALUE;
            return 0;
        }
        final int insertAt = -index - 1;
        lastRank = depth - insertAt;
        if (depth == keys.length) {
            grow();
        }
        System.arraycopy(keys, insertAt, keys, insertAt + 1, depth - insertAt);
        System.arraycopy(sizes, insertAt, sizes, insertAt + 1, depth - insertAt);
        System.arraycopy(orderCounts, insertAt, orderCounts, insertAt + 1, depth - insertAt);
        keys[insertAt] = key;
        sizes[insertAt] = size;
        orderCounts[insertAt] = orderCount;
        depth++;
        return 0;
    }

    /** The rank (0 = best) of the level the last {@link #set} changed, added or removed. */
    int lastRank() {
        return lastRank;
    }

    private long keyOf(final long price) {
        return bids ? price : -price;
    }

    private long priceOf(final long key) {
        return bids ? key : -key;
    }

    private void grow() {
        final int capacity = keys.length * 2;
        keys = Arrays.copyOf(keys, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        orderCounts = Arrays.copyOf(orderCounts, capacity);
    }

    /** Writes the levels worst first (array order), so that a restore only appends. */
    void write(final SnapshotOutput out) {
        out.putInt(depth);
        for (int index = 0; index < depth; index++) {
            out.putLong(priceOf(keys[index])).putLong(sizes[index]).putInt(orderCounts[index]);
        }
    }

    /** Restores into an empty side. */
    void read(final SnapshotInput in) {
        final int levels = in.getBounded(in.remaining() / 20);
        for (int index = 0; index < levels; index++) {
            final long price = in.getLong();
            final long size = in.getLong();
            final int orderCount = in.getInt();
            if (price <= 0 || size <= 0 || orderCount <= 0 || (depth > 0 && keyOf(price) <= keys[depth - 1])) {
                throw new SnapshotFormatException("book level " + index + " is not a valid level in worst-first order");
            }
            set(price, size, orderCount);
        }
    }
}
