package io.tidemark.engine.core;

import io.tidemark.engine.collections.IdIndex;

/**
 * The price levels of one side of a book, in priority order. Levels sit in an array sorted so that the
 * best price is at the end: the touch, where most activity happens, is reached and popped in O(1), and a
 * primitive map finds a level by price in O(1).
 *
 * <p>An emptied level deep in the book is not shifted out: it stays as an empty slot, which a later
 * level at that price revives, or a new price between its neighbours takes over (the array stays
 * sorted). A re-priced order usually leaves one level and joins one nearby, so this turns what would
 * be two array shifts of hundreds of levels into two O(1) steps. Empty slots are dropped as soon as
 * they reach the best end and compacted away once they are half the array. They are invisible: every
 * traversal skips them, so they change no decision and no event.
 *
 * <p>The same structure orders stop orders by trigger price. Owned by the engine thread.
 */
final class BookSide {
    private final boolean highestFirst;
    private final Pools pools;
    /**
     * Every level in the array, empty slots included, by price. Fibonacci-hashed: prices are consecutive
     * integers, which a multiplicative hash with linear probing would pile into long clusters.
     */
    private final IdIndex<PriceLevel> byPrice = new IdIndex<>(256, level -> level.price);
    /** Sort keys ascending: the price for highest-first sides, its negation otherwise. */
    private long[] keys = new long[64];
    private PriceLevel[] levels = new PriceLevel[64];
    private int slots;
    private int empty;

    /**
     * @param highestFirst true when the highest price has priority (bids, sell stops), false when the
     *                     lowest does (asks, buy stops)
     */
    BookSide(final boolean highestFirst, final Pools pools) {
        this.highestFirst = highestFirst;
        this.pools = pools;
    }

    /** Levels holding orders. */
    int levelCount() {
        return slots - empty;
    }

    boolean isEmpty() {
        return slots == empty;
    }

    /** The level with priority, or {@code null} when the side is empty. */
    PriceLevel best() {
        return slots == 0 ? null : levels[slots - 1];
    }

    /** Array slots, empty ones included: traverse with {@link #slot} from {@code slotCount() - 1} (best) down, skipping empties. */
    int slotCount() {
        return slots;
    }

    PriceLevel slot(final int index) {
        return levels[index];
    }

    PriceLevel find(final long price) {
        final PriceLevel level = byPrice.get(price);
        return level == null || level.isEmpty() ? null : level;
    }

    PriceLevel findOrCreate(final long price) {
        final PriceLevel existing = byPrice.get(price);
        if (existing != null) {
            if (existing.isEmpty()) {
                empty--;
            }
            return existing;
        }
        final long key = key(price);
        final int at = insertionPoint(key);
        // take over an empty neighbour: the key still sorts between the neighbours of that slot
        if (at > 0 && levels[at - 1].isEmpty()) {
            return takeOver(at - 1, price, key);
        }
        if (at < slots && levels[at].isEmpty()) {
            return takeOver(at, price, key);
        }
        final PriceLevel level = pools.acquireLevel(price);
        insert(at, key, level);
        byPrice.put(level);
        return level;
    }

    private PriceLevel takeOver(final int index, final long price, final long key) {
        final PriceLevel level = levels[index];
        byPrice.remove(level);
        level.price = price;
        keys[index] = key;
        byPrice.put(level);
        empty--;
        return level;
    }

    /** Called when {@code level} has just become empty. */
    void levelEmptied(final PriceLevel level) {
        empty++;
        // keep the best end clean, so best() is always a level with orders
        while (slots > 0 && levels[slots - 1].isEmpty()) {
            final PriceLevel last = levels[--slots];
            levels[slots] = null;
            byPrice.remove(last);
            pools.releaseLevel(last);
            empty--;
        }
        if (empty > 32 && empty * 2 > slots) {
            compact();
        }
    }

    private void compact() {
        int kept = 0;
        for (int i = 0; i < slots; i++) {
            final PriceLevel level = levels[i];
            if (level.isEmpty()) {
                byPrice.remove(level);
                pools.releaseLevel(level);
            } else {
                keys[kept] = keys[i];
                levels[kept++] = level;
            }
        }
        for (int i = kept; i < slots; i++) {
            levels[i] = null;
        }
        slots = kept;
        empty = 0;
    }

    private void insert(final int index, final long key, final PriceLevel level) {
        if (slots == keys.length) {
            keys = java.util.Arrays.copyOf(keys, slots * 2);
            levels = java.util.Arrays.copyOf(levels, slots * 2);
        }
        System.arraycopy(keys, index, keys, index + 1, slots - index);
        System.arraycopy(levels, index, levels, index + 1, slots - index);
        keys[index] = key;
        levels[index] = level;
        slots++;
    }

    private long key(final long price) {
        return highestFirst ? price : -price;
    }

    /** Where {@code key} (not present) belongs: the first slot with a larger key. Usually near the best end. */
    private int insertionPoint(final long key) {
        if (slots == 0 || key > keys[slots - 1]) {
            return slots;
        }
        int low = 0;
        int high = slots - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            if (keys[mid] < key) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
