package io.tidemark.engine.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class BookSideTest {
    /** Levels best first, as every traversal sees them. */
    private static List<Long> bestFirst(final BookSide side) {
        final List<Long> prices = new ArrayList<>();
        for (PriceLevel level = side.best(); level != null; level = side.next(level)) {
            prices.add(level.price);
        }
        return prices;
    }

    private static List<Long> worstFirst(final BookSide side) {
        final List<Long> prices = new ArrayList<>();
        for (PriceLevel level = side.worst(); level != null; level = side.previous(level)) {
            prices.add(0, level.price);
        }
        return prices;
    }

    private static void add(final BookSide side, final TreeMap<Long, Order> model, final long price) {
        final Order order = new Order();
        order.size = 1;
        side.findOrCreate(price).append(order);
        model.put(price, order);
    }

    private static void remove(final BookSide side, final TreeMap<Long, Order> model, final long price) {
        final Order order = model.remove(price);
        final PriceLevel level = order.level;
        level.remove(order);
        side.levelEmptied(level);
    }

    private static void assertSame(final BookSide side, final TreeMap<Long, Order> model, final boolean highestFirst) {
        final List<Long> expected = new ArrayList<>(highestFirst ? model.descendingKeySet() : model.keySet());
        assertThat(bestFirst(side)).containsExactlyElementsOf(expected);
        assertThat(worstFirst(side)).containsExactlyElementsOf(expected);
        assertThat(side.levelCount()).isEqualTo(model.size());
        assertThat(side.isEmpty()).isEqualTo(model.isEmpty());
        assertThat(side.best() == null ? null : side.best().price)
            .isEqualTo(model.isEmpty() ? null : highestFirst ? model.lastKey() : model.firstKey());
    }

    /**
     * A model check on a drifting touch with levels near it and far behind it and jumps of the touch by
     * many window widths, on a narrow window so that the overflow, slides both ways and the window's
     * move onto the overflow happen all the time; traversals both ways, best, counts and find agree with
     * a sorted map throughout.
     */
    @Test
    void keepsLevelsInPriorityOrderAcrossTheWindowTheOverflowAndSlides() {
        for (final int width : new int[] {64, 256, BookSide.RESTING_WINDOW}) {
            for (final boolean highestFirst : new boolean[] {true, false}) {
                final Pools pools = new Pools(0, 0);
                final BookSide side = new BookSide(highestFirst, pools, width);
                final TreeMap<Long, Order> model = new TreeMap<>();
                final SplittableRandom random = new SplittableRandom(5 + width);
                long touch = 1_000_000;
                for (int i = 0; i < 100_000; i++) {
                    touch += random.nextInt(7) - 3;
                    if (random.nextInt(5_000) == 0) {
                        touch += (random.nextBoolean() ? 1 : -1) * 40L * width;
                    }
                    final int shape = random.nextInt(10);
                    final long price = shape < 6 ? touch + random.nextInt(40) - 20
                        : shape < 9 ? touch + random.nextInt(4 * width) - 2 * width
                        : touch + random.nextInt(200 * width) - 100 * width;
                    if (price <= 0) {
                        continue;
                    }
                    if (model.containsKey(price)) {
                        assertThat(side.find(price)).isSameAs(model.get(price).level);
                        remove(side, model, price);
                    } else if (random.nextInt(3) > 0 || model.isEmpty()) {
                        assertThat(side.find(price)).isNull();
                        add(side, model, price);
                    } else {
                        remove(side, model, random.nextBoolean() ? model.firstKey() : model.lastKey());
                    }
                    if (i % 997 == 0) {
                        assertSame(side, model, highestFirst);
                    }
                }
                assertSame(side, model, highestFirst);
                while (!model.isEmpty()) {
                    remove(side, model, highestFirst ? model.lastKey() : model.firstKey());
                    if (model.size() % 50 == 0) {
                        assertSame(side, model, highestFirst);
                    }
                }
                assertSame(side, model, highestFirst);
                assertThat(pools.levelsCreated()).as("emptied levels go back to the pool").isLessThan(20_000);
            }
        }
    }

    @Test
    void aPriceFarBehindTheTouchWaitsInTheOverflowAndComesBackWhenTheTouchReachesIt() {
        final BookSide bids = new BookSide(true, new Pools(0, 0), 64);
        final TreeMap<Long, Order> model = new TreeMap<>();
        add(bids, model, 10_000);
        add(bids, model, 9_990);
        add(bids, model, 100);          // far behind the window
        add(bids, model, 50_000);       // far ahead: the window moves up, 10,000 and 9,990 go behind it
        assertSame(bids, model, true);
        remove(bids, model, 50_000);    // the window moves onto 10,000 and takes 9,990 in
        assertThat(bids.best().price).isEqualTo(10_000);
        remove(bids, model, 10_000);
        remove(bids, model, 9_990);
        assertThat(bids.best().price).isEqualTo(100);
        assertSame(bids, model, true);
        remove(bids, model, 100);
        assertThat(bids.best()).isNull();
        assertThat(bids.worst()).isNull();
    }

    @Test
    void anEmptiedLevelIsReusedForTheNextNewPrice() {
        final Pools pools = new Pools(0, 0);
        final BookSide asks = new BookSide(false, pools);
        final TreeMap<Long, Order> model = new TreeMap<>();
        for (long price = 100; price < 105; price++) {
            add(asks, model, price);
        }
        remove(asks, model, 102);
        add(asks, model, 110);
        assertThat(pools.levelsCreated()).isEqualTo(5);
        assertSame(asks, model, false);
    }
}
