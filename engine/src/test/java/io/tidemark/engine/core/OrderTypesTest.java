package io.tidemark.engine.core;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
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

/** Time in force, post-only, market orders by size and by funds, stops and stop-limits. */
class OrderTypesTest {
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

    private EngineEvent.Closed closedOf(final long orderId) {
        return fx.last(EngineEvent.Closed.class).stream().filter(c -> c.orderId() == orderId).findFirst().orElseThrow();
    }

    private Command stop(final long account, final Side side, final String stopPrice, final String size) {
        return fx.run(c -> {
            c.placeOrder(account, BTC_USD, side, OrderType.STOP, 0, fx.size(BTC_USD, size));
            c.stopPrice = fx.price(BTC_USD, stopPrice);
        });
    }

    private Command stopLimit(final long account, final Side side, final String stopPrice, final String limit, final String size) {
        return fx.run(c -> {
            c.placeOrder(account, BTC_USD, side, OrderType.STOP_LIMIT, fx.price(BTC_USD, limit), fx.size(BTC_USD, size));
            c.stopPrice = fx.price(BTC_USD, stopPrice);
        });
    }

    private void tradeAt(final String price) {
        fx.rest(CAROL, BTC_USD, Side.SELL, price, "0.02");
        fx.limit(BOB, BTC_USD, Side.BUY, price, "0.02");
    }

