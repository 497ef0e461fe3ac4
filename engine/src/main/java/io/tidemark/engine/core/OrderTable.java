package io.tidemark.engine.core;

import io.tidemark.engine.collections.IdIndex;

/**
 * Open orders by id. Ids come from a dense counter, so an order's slot in a ring is its id modulo the
 * ring's size: a lookup is one array read and one compare, no hash probe. Two open orders whose ids are
 * a ring's size apart cannot share the slot; the older one (in practice a far older order, still
 * resting deep in a book) moves to an {@link IdIndex}, which lookups fall back to only while it holds
 * anything. The ring is allocated once; the fallback is sized for the expected open orders, as the one
 * index by id was before, and grows beyond them only. Owned by the engine thread.
 */
final class OrderTable {
    private final Order[] ring;
    private final int mask;
    private final IdIndex<Order> older;
    private int size;

    /**
     * @param capacity       ring slots, a power of two: ids of open orders this far apart stay in the ring
     * @param expectedOrders open orders to size the fallback for, as if all of them were older: it grows
     *                       (allocates) only beyond that
     */
    OrderTable(final int capacity, final int expectedOrders) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.ring = new Order[capacity];
        this.mask = capacity - 1;
        this.older = new IdIndex<>(expectedOrders, Order::orderId);
    }

    int size() {
        return size;
    }

    Order get(final long orderId) {
        final Order order = ring[(int) orderId & mask];
        if (order != null && order.orderId == orderId) {
            return order;
        }
        return older.size() == 0 ? null : older.get(orderId);
    }

    boolean contains(final long orderId) {
        return get(orderId) != null;
    }

    /** Adds an order whose id is not present yet. */
    void put(final Order order) {
        final int slot = (int) order.orderId & mask;
        final Order occupant = ring[slot];
        if (occupant == null) {
            ring[slot] = order;
        } else if (occupant.orderId < order.orderId) {
            older.put(occupant);
            ring[slot] = order;
        } else {
            older.put(order);
        }
        size++;
    }

    /** Removes an order that is present. */
    void remove(final Order order) {
        final int slot = (int) order.orderId & mask;
        if (ring[slot] == order) {
            ring[slot] = null;
        } else {
            older.remove(order);
        }
        size--;
    }
}
