package io.tidemark.engine.collections;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IdIndexTest {
    private static final class Item {
        final long id;

        Item(final long id) {
            this.id = id;
        }
    }

    @Test
    void agreesWithAHashMapThroughGrowthCollisionsAndRemovals() {
        final IdIndex<Item> index = new IdIndex<>(4, item -> item.id);
        final Map<Long, Item> model = new HashMap<>();
        final List<Item> live = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(9);
        long nextId = 1;
        for (int step = 0; step < 300_000; step++) {
            if (live.isEmpty() || random.nextInt(100) < 55) {
                // mostly sequential ids, some far apart so that they collide modulo the capacity
                final Item item = new Item(random.nextInt(10) == 0 ? nextId + 1_024L * random.nextInt(64) : nextId);
                nextId = item.id + 1;
                index.put(item);
                model.put(item.id, item);
                live.add(item);
            } else {
                final Item item = live.remove(random.nextInt(live.size()));
                index.remove(item);
                model.remove(item.id);
            }
            if (step % 5_000 == 0) {
                assertThat(index.size()).isEqualTo(model.size());
                for (final Item item : live) {
                    assertThat(index.get(item.id)).isSameAs(item);
                }
                for (int probe = 0; probe < 1_000; probe++) {
                    final long id = random.nextLong(nextId + 10);
                    assertThat(index.get(id)).isSameAs(model.get(id));
                }
            }
        }
    }
}
