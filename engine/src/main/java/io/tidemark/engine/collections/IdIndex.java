package io.tidemark.engine.collections;

import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Objects by a long id that the object itself carries (order ids): one array of references, so a
 * lookup touches one slot and the object it wants anyway, where a map with separate key and value
 * arrays touches three places. Slots come from Fibonacci hashing of the id — ids are sequential, and
 * {@code id & mask} would let a long-lived block of consecutive ids form one long probe cluster that
 * later ids wrap into. Linear probing, backward-shift deletion; grows at half full and allocates only
 * then. Not thread safe.
 */
public final class IdIndex<T> {
    private final ToLongFunction<T> idOf;
    private Object[] slots;
    private int mask;
    private int shift;
    private int size;

    public IdIndex(final int expectedSize, final ToLongFunction<T> idOf) {
        this.idOf = idOf;
        final int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
        slots = new Object[capacity];
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
        final Object[] table = slots;
        int slot = home(id, shift);
        Object item;
        while ((item = table[slot]) != null) {
            if (idOf.applyAsLong((T) item) == id) {
                return (T) item;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    public boolean contains(final long id) {
        return get(id) != null;
    }

    /** Adds an object whose id is not yet present. */
    public void put(final T item) {
        if (++size * 2 > slots.length) {
            grow();
        }
        insert(slots, mask, shift, item);
    }

    /** Removes an object that is present. */
    @SuppressWarnings("unchecked")
    public void remove(final T item) {
        final Object[] table = slots;
        int gap = home(idOf.applyAsLong(item), shift);
        while (table[gap] != item) {
            if (table[gap] == null) {
                throw new IllegalStateException("id " + idOf.applyAsLong(item) + " is not indexed");
            }
            gap = (gap + 1) & mask;
        }
        size--;
        // shift later members of the probe chain back so that no lookup stops at the gap
        int next = (gap + 1) & mask;
        Object candidate;
        while ((candidate = table[next]) != null) {
            final int home = home(idOf.applyAsLong((T) candidate), shift);
            final boolean movable = gap <= next ? (home <= gap || home > next) : (home <= gap && home > next);
            if (movable) {
                table[gap] = candidate;
                gap = next;
            }
            next = (next + 1) & mask;
        }
        table[gap] = null;
    }

    public void clear() {
        Arrays.fill(slots, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private void insert(final Object[] table, final int tableMask, final int tableShift, final T item) {
        int slot = home(idOf.applyAsLong(item), tableShift);
        while (table[slot] != null) {
            slot = (slot + 1) & tableMask;
        }
        table[slot] = item;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        final Object[] old = slots;
        final Object[] table = new Object[old.length * 2];
        final int tableMask = table.length - 1;
        final int tableShift = Long.numberOfLeadingZeros(tableMask);
        for (final Object item : old) {
            if (item != null) {
                insert(table, tableMask, tableShift, (T) item);
            }
        }
        slots = table;
        mask = tableMask;
        shift = tableShift;
    }
}
