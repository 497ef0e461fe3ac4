package io.tidemark.engine.core;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.EngineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** A taker that would meet its own account's resting order never trades with it. */
class SelfTradePreventionTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private EngineFixture fx;
    private long bobsAsk;
    private long alicesAsk;

    @BeforeEach
    void book() {
        fx = new EngineFixture();
        for (final long account : new long[] {ALICE, BOB}) {
            fx.deposit(account, USD, "100000");
            fx.deposit(account, BTC, "10");
        }
        bobsAsk = fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "0.5");
        alicesAsk = fx.rest(ALICE, BTC_USD, Side.SELL, "100.00", "0.5");
        fx.rest(BOB, BTC_USD, Side.SELL, "101.00", "1");
    }

    private long buy(final SelfTradePrevention stp) {
        return fx.limit(ALICE, BTC_USD, Side.BUY, "101.00", "1.5", c -> c.selfTradePrevention = stp).resultId;
    }

    private CancelReason reasonFor(final long orderId) {
        return fx.last(EngineEvent.Closed.class).stream().filter(c -> c.orderId() == orderId)
            .map(EngineEvent.Closed::reason).findFirst().orElse(null);
    }

    @Test
    void cancelTakerIsTheDefaultAndKeepsFillsBeforeTheOwnOrder() {
        final long taker = fx.limit(ALICE, BTC_USD, Side.BUY, "101.00", "1.5").resultId;

        assertThat(fx.last(EngineEvent.Trade.class)).extracting(EngineEvent.Trade::makerOrderId).containsExactly(bobsAsk);
        assertThat(reasonFor(taker)).isEqualTo(CancelReason.SELF_TRADE);
        assertThat(reasonFor(alicesAsk)).isNull();
        assertThat(fx.inspector.openOrderCount()).isEqualTo(2);
    }

    @Test
    void cancelMakerRemovesTheOwnRestingOrderAndKeepsMatching() {
        final long taker = buy(SelfTradePrevention.CANCEL_MAKER);

        assertThat(reasonFor(alicesAsk)).isEqualTo(CancelReason.SELF_TRADE);
        assertThat(fx.last(EngineEvent.Trade.class)).extracting(EngineEvent.Trade::price)
            .containsExactly(fx.price(BTC_USD, "100.00"), fx.price(BTC_USD, "101.00"));
        assertThat(reasonFor(taker)).isEqualTo(CancelReason.NONE);
        assertThat(fx.hold(ALICE, BTC)).isZero();
    }

    @Test
    void cancelBothCancelsTheTakerAndTheOwnMaker() {
        final long taker = buy(SelfTradePrevention.CANCEL_BOTH);

        assertThat(reasonFor(alicesAsk)).isEqualTo(CancelReason.SELF_TRADE);
        assertThat(reasonFor(taker)).isEqualTo(CancelReason.SELF_TRADE);
        assertThat(fx.last(EngineEvent.Trade.class)).hasSize(1);
    }

    @Test
    void noTradeIsEverBetweenOneAccountAndItself() {
        for (final SelfTradePrevention stp : SelfTradePrevention.values()) {
            buy(stp);
            assertThat(fx.last(EngineEvent.Trade.class)).allMatch(t -> t.takerAccountId() != t.makerAccountId());
        }
    }

    @Test
    void fillOrKillCountsOnlyWhatItCouldTakeWithoutMeetingItself() {
        final long taker = fx.limit(ALICE, BTC_USD, Side.BUY, "101.00", "1.5", c -> c.timeInForce = TimeInForce.FOK).resultId;
        // cancel_taker would stop at Alice's own ask after 0.5: not fillable, and nothing is cancelled but the FOK
        assertThat(reasonFor(taker)).isEqualTo(CancelReason.FOK_NOT_FILLED);
        assertThat(reasonFor(alicesAsk)).isNull();

        final long skipping = fx.limit(ALICE, BTC_USD, Side.BUY, "101.00", "1.5", c -> {
            c.timeInForce = TimeInForce.FOK;
            c.selfTradePrevention = SelfTradePrevention.CANCEL_MAKER;
        }).resultId;
        assertThat(reasonFor(skipping)).isEqualTo(CancelReason.NONE);
        assertThat(reasonFor(alicesAsk)).isEqualTo(CancelReason.SELF_TRADE);
    }
}
