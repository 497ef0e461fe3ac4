package io.tidemark.engine.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class BookSideTest {
    /** Live levels, best first, as every traversal sees them (empty slots skipped). */
    private static List<Long> live(final BookSide side) {
        final List<Long> prices = new ArrayList<>();
        for (int slot = side.slotCount() - 1; slot >= 0; slot--) {
            if (!side.slot(slot).isEmpty()) {
                prices.add(side.slot(slot).price);
            }
        }
        return prices;
    }

    @Test
    void keepsLevelsInPriorityOrderThroughCreationEmptyingRevivalAndCompaction() {
        for (final boolean highestFirst : new boolean[] {true, false}) {
            final Pools pools = new Pools(0, 0);
            final BookSide side = new BookSide(highestFirst, pools);
            final TreeMap<Long, Order> model = new TreeMap<>();
            final SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < 100_000; i++) {
                // prices clustered like a book: most near a moving touch, some deep
                final long price = 10_000 + (random.nextInt(4) == 0 ? random.nextInt(2_000) : random.nextInt(60));
                if (!model.containsKey(price) && random.nextInt(3) > 0) {
                    final Order order = new Order();
                    order.size = 1;
                    side.findOrCreate(price).append(order);
                    model.put(price, order);
                } else if (model.containsKey(price)) {
                    final Order order = model.remove(price);
                    final PriceLevel level = order.level;
                    level.remove(order);
                    side.levelEmptied(level);
                }
                if (i % 500 == 0) {
                    assertThat(live(side)).containsExactlyElementsOf(highestFirst ? model.descendingKeySet() : model.keySet());
                    assertThat(side.levelCount()).isEqualTo(model.size());
                    assertThat(side.best() == null ? null : side.best().price)
                        .isEqualTo(model.isEmpty() ? null : highestFirst ? model.lastKey() : model.firstKey());
                    assertThat(side.find(price)).isSameAs(model.containsKey(price) ? model.get(price).level : null);
                }
            }
            assertThat(side.slotCount()).as("empty slots are compacted away").isLessThan(2 * model.size() + 40);
            assertThat(pools.levelsCreated()).as("levels are reused").isLessThan(2_100);
        }
    }

    @Test
    void aNewPriceBetweenTwoLevelsTakesOverAnEmptySlotThereWithoutShifting() {
        final BookSide side = new BookSide(true, new Pools(0, 0));
        for (final long price : new long[] {100, 101, 102, 103, 104}) {
            final Order order = new Order();
            order.size = 1;
            side.findOrCreate(price).append(order);
        }
        final PriceLevel emptied = side.find(102);
        emptied.remove(emptied.head);
        side.levelEmptied(emptied);
        final int slots = side.slotCount();

        final PriceLevel moved = side.findOrCreate(102);
        assertThat(moved).isSameAs(emptied);
        final Order order = new Order();
        order.size = 1;
        moved.append(order);
        assertThat(side.slotCount()).isEqualTo(slots);
        assertThat(live(side)).containsExactly(104L, 103L, 102L, 101L, 100L);
    }
}
