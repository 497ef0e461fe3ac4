package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.EngineFixture;
import io.tidemark.engine.testkit.RecordingListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's fee change (maker 10 / taker 25 bps configured): orders placed after it pay the new
 * fees; orders placed before keep paying, and holding for, the fees they were placed under, so a raise
 * never leaves a resting buy holding less than it owes. In the state hash and in snapshot version 3.
 */
class FeeChangeTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private EngineFixture fx;

    @BeforeEach
    void fund() {
        fx = new EngineFixture();
        fx.deposit(ALICE, USD, "100000");
        fx.deposit(BOB, BTC, "10");
    }

    private Command fees(final int maker, final int taker) {
        return fx.run(c -> c.setMarketFees(BTC_USD, maker, taker));
    }

    private EngineEvent.Trade lastTrade() {
        final var trades = fx.last(EngineEvent.Trade.class);
        return trades.get(trades.size() - 1);
    }

    @Test
    void anOrderPlacedAfterAChangePaysTheNewFees() {
        assertThat(fees(20, 50).result).isEqualTo(ResultCode.ACCEPTED);
        fx.rest(BOB, BTC_USD, Side.SELL, "10000", "1");
        fx.limit(ALICE, BTC_USD, Side.BUY, "10000", "1");
        // value 10,000 USD: taker 50 bps = 50 USD, maker 20 bps = 20 USD
        assertThat(lastTrade().takerFee()).isEqualTo(fx.units(USD, "50"));
        assertThat(lastTrade().makerFee()).isEqualTo(fx.units(USD, "20"));
    }

    @Test
    void aRestingBuyKeepsTheFeesAndHoldItWasPlacedUnder() {
        fx.rest(ALICE, BTC_USD, Side.BUY, "10000", "1");
        final long held = fx.hold(ALICE, USD);
        assertThat(held).isEqualTo(fx.units(USD, "10025"));   // value + 25 bps taker fee
        fees(100, 100);
        assertThat(fx.hold(ALICE, USD)).isEqualTo(held);

        fx.limit(BOB, BTC_USD, Side.SELL, "10000", "1");
        assertThat(lastTrade().makerFee()).as("alice's old maker fee").isEqualTo(fx.units(USD, "10"));
        assertThat(lastTrade().takerFee()).as("bob's new taker fee").isEqualTo(fx.units(USD, "100"));
        assertThat(fx.hold(ALICE, USD)).isZero();
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "89990"));
    }

    @Test
    void cancellingAnOrderFromBeforeAChangeReleasesExactlyWhatItHeld() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "10000", "1");
        fees(0, 0);
        fx.cancel(ALICE, id);
        assertThat(fx.hold(ALICE, USD)).isZero();
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "100000"));
    }

    @Test
    void feesAboveTheLimitOrAMakerAboveTheTakerAreRefusedAndChangeNothing() {
        final long hash = fx.engine.stateHash();
        assertThat(fees(30, 20).result).isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fees(-1, 20).result).isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fees(0, io.tidemark.engine.config.Market.MAX_FEE_BPS + 1).result)
            .isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fx.run(c -> c.setMarketFees(99, 1, 2)).result).isEqualTo(ResultCode.UNKNOWN_PAIR);
        assertThat(fx.engine.stateHash()).isEqualTo(hash);
    }

    @Test
    void feeSchedulesAreInTheHashAndRestoreFromASnapshotVersionThree() {
        fx.rest(ALICE, BTC_USD, Side.BUY, "10000", "1");
        final long before = fx.engine.stateHash();
        fees(5, 15);
        assertThat(fx.engine.stateHash()).isNotEqualTo(before);
        fx.rest(ALICE, BTC_USD, Side.BUY, "9000", "1");
        fees(7, 30);

        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        fx.engine.writeSnapshot(out);
        final byte[] bytes = out.toByteArray();
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(3);
        final RecordingListener events = new RecordingListener();
        final MatchingEngine restored = MatchingEngine.fromSnapshot(fx.config, events, new SnapshotInput(bytes));
        assertThat(restored.stateHash()).isEqualTo(fx.engine.stateHash());
        final SnapshotOutput again = new SnapshotOutput(1 << 16);
        restored.writeSnapshot(again);
        assertThat(again.toByteArray()).isEqualTo(bytes);

        // the restored engine charges each resting order its own schedule: the 9,000 bid pays maker 5 bps
        final Command sell = new Command().placeOrder(BOB, BTC_USD, Side.SELL, io.tidemark.engine.api.OrderType.LIMIT,
            fx.price(BTC_USD, "9000"), fx.size(BTC_USD, "2"));
        sell.timestamp = fx.now();
        restored.process(sell);
        final var trades = events.events().stream().filter(EngineEvent.Trade.class::isInstance)
            .map(EngineEvent.Trade.class::cast).toList();
        assertThat(trades).hasSize(2);
        assertThat(trades.get(0).makerFee()).as("10,000 bid, configured 10 bps").isEqualTo(fx.units(USD, "10"));
        assertThat(trades.get(1).makerFee()).as("9,000 bid, 5 bps").isEqualTo(fx.units(USD, "4.5"));
        assertThat(trades.get(1).takerFee()).as("the sell, placed now: 30 bps").isEqualTo(fx.units(USD, "27"));
    }
}
