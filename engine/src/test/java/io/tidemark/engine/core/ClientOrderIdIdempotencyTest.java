package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.testkit.EngineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** A retry loop can never double-spend: one client_order_id, one order, per account, for at least 24 h. */
class ClientOrderIdIdempotencyTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long HOUR = 3_600_000_000_000L;
    private EngineFixture fx;

    @BeforeEach
    void fund() {
        fx = new EngineFixture();
        for (final long account : new long[] {ALICE, BOB}) {
            fx.deposit(account, USD, "100000");
            fx.deposit(account, BTC, "10");
        }
    }

    private Command place(final long account, final String cid, final String price) {
        return fx.limit(account, BTC_USD, Side.BUY, price, "1", c -> c.clientOrderId.set(cid));
    }

    @Test
    void aRepeatWithIdenticalFieldsReturnsTheExistingOrderAndCreatesNothing() {
        final long id = place(ALICE, "bot-42-0001", "100.00").resultId;
        final long before = fx.engine.stateHash();
        final Command repeat = place(ALICE, "bot-42-0001", "100.00");

        assertThat(repeat.result).isEqualTo(ResultCode.REPLAYED);
        assertThat(repeat.resultId).isEqualTo(id);
        assertThat(fx.engine.stateHash()).isEqualTo(before);
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "100.25"));
    }

    @Test
    void aRepeatWithDifferentFieldsIsAConflictAndCreatesNothing() {
        place(ALICE, "bot-42-0001", "100.00");
        final long before = fx.engine.stateHash();

        assertThat(place(ALICE, "bot-42-0001", "100.01").result).isEqualTo(ResultCode.CLIENT_ORDER_ID_CONFLICT);
        assertThat(fx.engine.stateHash()).isEqualTo(before);
    }

    @Test
    void aReplayReturnsTheOrderEvenAfterItFilled() {
        final long id = place(ALICE, "x", "100.00").resultId;
        fx.limit(BOB, BTC_USD, Side.SELL, "100.00", "1");
        final Command repeat = place(ALICE, "x", "100.00");

        assertThat(repeat.result).isEqualTo(ResultCode.REPLAYED);
        assertThat(repeat.resultId).isEqualTo(id);
    }

    @Test
    void idsBelongToTheirAccount() {
        place(ALICE, "same", "100.00");
        assertThat(place(BOB, "same", "100.00").result).isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void aRejectedOrderDoesNotUseUpItsClientOrderId() {
        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "100000.00", "5", c -> c.clientOrderId.set("retry")).result)
            .isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1", c -> c.clientOrderId.set("retry")).result)
            .isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void entriesLiveAtLeast24HoursOfCommandTimeAndAreThenEvictedOnTheNextInsert() {
        final long id = place(ALICE, "old", "100.00").resultId;
        fx.cancel(ALICE, id);
        fx.advance(24 * HOUR - 10_000_000);
        assertThat(place(ALICE, "old", "100.00").result).as("just under 24 h later").isEqualTo(ResultCode.REPLAYED);

        fx.advance(HOUR);
        place(ALICE, "newer", "100.00");
        final Command reuse = place(ALICE, "old", "99.00");
        assertThat(reuse.result).as("after 24 h and another insert").isEqualTo(ResultCode.ACCEPTED);
        assertThat(reuse.resultId).isNotEqualTo(id);
    }

    @Test
    void anOpenOrderKeepsItsClientOrderIdPastTheRetention() {
        final long id = place(ALICE, "gtc-forever", "100.00").resultId;
        fx.advance(30 * HOUR);
        place(ALICE, "trigger-eviction", "100.00");
        fx.advance(30 * HOUR);
        place(ALICE, "trigger-eviction-again", "100.00");

        final Command cancel = fx.run(c -> {
            c.cancelOrder(ALICE, 0);
            c.clientOrderId.set("gtc-forever");
        });
        assertThat(cancel.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(cancel.resultId).isEqualTo(id);
    }
}
