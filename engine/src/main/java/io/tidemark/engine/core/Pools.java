package io.tidemark.engine.core;

/**
 * Free lists of orders and price levels, so steady-state trading allocates nothing: objects are
 * created only when the pool is empty (growth), and returned when an order closes or a level empties.
 */
final class Pools {
    private Order freeOrders;
    private PriceLevel freeLevels;
    private long levelsCreated;

    Pools(final int preallocatedOrders, final int preallocatedLevels) {
        for (int i = 0; i < preallocatedOrders; i++) {
            releaseOrder(new Order());
        }
        for (int i = 0; i < preallocatedLevels; i++) {
            releaseLevel(newLevel());
        }
    }

    Order acquireOrder() {
        final Order order = freeOrders;
        if (order == null) {
            return new Order();
        }
        freeOrders = order.next;
        order.next = null;
        return order;
    }

    void releaseOrder(final Order order) {
        order.reset();
        order.next = freeOrders;
        freeOrders = order;
    }

    PriceLevel acquireLevel(final long price) {
        PriceLevel level = freeLevels;
        if (level == null) {
            level = newLevel();
        } else {
            freeLevels = level.nextFree;
            level.nextFree = null;
        }
        level.price = price;
        return level;
    }

    void releaseLevel(final PriceLevel level) {
        level.reset();
        level.nextFree = freeLevels;
        freeLevels = level;
    }

    long levelsCreated() {
        return levelsCreated;
    }

    private PriceLevel newLevel() {
        levelsCreated++;
        return new PriceLevel();
    }
}
