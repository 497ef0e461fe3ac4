package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderStatus;
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

import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** The operator's commands: deposits by reference, held withdrawals, freezes; their state in hash and snapshot. */
class OperatorCommandsTest {
    private static final long ALICE = 1;
    private EngineFixture fx;

    @BeforeEach
    void fund() {
        fx = new EngineFixture();
        fx.deposit(ALICE, USD, "1000");
    }

    @Test
    void aDepositRetriedWithTheSameReferenceAndFieldsCreditsOnceAndAnswersTheOriginal() {
        final Command first = fx.run(c -> c.deposit(ALICE, USD, fx.units(USD, "50"), "wire-0001"));
        assertThat(first.result).isEqualTo(ResultCode.ACCEPTED);
        final long id = first.resultId;
        final Command again = fx.run(c -> c.deposit(ALICE, USD, fx.units(USD, "50"), "wire-0001"));

        assertThat(again.result).isEqualTo(ResultCode.REPLAYED);
        assertThat(again.resultId).isEqualTo(id).isPositive();
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "1050"));
        assertThat(fx.inspector.outstanding(USD)).isEqualTo(fx.units(USD, "1050"));
    }

    @Test
    void aDepositReusingAReferenceWithOtherFieldsIsAConflictAndChangesNothing() {
        fx.run(c -> c.deposit(ALICE, USD, fx.units(USD, "50"), "wire-0001"));
        final long hash = fx.engine.stateHash();

        assertThat(fx.run(c -> c.deposit(ALICE, USD, fx.units(USD, "51"), "wire-0001")).result)
            .isEqualTo(ResultCode.DEPOSIT_CONFLICT);
        assertThat(fx.run(c -> c.deposit(2, USD, fx.units(USD, "50"), "wire-0001")).result)
            .isEqualTo(ResultCode.DEPOSIT_CONFLICT);
        assertThat(fx.engine.stateHash()).isEqualTo(hash);
    }

    @Test
    void aRequestedWithdrawalHoldsItsFundsUntilCompletedThenTheyLeave() {
        final Command requested = fx.run(c -> c.requestWithdrawal(ALICE, USD, fx.units(USD, "400")));
        assertThat(requested.result).isEqualTo(ResultCode.ACCEPTED);
        final long id = requested.resultId;
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "600"));
        assertThat(fx.hold(ALICE, USD)).isEqualTo(fx.units(USD, "400"));
        assertThat(fx.inspector.outstanding(USD)).isEqualTo(fx.units(USD, "1000"));
        assertThat(fx.inspector.pendingWithdrawalCount()).isEqualTo(1);

        final Command completed = fx.run(c -> c.completeWithdrawal(id));
        assertThat(completed.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(fx.hold(ALICE, USD)).isZero();
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "600"));
        assertThat(fx.inspector.outstanding(USD)).isEqualTo(fx.units(USD, "600"));
        assertThat(fx.inspector.pendingWithdrawalCount()).isZero();
        assertThat(fx.last(EngineEvent.Balance.class)).extracting(EngineEvent.Balance::hold).containsExactly(0L);
    }

    @Test
    void aRejectedWithdrawalGivesItsFundsBack() {
        final long id = fx.run(c -> c.requestWithdrawal(ALICE, USD, fx.units(USD, "400"))).resultId;

        assertThat(fx.run(c -> c.rejectWithdrawal(id)).result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "1000"));
        assertThat(fx.hold(ALICE, USD)).isZero();
        assertThat(fx.inspector.outstanding(USD)).isEqualTo(fx.units(USD, "1000"));
    }

    @Test
    void aWithdrawalIsSettledOnceAndAnUnknownOneIsNotFound() {
        final long id = fx.run(c -> c.requestWithdrawal(ALICE, USD, fx.units(USD, "400"))).resultId;
        fx.run(c -> c.completeWithdrawal(id));

        assertThat(fx.run(c -> c.completeWithdrawal(id)).result).isEqualTo(ResultCode.WITHDRAWAL_NOT_PENDING);
        assertThat(fx.run(c -> c.rejectWithdrawal(id)).result).isEqualTo(ResultCode.WITHDRAWAL_NOT_PENDING);
        assertThat(fx.run(c -> c.completeWithdrawal(id + 1)).result).isEqualTo(ResultCode.WITHDRAWAL_NOT_FOUND);
        assertThat(fx.inspector.outstanding(USD)).isEqualTo(fx.units(USD, "600"));
    }

    @Test
    void aWithdrawalRequestBeyondAvailableIsRefused() {
        fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "5");
        assertThat(fx.run(c -> c.requestWithdrawal(ALICE, USD, fx.units(USD, "600"))).result)
            .isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(fx.inspector.pendingWithdrawalCount()).isZero();
    }

    @Test
    void aFrozenAccountPlacesNoOrderAndWithdrawsNothingButCancels() {
        final long resting = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.run(c -> c.freezeAccount(ALICE, false));

        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1").result).isEqualTo(ResultCode.ACCOUNT_FROZEN);
        assertThat(fx.run(c -> c.requestWithdrawal(ALICE, USD, 1)).result).isEqualTo(ResultCode.ACCOUNT_FROZEN);
        assertThat(fx.run(c -> c.withdraw(ALICE, USD, 1)).result).isEqualTo(ResultCode.ACCOUNT_FROZEN);
        assertThat(fx.cancel(ALICE, resting).result).isEqualTo(ResultCode.ACCEPTED);

        fx.run(c -> c.unfreezeAccount(ALICE));
        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1").result).isEqualTo(ResultCode.ACCEPTED);
    }

    @Test
    void freezingWithCancelOrdersCancelsEveryOpenOrderOfTheAccount() {
        fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.rest(ALICE, BTC_USD, Side.BUY, "99.00", "1");

        final Command freeze = fx.run(c -> c.freezeAccount(ALICE, true));

        assertThat(freeze.resultId).isEqualTo(2);
        assertThat(fx.inspector.openOrderCount()).isZero();
        assertThat(fx.hold(ALICE, USD)).isZero();
        assertThat(fx.last(EngineEvent.Closed.class)).extracting(EngineEvent.Closed::status)
            .containsOnly(OrderStatus.CANCELLED);
    }

    @Test
    void operatorStateIsInTheHashAndRestoresFromASnapshot() {
        fx.run(c -> c.requestWithdrawal(ALICE, USD, fx.units(USD, "10")));
        final long before = fx.engine.stateHash();
        fx.run(c -> c.freezeAccount(ALICE, false));
        assertThat(fx.engine.stateHash()).isNotEqualTo(before);
        fx.run(c -> c.deposit(ALICE, USD, fx.units(USD, "5"), "ref-1"));

        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        fx.engine.writeSnapshot(out);
        final byte[] bytes = out.toByteArray();
        final MatchingEngine restored = MatchingEngine.fromSnapshot(fx.config, new RecordingListener(),
            new SnapshotInput(bytes));

        assertThat(version(bytes)).isEqualTo(2);
        assertThat(restored.stateHash()).isEqualTo(fx.engine.stateHash());
        final EngineInspector inspector = new EngineInspector(restored);
        assertThat(inspector.isFrozen(ALICE)).isTrue();
        assertThat(inspector.pendingWithdrawalCount()).isEqualTo(1);
        final Command replay = new Command().deposit(ALICE, USD, fx.units(USD, "5"), "ref-1");
        restored.process(replay);
        assertThat(replay.result).isEqualTo(ResultCode.REPLAYED);
    }

    @Test
    void aStateWithoutOperatorStateIsStillWrittenAsVersionOne() {
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        fx.engine.writeSnapshot(out);
        assertThat(version(out.toByteArray())).isEqualTo(1);
    }

    private static int version(final byte[] snapshot) {
        return ByteBuffer.wrap(snapshot).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    }
}
