package io.tidemark.engine.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class BookSideTest {
    @Test
    void keepsLevelsInPriorityOrderThroughInsertsAndRemovals() {
        for (final boolean highestFirst : new boolean[] {true, false}) {
            final Pools pools = new Pools(0, 0);
            final BookSide side = new BookSide(highestFirst, pools);
            final TreeSet<Long> model = new TreeSet<>();
            final SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < 50_000; i++) {
                final long price = 1_000 + random.nextInt(600);
                if (random.nextInt(3) > 0) {
                    side.findOrCreate(price);
                    model.add(price);
                } else if (side.find(price) != null) {
                    side.removeLevel(side.find(price));
                    model.remove(price);
                }
                if (i % 1_000 == 0) {
                    final List<Long> actual = new ArrayList<>();
                    for (int depth = 0; depth < side.levelCount(); depth++) {
                        actual.add(side.level(depth).price);
                    }
                    assertThat(actual).containsExactlyElementsOf(highestFirst ? model.descendingSet() : model);
                    assertThat(side.best() == null ? null : side.best().price)
                        .isEqualTo(model.isEmpty() ? null : highestFirst ? model.last() : model.first());
                }
            }
            assertThat(pools.levelsCreated()).as("levels are reused").isLessThanOrEqualTo(601);
        }
    }
}
