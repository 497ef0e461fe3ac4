package io.tidemark.engine.core;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * The price levels of one side of a book, kept in priority order. Levels sit in an array sorted so
 * that the best price is at the end: the touch, where almost all activity happens, is reached and
 * popped in O(1) and inserting near it moves few elements. A primitive map finds a level by price in
 * O(1). The same structure orders stop orders by trigger price. Owned by the engine thread.
 */
final class BookSide {
    private final boolean highestFirst;
    private final Pools pools;
    private final Long2ObjectHashMap<PriceLevel> byPrice = new Long2ObjectHashMap<>();
    /** Sort keys ascending: the price for highest-first sides, its negation otherwise. */
    private long[] keys = new long[64];
    private PriceLevel[] levels = new PriceLevel[64];
    private int count;

    /**
     * @param highestFirst true when the highest price has priority (bids, sell stops), false when the
     *                     lowest does (asks, buy stops)
     */
    BookSide(final boolean highestFirst, final Pools pools) {
        this.highestFirst = highestFirst;
        this.pools = pools;
    }

    int levelCount() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The level with priority, or {@code null} when the side is empty. */
    PriceLevel best() {
        return count == 0 ? null : levels[count - 1];
    }

    /** The level {@code depth} steps behind the best (0 is the best). */
    PriceLevel level(final int depth) {
        return levels[count - 1 - depth];
    }

    PriceLevel find(final long price) {
        return byPrice.get(price);
    }

    /** True if {@code price} would have priority over (or tie with) {@code other} on this side. */
    boolean isAtLeastAsGood(final long price, final long other) {
        return highestFirst ? price >= other : price <= other;
    }

    PriceLevel findOrCreate(final long price) {
        PriceLevel level = byPrice.get(price);
        if (level == null) {
            level = pools.acquireLevel(price);
            insert(level);
            byPrice.put(price, level);
        }
        return level;
    }

    /** Removes an empty level and returns it to the pool. */
    void removeLevel(final PriceLevel level) {
        final long key = key(level.price);
        final int last = count - 1;
        final int index = keys[last] == key ? last : indexOf(key);
        if (index < 0 || levels[index] != level) {
            throw new IllegalStateException("level " + level.price + " is not on this side");
        }
        System.arraycopy(keys, index + 1, keys, index, last - index);
        System.arraycopy(levels, index + 1, levels, index, last - index);
        levels[last] = null;
        count = last;
        byPrice.remove(level.price);
        pools.releaseLevel(level);
    }

    private void insert(final PriceLevel level) {
        final long key = key(level.price);
        if (count == keys.length) {
            keys = java.util.Arrays.copyOf(keys, count * 2);
            levels = java.util.Arrays.copyOf(levels, count * 2);
        }
        int index;
        if (count == 0 || key > keys[count - 1]) {
            index = count;
        } else {
            index = -(indexOf(key) + 1);
            System.arraycopy(keys, index, keys, index + 1, count - index);
            System.arraycopy(levels, index, levels, index + 1, count - index);
        }
        keys[index] = key;
        levels[index] = level;
        count++;
    }

    private long key(final long price) {
        return highestFirst ? price : -price;
    }

    /** Binary search over the sorted keys: the index, or -(insertion point) - 1. */
    private int indexOf(final long key) {
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            final long midKey = keys[mid];
            if (midKey < key) {
                low = mid + 1;
            } else if (midKey > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
