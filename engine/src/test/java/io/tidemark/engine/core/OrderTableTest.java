package io.tidemark.engine.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTableTest {
    private static Order order(final long id) {
        final Order order = new Order();
        order.orderId = id;
        return order;
    }

    /**
     * Orders placed with rising ids, most closed soon, some left open for many ring lengths, others
     * put back out of id order (as a snapshot restores them): every lookup agrees with a map.
     */
    @Test
    void findsEveryOpenOrderWhetherItsSlotIsItsOwnOrItMovedAside() {
        final OrderTable table = new OrderTable(64, 16);
        final Map<Long, Order> model = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(7);
        for (long id = 1; id < 20_000; id++) {
            final Order placed = order(id);
            table.put(placed);
            model.put(id, placed);
            if (random.nextInt(10) < 8 && !model.isEmpty()) {
                final long victim = id - random.nextInt((int) Math.min(id, 100));
                final Order open = model.remove(victim);
                if (open != null) {
                    table.remove(open);
                }
            }
            if (random.nextInt(500) == 0) {
                // an older id put back after a newer one took its slot
                final long older = Math.max(1, id - 64 * (1 + random.nextInt(5)));
                if (!model.containsKey(older)) {
                    final Order restored = order(older);
                    table.put(restored);
                    model.put(older, restored);
                }
            }
            final long probe = 1 + random.nextInt((int) id);
            assertThat(table.get(probe)).isSameAs(model.get(probe));
        }
        assertThat(table.size()).isEqualTo(model.size());
        for (long id = 1; id < 20_000; id++) {
            assertThat(table.contains(id)).isEqualTo(model.containsKey(id));
            assertThat(table.get(id)).isSameAs(model.get(id));
        }
    }
}