    @Test
    void iocCancelsWhatItCouldNotFillAtOnce() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "0.4");
        final long id = fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1", c -> c.timeInForce = TimeInForce.IOC).resultId;

        final EngineEvent.Closed closed = closedOf(id);
        assertThat(closed.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(closed.reason()).isEqualTo(CancelReason.IOC_REMAINDER);
        assertThat(closed.filled()).isEqualTo(fx.size(BTC_USD, "0.4"));
        assertThat(fx.inspector.bestPrice(BTC_USD, Side.BUY)).isZero();
        assertThat(fx.hold(ALICE, USD)).isZero();
    }

    @Test
    void fokThatCannotFillCompletelyTradesNothingAndIsCancelled() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "0.4");
        fx.rest(BOB, BTC_USD, Side.SELL, "102.00", "1");
        final long balanceBefore = fx.available(ALICE, USD);
        final long id = fx.limit(ALICE, BTC_USD, Side.BUY, "101.00", "1", c -> c.timeInForce = TimeInForce.FOK).resultId;

        assertThat(fx.last(EngineEvent.Trade.class)).isEmpty();
        assertThat(closedOf(id).reason()).isEqualTo(CancelReason.FOK_NOT_FILLED);
        assertThat(fx.available(ALICE, USD)).isEqualTo(balanceBefore);
        assertThat(fx.inspector.bestPrice(BTC_USD, Side.SELL)).isEqualTo(fx.price(BTC_USD, "100.00"));
    }

    @Test
    void fokThatCanFillFillsCompletely() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "0.4");
        fx.rest(CAROL, BTC_USD, Side.SELL, "101.00", "1");
        final long id = fx.limit(ALICE, BTC_USD, Side.BUY, "101.00", "1", c -> c.timeInForce = TimeInForce.FOK).resultId;

        assertThat(fx.last(EngineEvent.Trade.class)).hasSize(2);
        assertThat(closedOf(id).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void postOnlyThatWouldTakeIsCancelledWithoutTrading() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        final long id = fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1", c -> c.postOnly = true).resultId;

        assertThat(fx.last(EngineEvent.Trade.class)).isEmpty();
        assertThat(closedOf(id).reason()).isEqualTo(CancelReason.POST_ONLY_WOULD_TAKE);
        assertThat(fx.hold(ALICE, USD)).isZero();
    }

    @Test
    void postOnlyThatDoesNotCrossRests() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        fx.limit(ALICE, BTC_USD, Side.BUY, "99.99", "1", c -> c.postOnly = true);
        assertThat(fx.inspector.bestPrice(BTC_USD, Side.BUY)).isEqualTo(fx.price(BTC_USD, "99.99"));
    }

    @Test
    void postOnlyIsOnlyForGtcLimitOrders() {
        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "99.99", "1", c -> {
            c.postOnly = true;
            c.timeInForce = TimeInForce.IOC;
        }).result).isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fx.run(c -> {
            c.placeOrder(ALICE, BTC_USD, Side.BUY, OrderType.MARKET, 0, fx.size(BTC_USD, "1"));
            c.postOnly = true;
        }).result).isEqualTo(ResultCode.INVALID_PARAMETER);
    }

    @Test
    void aMarketOrderSweepsLevelsUntilFilled() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "0.5");
        fx.rest(CAROL, BTC_USD, Side.SELL, "101.00", "0.5");
        fx.rest(CAROL, BTC_USD, Side.SELL, "102.00", "0.5");
        final long id = fx.marketOrder(ALICE, BTC_USD, Side.BUY, "0.8").resultId;

        assertThat(fx.last(EngineEvent.Trade.class)).extracting(EngineEvent.Trade::price)
            .containsExactly(fx.price(BTC_USD, "100.00"), fx.price(BTC_USD, "101.00"));
        assertThat(closedOf(id).status()).isEqualTo(OrderStatus.FILLED);
        // 50 + 30.3 = 80.3 value, taker fees 0.125 + 0.07575
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "100000") - fx.units(USD, "80.50075"));
    }

    @Test
    void aMarketOrderCancelsWhatTheBookCannotFill() {
        fx.rest(BOB, BTC_USD, Side.BUY, "100.00", "0.5");
        final long id = fx.marketOrder(ALICE, BTC_USD, Side.SELL, "2").resultId;

        final EngineEvent.Closed closed = closedOf(id);
        assertThat(closed.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(closed.reason()).isEqualTo(CancelReason.MARKET_NO_LIQUIDITY);
        assertThat(closed.filled()).isEqualTo(fx.size(BTC_USD, "0.5"));
    }

    @Test
    void aMarketBuyTheAccountCannotAffordIsRejectedAndChangesNothing() {
        fx.deposit(4, USD, "50");
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        final long before = fx.engine.stateHash();

        assertThat(fx.marketOrder(4, BTC_USD, Side.BUY, "0.5").result).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(fx.engine.stateHash()).isEqualTo(before);
        // 0.4987 BTC costs 49.87 + 0.124675 fee: affordable
        assertThat(fx.marketOrder(4, BTC_USD, Side.BUY, "0.4987").result).isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void aMarketBuyByFundsSpendsAtMostItsFundsFeesIncluded() {
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "0.5");
        fx.rest(CAROL, BTC_USD, Side.SELL, "200.00", "5");
        final long before = fx.available(ALICE, USD);
        final long id = fx.marketBuyFunds(ALICE, BTC_USD, "150").resultId;

        final long spent = before - fx.available(ALICE, USD);
        assertThat(spent).isLessThanOrEqualTo(fx.units(USD, "150"));
        // 0.5 at 100 costs 50.125 with fee, leaving 99.875; at 200 a lot costs 0.02005 with fee, so
        // 4981 lots (99.86905) fit and 4982 (99.8891) would not
        assertThat(spent).isEqualTo(fx.units(USD, "149.99405"));
        assertThat(closedOf(id).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(fx.available(ALICE, BTC) - fx.units(BTC, "10")).isEqualTo(fx.units(BTC, "0.9981"));
    }

    @Test
    void fundsAreOnlyForMarketBuys() {
        assertThat(fx.run(c -> {
            c.placeOrder(ALICE, BTC_USD, Side.SELL, OrderType.MARKET, 0, 0);
            c.funds = 1_000_000;
        }).result).isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fx.run(c -> {
            c.placeOrder(ALICE, BTC_USD, Side.BUY, OrderType.LIMIT, 100, 0);
            c.funds = 1_000_000;
        }).result).isEqualTo(ResultCode.INVALID_PARAMETER);
    }

    @Test
    void aStopWaitsForTheLastTradePriceAndHoldsMeanwhile() {
        final Command c = stop(ALICE, Side.BUY, "105.00", "1");

        assertThat(c.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(fx.last(EngineEvent.Accepted.class).get(0).status()).isEqualTo(OrderStatus.PENDING_TRIGGER);
        assertThat(fx.last(EngineEvent.Level.class)).isEmpty();
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "105.2625"));
    }

    @Test
    void aBuyStopTriggersWhenTheLastTradeReachesItAndExecutesAsAMarketOrder() {
        final long stopId = stop(ALICE, Side.BUY, "105.00", "0.5").resultId;
        fx.rest(BOB, BTC_USD, Side.SELL, "106.00", "1");
        tradeAt("104.99");
        assertThat(fx.last(EngineEvent.Triggered.class)).isEmpty();

        tradeAt("105.00");
        assertThat(fx.last(EngineEvent.Triggered.class)).extracting(EngineEvent.Triggered::orderId).containsExactly(stopId);
        assertThat(fx.last(EngineEvent.Trade.class)).filteredOn(t -> t.takerOrderId() == stopId)
            .extracting(EngineEvent.Trade::price).containsExactly(fx.price(BTC_USD, "106.00"));
        assertThat(closedOf(stopId).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(fx.hold(ALICE, USD)).isZero();
    }

    @Test
    void aSellStopTriggersWhenTheLastTradeFallsToIt() {
        final long stopId = stop(ALICE, Side.SELL, "95.00", "0.5").resultId;
        fx.rest(BOB, BTC_USD, Side.BUY, "90.00", "1");
        tradeAt("95.01");
        assertThat(fx.last(EngineEvent.Triggered.class)).isEmpty();
        tradeAt("95.00");
        assertThat(fx.last(EngineEvent.Triggered.class)).extracting(EngineEvent.Triggered::orderId).containsExactly(stopId);
    }

    @Test
    void aStopLimitRestsAtItsLimitAfterTriggering() {
        final long id = stopLimit(ALICE, Side.BUY, "105.00", "105.50", "1").resultId;
        tradeAt("105.00");

        assertThat(fx.last(EngineEvent.Triggered.class)).extracting(EngineEvent.Triggered::orderId).containsExactly(id);
        assertThat(fx.inspector.bestPrice(BTC_USD, Side.BUY)).isEqualTo(fx.price(BTC_USD, "105.50"));
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "105.76375"));
    }

    @Test
    void dueStopsTriggerLowestBuyStopFirstAndInTimeOrderAtOnePrice() {
        final long at106 = stop(ALICE, Side.BUY, "106.00", "0.01").resultId;
        final long at105first = stop(ALICE, Side.BUY, "105.00", "0.01").resultId;
        final long at105second = stop(BOB, Side.BUY, "105.00", "0.01").resultId;
        fx.rest(CAROL, BTC_USD, Side.SELL, "107.00", "1");
        tradeAt("106.00");

        assertThat(fx.last(EngineEvent.Triggered.class)).extracting(EngineEvent.Triggered::orderId)
            .containsExactly(at105first, at105second, at106);
    }

    @Test
    void triggeredStopsCascadeWithinOneCommandWhenTheirTradesMoveThePrice() {
        fx.rest(CAROL, BTC_USD, Side.BUY, "99.00", "0.02");
        fx.rest(CAROL, BTC_USD, Side.BUY, "97.00", "0.02");
        final long first = stop(ALICE, Side.SELL, "100.00", "0.02").resultId;
        final long second = stop(BOB, Side.SELL, "99.00", "0.02").resultId;
        fx.rest(CAROL, BTC_USD, Side.BUY, "100.00", "0.02");

        // a trade at 100 triggers the first stop, whose sale at 99 triggers the second, which sells at 97
        fx.limit(ALICE, BTC_USD, Side.SELL, "100.00", "0.02");
        assertThat(fx.last(EngineEvent.Triggered.class)).extracting(EngineEvent.Triggered::orderId)
            .containsExactly(first, second);
        assertThat(fx.last(EngineEvent.Trade.class)).extracting(EngineEvent.Trade::price).containsExactly(
            fx.price(BTC_USD, "100.00"), fx.price(BTC_USD, "99.00"), fx.price(BTC_USD, "97.00"));
        assertThat(fx.inspector.lastPrice(BTC_USD)).isEqualTo(fx.price(BTC_USD, "97.00"));
    }

    @Test
    void aStopThatIsAlreadyDueTriggersWhenPlaced() {
        tradeAt("100.00");
        fx.rest(BOB, BTC_USD, Side.SELL, "101.00", "1");
        final long id = stop(ALICE, Side.BUY, "99.00", "0.5").resultId;

        assertThat(fx.last(EngineEvent.Triggered.class)).extracting(EngineEvent.Triggered::orderId).containsExactly(id);
        assertThat(closedOf(id).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aStopMarketBuyTheAccountCannotFundWhenItTriggersIsRejected() {
        fx.deposit(4, USD, "60");
        tradeAt("100.00");
        fx.rest(BOB, BTC_USD, Side.SELL, "150.00", "1");
        // holds 0.5 at 100 = 50.125; at trigger the book asks 150 → 75.1875 > 60
        final long id = stop(4, Side.BUY, "100.00", "0.5").resultId;

        assertThat(fx.last(EngineEvent.Rejected.class)).containsExactly(
            new EngineEvent.Rejected(fx.now(), id, 4, BTC_USD, ResultCode.INSUFFICIENT_FUNDS));
        assertThat(fx.last(EngineEvent.Trade.class)).isEmpty();
        assertThat(fx.available(4, USD)).isEqualTo(fx.units(USD, "60"));
        assertThat(fx.hold(4, USD)).isZero();
    }

    @Test
    void stopsNeedAStopPriceAndOnlyStopsMayHaveOne() {
        assertThat(fx.run(c -> c.placeOrder(ALICE, BTC_USD, Side.BUY, OrderType.STOP, 0, 100)).result)
            .isEqualTo(ResultCode.INVALID_PRICE);
        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1", c -> c.stopPrice = 100).result)
            .isEqualTo(ResultCode.INVALID_PARAMETER);
    }
}
