package io.tidemark.engine.core;

/**
 * All orders at one price on one side, in time priority: an intrusive FIFO with a running total so
 * that level totals are never recomputed. Pooled; owned by the engine thread.
 */
final class PriceLevel {
    long price;
    long totalSize;
    int orderCount;
    Order head;
    Order tail;
    /** Free-list link while pooled. */
    PriceLevel nextFree;

    void append(final Order order) {
        order.level = this;
        order.next = null;
        order.prev = tail;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        orderCount++;
        totalSize += order.remaining();
    }

    /** Unlinks {@code order}; its remaining size leaves the total. */
    void remove(final Order order) {
        final Order prev = order.prev;
        final Order next = order.next;
        if (prev == null) {
            head = next;
        } else {
            prev.next = next;
        }
        if (next == null) {
            tail = prev;
        } else {
            next.prev = prev;
        }
        order.prev = null;
        order.next = null;
        order.level = null;
        orderCount--;
        totalSize -= order.remaining();
    }

    boolean isEmpty() {
        return head == null;
    }

    void reset() {
        price = 0;
        totalSize = 0;
        orderCount = 0;
        head = null;
        tail = null;
    }
}
