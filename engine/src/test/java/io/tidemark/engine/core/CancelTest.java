package io.tidemark.engine.core;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.EngineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.ETH;
import static io.tidemark.engine.testkit.TestConfigs.ETH_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

class CancelTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private EngineFixture fx;

    @BeforeEach
    void fund() {
        fx = new EngineFixture();
        for (final long account : new long[] {ALICE, BOB}) {
            fx.deposit(account, USD, "100000");
            fx.deposit(account, BTC, "10");
            fx.deposit(account, ETH, "100");
        }
    }

    @Test
    void cancelReleasesTheHoldAndEmptiesTheLevel() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        final Command c = fx.cancel(ALICE, id);

        assertThat(c.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(c.resultId).isEqualTo(id);
        assertThat(fx.hold(ALICE, USD)).isZero();
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "100000"));
        assertThat(fx.last(EngineEvent.Closed.class)).containsExactly(
            new EngineEvent.Closed(fx.now(), id, ALICE, BTC_USD, OrderStatus.CANCELLED, CancelReason.USER, 0));
        assertThat(fx.last(EngineEvent.Level.class).get(0).totalSize()).isZero();
        assertThat(fx.inspector.bestPrice(BTC_USD, Side.BUY)).isZero();
    }

    @Test
    void anotherAccountsOrderIsNotFoundAndStaysOnTheBook() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        final long before = fx.engine.stateHash();

        assertThat(fx.cancel(BOB, id).result).isEqualTo(ResultCode.ORDER_NOT_FOUND);
        assertThat(fx.engine.stateHash()).isEqualTo(before);
    }

    @Test
    void aClosedOrderIsNotFoundButItsIdIsReportedSoItsFinalStateCanBeShown() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.cancel(ALICE, id);
        final Command again = fx.cancel(ALICE, id);

        assertThat(again.result).isEqualTo(ResultCode.ORDER_NOT_FOUND);
        assertThat(again.resultId).isEqualTo(id);
    }

    @Test
    void cancelByClientOrderIdFindsTheOrder() {
        final long id = fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1", c -> c.clientOrderId.set("bot-1")).resultId;
        final Command c = fx.run(cmd -> {
            cmd.cancelOrder(ALICE, 0);
            cmd.clientOrderId.set("bot-1");
        });
        assertThat(c.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(c.resultId).isEqualTo(id);
        assertThat(fx.run(cmd -> {
            cmd.cancelOrder(BOB, 0);
            cmd.clientOrderId.set("bot-1");
        }).result).isEqualTo(ResultCode.ORDER_NOT_FOUND);
    }

    @Test
    void cancelAllCancelsEveryOpenOrderOfTheAccountIncludingPendingStops() {
        fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.rest(ALICE, ETH_USD, Side.SELL, "3000.00", "1");
        fx.run(c -> {
            c.placeOrder(ALICE, BTC_USD, Side.SELL, OrderType.STOP, 0, fx.size(BTC_USD, "1"));
            c.stopPrice = fx.price(BTC_USD, "90.00");
        });
        final long bobs = fx.rest(BOB, BTC_USD, Side.BUY, "99.00", "1");
        final Command c = fx.run(cmd -> cmd.cancelAll(ALICE, Command.ALL_MARKETS));

        assertThat(c.resultId).isEqualTo(3);
        assertThat(fx.last(EngineEvent.Closed.class)).extracting(EngineEvent.Closed::orderId).containsExactly(1L, 2L, 3L);
        assertThat(fx.hold(ALICE, USD)).isZero();
        assertThat(fx.hold(ALICE, BTC)).isZero();
        assertThat(fx.hold(ALICE, ETH)).isZero();
        assertThat(fx.inspector.isOpen(bobs)).isTrue();
    }

    @Test
    void cancelAllCancelsInPlacementOrderEvenAfterRepricing() {
        final long first = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        final long second = fx.rest(ALICE, BTC_USD, Side.BUY, "99.00", "1");
        fx.run(c -> c.amendOrder(ALICE, first, fx.price(BTC_USD, "98.00"), 0));
        fx.run(c -> c.cancelAll(ALICE, Command.ALL_MARKETS));

        assertThat(fx.last(EngineEvent.Closed.class)).extracting(EngineEvent.Closed::orderId).containsExactly(first, second);
    }

    @Test
    void cancelAllCanBeLimitedToOneMarket() {
        fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        final long eth = fx.rest(ALICE, ETH_USD, Side.SELL, "3000.00", "1");
        final Command c = fx.run(cmd -> cmd.cancelAll(ALICE, BTC_USD));

        assertThat(c.resultId).isEqualTo(1);
        assertThat(fx.inspector.isOpen(eth)).isTrue();
    }

    @Test
    void cancelsAreAcceptedWhileTheMarketIsHalted() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.run(c -> c.setMarketStatus(BTC_USD, MarketStatus.HALTED));
        assertThat(fx.cancel(ALICE, id).result).isEqualTo(ResultCode.ACCEPTED);
    }
}
