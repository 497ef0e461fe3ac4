package io.tidemark.engine.core;

/**
 * Open orders by id: one array of orders (the id is read from the order itself), so a lookup touches
 * one slot and the order it needs anyway. Slots come from Fibonacci hashing of the id: order ids are
 * sequential, and {@code id & mask} would let a long-lived block of consecutive orders form one long
 * probe cluster that later ids wrap into. Linear probing, backward-shift deletion, grows at half full
 * and allocates only then. Owned by the engine thread.
 */
final class OrderIndex {
    private Order[] slots;
    private int mask;
    private int shift;
    private int size;

    OrderIndex(final int expectedOrders) {
        final int capacity = Integer.highestOneBit(Math.max(16, expectedOrders * 2 - 1)) << 1;
        slots = new Order[capacity];
        mask = capacity - 1;
        shift = Long.numberOfLeadingZeros(mask);
    }

    private static int home(final long orderId, final int tableShift) {
        return (int) ((orderId * 0x9E3779B97F4A7C15L) >>> tableShift);
    }

    int size() {
        return size;
    }

    Order get(final long orderId) {
        final Order[] table = slots;
        int slot = home(orderId, shift);
        Order order;
        while ((order = table[slot]) != null) {
            if (order.orderId == orderId) {
                return order;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    boolean contains(final long orderId) {
        return get(orderId) != null;
    }

    /** Adds an order whose id is not yet present. */
    void put(final Order order) {
        if (++size * 2 > slots.length) {
            grow();
        }
        insert(slots, mask, shift, order);
    }

    void remove(final Order order) {
        final Order[] table = slots;
        int gap = home(order.orderId, shift);
        while (table[gap] != order) {
            if (table[gap] == null) {
                throw new IllegalStateException("order " + order.orderId + " is not indexed");
            }
            gap = (gap + 1) & mask;
        }
        size--;
        // shift later members of the probe chain back so that no lookup stops at the gap
        int next = (gap + 1) & mask;
        Order candidate;
        while ((candidate = table[next]) != null) {
            final int home = home(candidate.orderId, shift);
            final boolean movable = gap <= next ? (home <= gap || home > next) : (home <= gap && home > next);
            if (movable) {
                table[gap] = candidate;
                gap = next;
            }
            next = (next + 1) & mask;
        }
        table[gap] = null;
    }

    private static void insert(final Order[] table, final int tableMask, final int tableShift, final Order order) {
        int slot = home(order.orderId, tableShift);
        while (table[slot] != null) {
            slot = (slot + 1) & tableMask;
        }
        table[slot] = order;
    }

    private void grow() {
        final Order[] old = slots;
        final Order[] table = new Order[old.length * 2];
        final int tableMask = table.length - 1;
        final int tableShift = Long.numberOfLeadingZeros(tableMask);
        for (final Order order : old) {
            if (order != null) {
                insert(table, tableMask, tableShift, order);
            }
        }
        slots = table;
        mask = tableMask;
        shift = tableShift;
    }
}
