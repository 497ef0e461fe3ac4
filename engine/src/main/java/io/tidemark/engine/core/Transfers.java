package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.config.Market;

/**
 * Money into, out of and around an account: deposits, withdrawals and transfers between its wallets.
 * Deposits and withdrawals also move what is outstanding of the asset, which bounds every balance.
 * Nothing here touches a book or a hold. Owned by the engine thread.
 */
final class Transfers {
    private final EngineState state;
    private final Accounts accounts;
    private final BalanceEvents balanceEvents;

    Transfers(final EngineState state, final BalanceEvents balanceEvents) {
        this.state = state;
        this.accounts = state.accounts;
        this.balanceEvents = balanceEvents;
    }

    ResultCode deposit(final long now, final Command c) {
        final ResultCode invalid = validate(c);
        if (invalid != null) {
            return invalid;
        }
        if (c.amount > Market.MAX_NOTIONAL - accounts.outstanding(c.assetId)) {
            return ResultCode.AMOUNT_TOO_LARGE;
        }
        final int index = accounts.getOrCreate(c.accountId);
        accounts.addOutstanding(c.assetId, c.amount);
        accounts.addAvailable(index, c.assetId, c.amount);
        balanceEvents.spotChanged(now, index, c.assetId);
        return ResultCode.ACCEPTED;
    }

    /** Takes the amount out of spot available; the withdrawal's number goes to {@code c.resultId}. */
    ResultCode withdraw(final long now, final Command c) {
        final ResultCode invalid = validate(c);
        if (invalid != null) {
            return invalid;
        }
        final int index = accounts.index(c.accountId);
        if (index < 0 || accounts.available(index, c.assetId) < c.amount) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        accounts.addOutstanding(c.assetId, -c.amount);
        accounts.addAvailable(index, c.assetId, -c.amount);
        c.resultId = state.nextWithdrawalId++;
        balanceEvents.spotChanged(now, index, c.assetId);
        return ResultCode.ACCEPTED;
    }

    ResultCode transfer(final long now, final Command c) {
        final ResultCode invalid = validate(c);
        if (invalid != null) {
            return invalid;
        }
        if (c.fromWallet == null || c.toWallet == null) {
            return ResultCode.INVALID_PARAMETER;
        }
        if (c.fromWallet == c.toWallet) {
            return ResultCode.SAME_WALLET;
        }
        final int index = accounts.index(c.accountId);
        if (index < 0 || accounts.walletAvailable(index, c.assetId, c.fromWallet) < c.amount) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        accounts.addWallet(index, c.assetId, c.fromWallet, -c.amount);
        accounts.addWallet(index, c.assetId, c.toWallet, c.amount);
        balanceEvents.walletChanged(now, index, c.assetId, c.fromWallet);
        balanceEvents.walletChanged(now, index, c.assetId, c.toWallet);
        return ResultCode.ACCEPTED;
    }

    private ResultCode validate(final Command c) {
        if (c.accountId <= Accounts.FEE_ACCOUNT_ID) {
            return ResultCode.INVALID_PARAMETER;
        }
        if (c.assetId < 0 || c.assetId >= state.config.assets().size()) {
            return ResultCode.UNKNOWN_ASSET;
        }
        if (c.amount <= 0) {
            return ResultCode.INVALID_AMOUNT;
        }
        if (c.amount > Market.MAX_NOTIONAL) {
            return ResultCode.AMOUNT_TOO_LARGE;
        }
        return null;
    }
}
