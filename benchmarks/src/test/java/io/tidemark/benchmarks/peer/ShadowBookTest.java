package io.tidemark.benchmarks.peer;

import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowBookTest {
    private final ShadowBook book = new ShadowBook();
    private final MatchingEngine engine = TidemarkReplay.freshEngine(10, book);
    private final EngineInspector inspector = new EngineInspector(engine);
    private final Command c = new Command();

    private long place(final long account, final Side side, final long price, final long size) {
        engine.process(c.placeOrder(account, RealisticMix.MARKET, side, OrderType.LIMIT, price, size));
        assertThat(c.result.isRejection()).as(c.toString()).isFalse();
        return c.resultId;
    }

    @Test
    void seesWhichRestingOrdersATakerWouldMeetInQueueOrder() {
        place(1, Side.SELL, 3_000_100, 5);
        place(2, Side.SELL, 3_000_100, 5);
        place(3, Side.SELL, 3_000_101, 5);
        assertThat(book.wouldMeetOwn(1, Side.BUY, 3_000_100, 1)).as("its own order is first in the queue").isTrue();
        assertThat(book.wouldMeetOwn(2, Side.BUY, 3_000_100, 5)).as("filled by account 1's order first").isFalse();
        assertThat(book.wouldMeetOwn(2, Side.BUY, 3_000_100, 6)).isTrue();
        assertThat(book.wouldMeetOwn(3, Side.BUY, 3_000_100, 50)).as("its order is beyond the limit").isFalse();
        assertThat(book.wouldMeetOwn(3, Side.BUY, 0, 11)).as("a market order walks on").isTrue();
        assertThat(book.wouldMeetOwn(3, Side.BUY, 3_000_101, 10)).isFalse();
        assertThat(book.wouldMeetOwn(1, Side.SELL, 1, 100)).as("no bids to meet").isFalse();
    }

    @Test
    void followsFillsAmendsAndCancelsAsTheEngineDoes() {
        final long a = place(1, Side.SELL, 3_000_100, 5);
        final long b = place(2, Side.SELL, 3_000_100, 5);
        place(3, Side.BUY, 3_000_100, 7);
        assertThat(book.restingCount()).as("a filled, b partly").isEqualTo(1);
        assertThat(book.oldest(0).id).isEqualTo(b);
        assertThat(book.oldest(0).remaining()).isEqualTo(3);
        final long d = place(4, Side.SELL, 3_000_102, 5);
        engine.process(c.amendOrder(2, b, 3_000_101, 0));
        assertThat(book.best(Side.SELL)).isEqualTo(3_000_101).isEqualTo(inspector.bestPrice(RealisticMix.MARKET, Side.SELL));
        engine.process(c.amendOrder(4, d, 3_000_101, 0));
        assertThat(book.wouldMeetOwn(4, Side.BUY, 3_000_101, 3)).as("b re-queued first, then d behind it").isFalse();
        assertThat(book.wouldMeetOwn(4, Side.BUY, 3_000_101, 4)).isTrue();
        engine.process(c.cancelOrder(2, b));
        assertThat(book.restingCount()).isEqualTo(1).isEqualTo((int) inspector.openOrderCount());
        assertThat(book.oldest(0).id).isEqualTo(d);
        assertThat(a).isEqualTo(1);
        assertThat(book.digest.result().trades()).isEqualTo(2);
    }

    @Test
    void findsTheKthOldestAmongThousandsOfIds() {
        final ShadowBook.OldestFirst ids = new ShadowBook.OldestFirst();
        for (long id = 1; id <= 10_000; id++) {
            ids.add(id);
        }
        for (long id = 1; id <= 10_000; id += 2) {
            ids.remove(id);
        }
        assertThat(ids.size()).isEqualTo(5_000);
        assertThat(ids.kth(0)).isEqualTo(2);
        assertThat(ids.kth(4_999)).isEqualTo(10_000);
        ids.add(20_001);
        assertThat(ids.kth(5_000)).isEqualTo(20_001);
        assertThat(ids.kth(1_000)).isEqualTo(2_002);
    }
}
