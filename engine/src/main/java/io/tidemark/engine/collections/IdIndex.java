package io.tidemark.engine.collections;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Objects by a long id that the object itself carries (order ids, prices of levels), for the hot paths
 * of the engine and read models. Keys sit in their own dense {@code long[]} with {@link Long#MIN_VALUE}
 * marking a free slot, so probing and the backward shift on removal touch only that array; the object
 * is read once, when found. Slots come from Fibonacci hashing of the id: ids and prices are consecutive
 * integers, which {@code id & mask} (or a small multiplier) would pile into long probe clusters. Linear
 * probing, backward-shift deletion (no tombstones); grows at half full and allocates only then.
 * {@link Long#MIN_VALUE} cannot be an id. Not thread safe.
 */
public final class IdIndex<T> {
    private static final long FREE = Long.MIN_VALUE;
    private final ToLongFunction<T> idOf;
    private long[] keys;
    private Object[] values;
    private int mask;
    private int shift;
    private int size;

    public IdIndex(final int expectedSize, final ToLongFunction<T> idOf) {
        this.idOf = idOf;
        allocate(Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1);
    }

    private void allocate(final int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, FREE);
        values = new Object[capacity];
        mask = capacity - 1;
        shift = Long.numberOfLeadingZeros(mask);
    }

    private static int home(final long id, final int tableShift) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> tableShift);
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public T get(final long id) {
        final long[] k = keys;
        int slot = home(id, shift);
        long key;
        while ((key = k[slot]) != FREE) {
            if (key == id) {
                return (T) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    public boolean contains(final long id) {
        return get(id) != null;
    }

    /** Adds an object whose id is not yet present (and is not {@link Long#MIN_VALUE}). */
    public void put(final T item) {
        if (++size * 2 > keys.length) {
            grow();
        }
        insert(idOf.applyAsLong(item), item);
    }

    private void insert(final long id, final Object item) {
        final long[] k = keys;
        int slot = home(id, shift);
        while (k[slot] != FREE) {
            slot = (slot + 1) & mask;
        }
        k[slot] = id;
        values[slot] = item;
    }

    /** Removes an object that is present, under the id it had when it was put. */
    public void remove(final T item) {
        final long[] k = keys;
        final Object[] v = values;
        final long id = idOf.applyAsLong(item);
        int gap = home(id, shift);
        while (k[gap] != id) {
            if (k[gap] == FREE) {
                throw new IllegalStateException("id " + id + " is not indexed");
            }
            gap = (gap + 1) & mask;
        }
        size--;
        // shift later members of the probe chain back so that no lookup stops at the gap
        int next = (gap + 1) & mask;
        long candidate;
        while ((candidate = k[next]) != FREE) {
            final int home = home(candidate, shift);
            final boolean movable = gap <= next ? (home <= gap || home > next) : (home <= gap && home > next);
            if (movable) {
                k[gap] = candidate;
                v[gap] = v[next];
                gap = next;
            }
            next = (next + 1) & mask;
        }
        k[gap] = FREE;
        v[gap] = null;
    }

    public void clear() {
        Arrays.fill(keys, FREE);
        Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        final long[] oldKeys = keys;
        final Object[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }
}
