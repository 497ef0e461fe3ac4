package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.EngineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** Amend: reducing size keeps time priority; a new price or a larger size re-queues. */
class AmendTest {
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

    private Command amend(final long account, final long orderId, final String price, final String size) {
        return fx.run(c -> c.amendOrder(account, orderId, price == null ? 0 : fx.price(BTC_USD, price),
            size == null ? 0 : fx.size(BTC_USD, size)));
    }

    private long firstMakerFilledBy(final String size) {
        fx.limit(CAROL, BTC_USD, Side.SELL, "100.00", size);
        return fx.last(EngineEvent.Trade.class).get(0).makerOrderId();
    }

    @Test
    void reducingSizeKeepsTimePriorityAndReleasesTheHoldDifference() {
        final long first = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.rest(BOB, BTC_USD, Side.BUY, "100.00", "1");
        final Command c = amend(ALICE, first, null, "0.4");

        assertThat(c.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(fx.last(EngineEvent.Amended.class).get(0).priorityKept()).isTrue();
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "40.1"));
        assertThat(fx.last(EngineEvent.Level.class).get(0).totalSize()).isEqualTo(fx.size(BTC_USD, "1.4"));
        assertThat(firstMakerFilledBy("0.1")).isEqualTo(first);
    }

    @Test
    void increasingSizeLosesTimePriority() {
        final long first = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        final long second = fx.rest(BOB, BTC_USD, Side.BUY, "100.00", "1");
        amend(ALICE, first, null, "2");

        assertThat(fx.last(EngineEvent.Amended.class).get(0).priorityKept()).isFalse();
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "200.5"));
        assertThat(firstMakerFilledBy("0.1")).isEqualTo(second);
    }

    @Test
    void changingThePriceLosesTimePriorityEvenWhenItComesBack() {
        final long first = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        final long second = fx.rest(BOB, BTC_USD, Side.BUY, "100.00", "1");
        amend(ALICE, first, "99.00", null);
        amend(ALICE, first, "100.00", null);

        assertThat(firstMakerFilledBy("0.1")).isEqualTo(second);
    }

    @Test
    void aPassiveRepriceMovesTheOrderAndHoldsJustTheDifference() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        amend(ALICE, id, "101.00", null);

        assertThat(fx.last(EngineEvent.Level.class)).containsExactly(
            new EngineEvent.Level(fx.now(), BTC_USD, Side.BUY, fx.price(BTC_USD, "100.00"), 0, 0),
            new EngineEvent.Level(fx.now(), BTC_USD, Side.BUY, fx.price(BTC_USD, "101.00"), fx.size(BTC_USD, "1"), 1));
        // one balance change: the hold grows from 100.25 to 101.2525
        assertThat(fx.last(EngineEvent.Balance.class)).singleElement()
            .satisfies(b -> assertThat(b.hold()).isEqualTo(fx.units(USD, "101.2525")));
    }

    @Test
    void aLargerSizeAtTheSamePriceGoesToTheBackWithOneLevelEvent() {
        final long id = fx.rest(ALICE, BTC_USD, Side.SELL, "100.00", "1");
        fx.rest(BOB, BTC_USD, Side.SELL, "100.00", "1");
        amend(ALICE, id, null, "3");

        assertThat(fx.last(EngineEvent.Level.class)).containsExactly(
            new EngineEvent.Level(fx.now(), BTC_USD, Side.SELL, fx.price(BTC_USD, "100.00"), fx.size(BTC_USD, "4"), 2));
        assertThat(fx.hold(ALICE, BTC)).isEqualTo(fx.units(BTC, "3"));
        fx.limit(CAROL, BTC_USD, Side.BUY, "100.00", "0.1");
        assertThat(fx.last(EngineEvent.Trade.class).get(0).makerAccountId()).isEqualTo(BOB);
    }

    @Test
    void aNewPriceThatCrossesTradesAsATaker() {
        fx.rest(BOB, BTC_USD, Side.SELL, "101.00", "0.5");
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        amend(ALICE, id, "101.00", null);

        final EngineEvent.Trade trade = fx.last(EngineEvent.Trade.class).get(0);
        assertThat(trade.takerOrderId()).isEqualTo(id);
        assertThat(trade.size()).isEqualTo(fx.size(BTC_USD, "0.5"));
        assertThat(fx.inspector.bestPrice(BTC_USD, Side.BUY)).isEqualTo(fx.price(BTC_USD, "101.00"));
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "50.62625"));
    }

    @Test
    void aPostOnlyAmendThatWouldCrossIsRejectedAndChangesNothing() {
        fx.rest(BOB, BTC_USD, Side.SELL, "101.00", "0.5");
        final long id = fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1", c -> c.postOnly = true).resultId;
        final long before = fx.engine.stateHash();

        assertThat(amend(ALICE, id, "101.00", null).result).isEqualTo(ResultCode.POST_ONLY_WOULD_CROSS);
        assertThat(fx.engine.stateHash()).isEqualTo(before);
    }

    @Test
    void aSizeNotAboveWhatIsFilledIsRejected() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.limit(BOB, BTC_USD, Side.SELL, "100.00", "0.6");

        assertThat(amend(ALICE, id, null, "0.6").result).isEqualTo(ResultCode.SIZE_NOT_ABOVE_FILLED);
        assertThat(amend(ALICE, id, null, "0.7").result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "10.025"));
    }

    @Test
    void anAmendNeedingMoreThanIsAvailableIsRejectedAndChangesNothing() {
        fx.deposit(4, USD, "101");
        final long id = fx.rest(4, BTC_USD, Side.BUY, "100.00", "1");
        final long before = fx.engine.stateHash();

        assertThat(amend(4, id, "101.00", null).result).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(fx.engine.stateHash()).isEqualTo(before);
        assertThat(amend(4, id, "100.50", null).result).isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void anotherAccountsOrderCannotBeAmended() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        assertThat(amend(BOB, id, null, "0.5").result).isEqualTo(ResultCode.ORDER_NOT_FOUND);
    }

    @Test
    void aPendingStopCannotBeAmended() {
        final long id = fx.run(c -> {
            c.placeOrder(ALICE, BTC_USD, Side.BUY, OrderType.STOP_LIMIT, fx.price(BTC_USD, "105.00"), fx.size(BTC_USD, "1"));
            c.stopPrice = fx.price(BTC_USD, "105.00");
        }).resultId;
        assertThat(amend(ALICE, id, null, "0.5").result).isEqualTo(ResultCode.ORDER_NOT_AMENDABLE);
    }

    @Test
    void anAmendThatChangesNothingIsRejected() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        assertThat(amend(ALICE, id, "100.00", "1").result).isEqualTo(ResultCode.NOTHING_TO_AMEND);
    }
}
