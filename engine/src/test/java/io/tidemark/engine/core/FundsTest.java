package io.tidemark.engine.core;

import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.EngineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** Deposits, withdrawals and transfers between an account's wallets. */
class FundsTest {
    private static final long ALICE = 1;
    private EngineFixture fx;

    @BeforeEach
    void fund() {
        fx = new EngineFixture();
        fx.deposit(ALICE, USD, "1000");
    }

    @Test
    void aDepositCreditsSpotAvailableAndCounts() {
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "1000"));
        assertThat(fx.inspector.outstanding(USD)).isEqualTo(fx.units(USD, "1000"));
        assertThat(fx.last(EngineEvent.Balance.class)).containsExactly(
            new EngineEvent.Balance(fx.now(), ALICE, USD, Wallet.SPOT, fx.units(USD, "1000"), 0));
    }

    @Test
    void aWithdrawalDebitsAvailableAndGetsAnIdFromACounter() {
        final long first = fx.run(c -> c.withdraw(ALICE, USD, fx.units(USD, "400"))).resultId;
        final long second = fx.run(c -> c.withdraw(ALICE, USD, fx.units(USD, "100"))).resultId;

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "500"));
        assertThat(fx.inspector.outstanding(USD)).isEqualTo(fx.units(USD, "500"));
    }

    @Test
    void aWithdrawalOfMoreThanAvailableIsRejected() {
        fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "5");
        assertThat(fx.run(c -> c.withdraw(ALICE, USD, fx.units(USD, "600"))).result)
            .isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(fx.run(c -> c.withdraw(99, USD, 1)).result).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void transfersMoveFundsBetweenWalletsAndOnlySpotTrades() {
        fx.run(c -> c.transfer(ALICE, USD, fx.units(USD, "900"), Wallet.SPOT, Wallet.EARN));

        assertThat(fx.inspector.walletAvailable(ALICE, USD, Wallet.EARN)).isEqualTo(fx.units(USD, "900"));
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "100"));
        assertThat(fx.last(EngineEvent.Balance.class)).extracting(EngineEvent.Balance::wallet)
            .containsExactly(Wallet.SPOT, Wallet.EARN);
        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "2").result).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);

        fx.run(c -> c.transfer(ALICE, USD, fx.units(USD, "300"), Wallet.EARN, Wallet.MARGIN));
        assertThat(fx.inspector.walletAvailable(ALICE, USD, Wallet.MARGIN)).isEqualTo(fx.units(USD, "300"));
    }

    @Test
    void badFundsCommandsAreRejectedWithTheirCode() {
        assertThat(fx.run(c -> c.deposit(ALICE, 9, 1)).result).isEqualTo(ResultCode.UNKNOWN_ASSET);
        assertThat(fx.run(c -> c.deposit(ALICE, USD, 0)).result).isEqualTo(ResultCode.INVALID_AMOUNT);
        assertThat(fx.run(c -> c.deposit(ALICE, USD, -5)).result).isEqualTo(ResultCode.INVALID_AMOUNT);
        assertThat(fx.run(c -> c.deposit(0, USD, 5)).result).isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fx.run(c -> c.deposit(ALICE, USD, Market.MAX_NOTIONAL)).result).isEqualTo(ResultCode.AMOUNT_TOO_LARGE);
        assertThat(fx.run(c -> c.transfer(ALICE, USD, 5, Wallet.SPOT, Wallet.SPOT)).result).isEqualTo(ResultCode.SAME_WALLET);
        assertThat(fx.run(c -> c.transfer(ALICE, USD, 5, null, Wallet.SPOT)).result).isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fx.run(c -> c.transfer(ALICE, BTC, 5, Wallet.SPOT, Wallet.EARN)).result)
            .isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void totalDepositsOfAnAssetAreCappedSoNoBalanceCanOverflow() {
        final long room = Market.MAX_NOTIONAL - fx.inspector.outstanding(USD);
        assertThat(fx.run(c -> c.deposit(2, USD, room)).result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(fx.run(c -> c.deposit(3, USD, 1)).result).isEqualTo(ResultCode.AMOUNT_TOO_LARGE);
    }
}
