package io.tidemark.engine.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIndexTest {
    @Test
    void agreesWithAHashMapThroughGrowthCollisionsAndRemovals() {
        final OrderIndex index = new OrderIndex(4);
        final Map<Long, Order> model = new HashMap<>();
        final List<Order> live = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(9);
        long nextId = 1;
        for (int step = 0; step < 300_000; step++) {
            if (live.isEmpty() || random.nextInt(100) < 55) {
                final Order order = new Order();
                // mostly sequential ids, some far apart so that they collide modulo the capacity
                order.orderId = random.nextInt(10) == 0 ? nextId + 1_024L * random.nextInt(64) : nextId;
                nextId = order.orderId + 1;
                index.put(order);
                model.put(order.orderId, order);
                live.add(order);
            } else {
                final Order order = live.remove(random.nextInt(live.size()));
                index.remove(order);
                model.remove(order.orderId);
            }
            if (step % 5_000 == 0) {
                assertThat(index.size()).isEqualTo(model.size());
                for (final Order order : live) {
                    assertThat(index.get(order.orderId)).isSameAs(order);
                }
                for (int probe = 0; probe < 1_000; probe++) {
                    final long id = random.nextLong(nextId + 10);
                    assertThat(index.get(id)).isSameAs(model.get(id));
                }
            }
        }
    }
}
