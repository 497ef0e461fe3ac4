package io.tidemark.engine.core;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.EngineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** Price-time matching and settlement on BTC-USD: 1 tick × 1 lot = 1 USD micro-unit, maker 10 bps, taker 25 bps. */
class MatchingTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;
    private EngineFixture fx;

    @BeforeEach
    void fund() {
        fx = new EngineFixture();
        for (final long account : new long[] {ALICE, BOB, CAROL}) {
            fx.deposit(account, USD, "100000");
            fx.deposit(account, BTC, "10");
        }
    }

    @Test
    void aBuyThatDoesNotCrossRestsAndHoldsItsValuePlusTheTakerFee() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "0.5");

        // 0.5 BTC at 100 = 50 USD; taker fee 25 bps = 0.125 USD
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "50.125"));
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "99949.875"));
        assertThat(fx.last(EngineEvent.Level.class)).containsExactly(
            new EngineEvent.Level(fx.now(), BTC_USD, Side.BUY, fx.price(BTC_USD, "100.00"), fx.size(BTC_USD, "0.5"), 1));
        assertThat(fx.inspector.bestPrice(BTC_USD, Side.BUY)).isEqualTo(fx.price(BTC_USD, "100.00"));
        assertThat(id).isEqualTo(1);
    }

    @Test
    void aSellThatDoesNotCrossHoldsItsBase() {
        fx.rest(BOB, BTC_USD, Side.SELL, "101.00", "0.25");

        assertThat(fx.hold(BOB, BTC)).isEqualTo(fx.units(BTC, "0.25"));
        assertThat(fx.available(BOB, BTC)).isEqualTo(fx.units(BTC, "9.75"));
    }

    @Test
    void aCrossingOrderTradesAtTheMakersPrice() {
        final long maker = fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        fx.limit(ALICE, BTC_USD, Side.BUY, "105.00", "1");

        final EngineEvent.Trade trade = fx.last(EngineEvent.Trade.class).get(0);
        assertThat(trade.price()).isEqualTo(fx.price(BTC_USD, "100.00"));
        assertThat(trade.makerOrderId()).isEqualTo(maker);
        assertThat(trade.takerSide()).isEqualTo(Side.BUY);
        // the taker held for 105 but paid 100 + fee; nothing stays on hold
        assertThat(fx.hold(ALICE, USD)).isZero();
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "99899.75"));
    }

    @Test
    void aTradeSettlesBothSidesAndTheFeeAccountAtOnce() {
        fx.rest(BOB, BTC_USD, Side.SELL, "200.00", "2");
        fx.limit(ALICE, BTC_USD, Side.BUY, "200.00", "2");

        // value 400 USD; taker fee 1.00, maker fee 0.40
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "99599"));
        assertThat(fx.available(ALICE, BTC)).isEqualTo(fx.units(BTC, "12"));
        assertThat(fx.available(BOB, USD)).isEqualTo(fx.units(USD, "100399.6"));
        assertThat(fx.available(BOB, BTC)).isEqualTo(fx.units(BTC, "8"));
        assertThat(fx.hold(BOB, BTC)).isZero();
        assertThat(fx.available(Accounts.FEE_ACCOUNT_ID, USD)).isEqualTo(fx.units(USD, "1.4"));
        final EngineEvent.Trade trade = fx.last(EngineEvent.Trade.class).get(0);
        assertThat(trade.takerFee()).isEqualTo(fx.units(USD, "1"));
        assertThat(trade.makerFee()).isEqualTo(fx.units(USD, "0.4"));
    }

    @Test
    void ordersAtOnePriceFillInTimePriority() {
        final long first = fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        final long second = fx.rest(CAROL, BTC_USD, Side.SELL, "100.00", "1");
        fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1.5");

        assertThat(fx.last(EngineEvent.Trade.class)).extracting(EngineEvent.Trade::makerOrderId, EngineEvent.Trade::size)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(first, fx.size(BTC_USD, "1")),
                org.assertj.core.groups.Tuple.tuple(second, fx.size(BTC_USD, "0.5")));
    }

    @Test
    void betterPricesFillBeforeEarlierWorsePrices() {
        final long worse = fx.rest(BOB, BTC_USD, Side.SELL, "101.00", "1");
        final long better = fx.rest(CAROL, BTC_USD, Side.SELL, "100.00", "1");
        fx.limit(ALICE, BTC_USD, Side.BUY, "101.00", "2");

        assertThat(fx.last(EngineEvent.Trade.class)).extracting(EngineEvent.Trade::makerOrderId)
            .containsExactly(better, worse);
    }

    @Test
    void aPartiallyFilledTakerRestsItsRemainderAtItsLimit() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "0.4");
        final long id = fx.limit(ALICE, BTC_USD, Side.BUY, "100.50", "1").resultId;

        assertThat(fx.inspector.bestPrice(BTC_USD, Side.BUY)).isEqualTo(fx.price(BTC_USD, "100.50"));
        assertThat(fx.inspector.bestPrice(BTC_USD, Side.SELL)).isZero();
        // remaining 0.6 at 100.50 = 60.30 + 0.15075 fee
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "60.45075"));
        assertThat(fx.last(EngineEvent.Closed.class)).extracting(EngineEvent.Closed::orderId).doesNotContain(id);
    }

    @Test
    void aFilledMakerIsClosedAndItsLevelReportsZero() {
        final long maker = fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        final long taker = fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1").resultId;

        assertThat(fx.last(EngineEvent.Closed.class)).containsExactly(
            new EngineEvent.Closed(fx.now(), maker, BOB, BTC_USD, OrderStatus.FILLED, CancelReason.NONE, fx.size(BTC_USD, "1")),
            new EngineEvent.Closed(fx.now(), taker, ALICE, BTC_USD, OrderStatus.FILLED, CancelReason.NONE, fx.size(BTC_USD, "1")));
        assertThat(fx.last(EngineEvent.Level.class)).containsExactly(
            new EngineEvent.Level(fx.now(), BTC_USD, Side.SELL, fx.price(BTC_USD, "100.00"), 0, 0));
        assertThat(fx.inspector.openOrderCount()).isZero();
    }

    @Test
    void aMakerBuyFilledInPartsKeepsHoldingExactlyWhatItsRemainderNeeds() {
        fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.limit(BOB, BTC_USD, Side.SELL, "100.00", "0.3");
        // remaining 0.7 at 100 = 70 + 0.175 taker-fee reserve
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "70.175"));
        // paid 30 + maker fee 0.03
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "100000") - fx.units(USD, "100.205"));
    }

    @Test
    void levelEventsCarryTheLevelsNewTotalAndOrderCount() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        fx.rest(CAROL, BTC_USD, Side.SELL, "100.00", "2");
        assertThat(fx.last(EngineEvent.Level.class)).containsExactly(
            new EngineEvent.Level(fx.now(), BTC_USD, Side.SELL, fx.price(BTC_USD, "100.00"), fx.size(BTC_USD, "3"), 2));
        fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "0.5");
        assertThat(fx.last(EngineEvent.Level.class)).containsExactly(
            new EngineEvent.Level(fx.now(), BTC_USD, Side.SELL, fx.price(BTC_USD, "100.00"), fx.size(BTC_USD, "2.5"), 2));
    }

    @Test
    void idsComeFromCountersAndEveryEventCarriesTheCommandTime() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        fx.advance(5_000_000_000L);
        final long id = fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "0.5").resultId;
        fx.limit(CAROL, BTC_USD, Side.BUY, "100.00", "0.5");

        assertThat(id).isEqualTo(2);
        assertThat(fx.last(EngineEvent.Trade.class).get(0).tradeId()).isEqualTo(2);
        assertThat(fx.events.events()).allSatisfy(event -> {
            if (!(event instanceof EngineEvent.Complete)) {
                assertThat(event.toString()).contains("ts=" + fx.now());
            }
        });
    }

    @Test
    void anOrderTheAccountCannotFundIsRejectedAndChangesNothing() {
        final long before = fx.engine.stateHash();
        final var c = fx.limit(ALICE, BTC_USD, Side.BUY, "100000.00", "2");

        assertThat(c.result).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(fx.events.events()).hasSize(1);
        assertThat(fx.engine.stateHash()).isEqualTo(before);
        assertThat(fx.inspector.nextOrderId()).isEqualTo(1);
    }

    @Test
    void fundsOnHoldCannotBeSpentTwice() {
        fx.rest(ALICE, BTC_USD, Side.SELL, "100.00", "10");
        assertThat(fx.limit(ALICE, BTC_USD, Side.SELL, "100.00", "0.01").result).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(fx.run(c -> c.withdraw(ALICE, BTC, 1)).result).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(fx.run(c -> c.transfer(ALICE, BTC, 1, Wallet.SPOT, Wallet.EARN)).result)
            .isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void feesRoundDownToTheQuoteUnit() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.01", "0.01");
        fx.limit(ALICE, BTC_USD, Side.BUY, "100.01", "0.01");
        // value 1.0001 USD = 1,000,100 micro-USD: 25 bps is 2,500.25 and 10 bps is 1,000.1, both rounded down
        final EngineEvent.Trade trade = fx.last(EngineEvent.Trade.class).get(0);
        assertThat(trade.takerFee()).isEqualTo(2_500);
        assertThat(trade.makerFee()).isEqualTo(1_000);
    }
}
