package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.config.Market;

/**
 * Money into, out of and around an account: deposits, withdrawals and transfers between its wallets.
 * Deposits and withdrawals also move what is outstanding of the asset, which bounds every balance.
 * A deposit with a reference is made once: the same reference again with the same fields is a replay
 * (the original's id), with other fields a conflict. A requested withdrawal holds its amount in the
 * spot wallet until it is completed (the held funds leave) or rejected (they are released); a frozen
 * account withdraws nothing. Nothing here touches a book. Owned by the engine thread.
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
        Custody.Reference reference = null;
        if (c.clientOrderId.isPresent()) {
            reference = new Custody.Reference(c.clientOrderId.word(0), c.clientOrderId.word(1),
                c.clientOrderId.word(2), c.clientOrderId.word(3));
            final Custody.Deposit earlier = state.custody.deposits.get(reference);
            if (earlier != null) {
                if (earlier.accountId() != c.accountId || earlier.assetId() != c.assetId
                    || earlier.amount() != c.amount) {
                    return ResultCode.DEPOSIT_CONFLICT;
                }
                c.resultId = earlier.depositId();
                return ResultCode.REPLAYED;
            }
        }
        if (c.amount > Market.MAX_NOTIONAL - accounts.outstanding(c.assetId)) {
            return ResultCode.AMOUNT_TOO_LARGE;
        }
        final int index = accounts.getOrCreate(c.accountId);
        accounts.addOutstanding(c.assetId, c.amount);
        accounts.addAvailable(index, c.assetId, c.amount);
        if (reference != null) {
            state.custody.deposits.put(reference, new Custody.Deposit(c.accountId, c.assetId, c.amount, c.sequence));
            c.resultId = c.sequence;
        }
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
        if (index >= 0 && accounts.isFrozen(index)) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        if (index < 0 || accounts.available(index, c.assetId) < c.amount) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        accounts.addOutstanding(c.assetId, -c.amount);
        accounts.addAvailable(index, c.assetId, -c.amount);
        c.resultId = state.nextWithdrawalId++;
        balanceEvents.spotChanged(now, index, c.assetId);
        return ResultCode.ACCEPTED;
    }

    /** Holds the amount for an operator to complete or reject; the withdrawal's number goes to {@code c.resultId}. */
    ResultCode requestWithdrawal(final long now, final Command c) {
        final ResultCode invalid = validate(c);
        if (invalid != null) {
            return invalid;
        }
        final int index = accounts.index(c.accountId);
        if (index >= 0 && accounts.isFrozen(index)) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        if (index < 0 || accounts.available(index, c.assetId) < c.amount) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        accounts.hold(index, c.assetId, c.amount);
        c.resultId = state.nextWithdrawalId++;
        state.custody.pending.put(c.resultId, new Custody.PendingWithdrawal(c.accountId, c.assetId, c.amount));
        balanceEvents.spotChanged(now, index, c.assetId);
        return ResultCode.ACCEPTED;
    }

    /** The held funds of a pending withdrawal leave the exchange. */
    ResultCode completeWithdrawal(final long now, final Command c) {
        final ResultCode missing = pendingOrWhyNot(c);
        if (missing != null) {
            return missing;
        }
        final Custody.PendingWithdrawal w = state.custody.pending.remove(c.withdrawalId);
        final int index = accounts.index(w.accountId());
        accounts.spendHold(index, w.assetId(), w.amount());
        accounts.addOutstanding(w.assetId(), -w.amount());
        c.resultId = c.withdrawalId;
        balanceEvents.spotChanged(now, index, w.assetId());
        return ResultCode.ACCEPTED;
    }

    /** The held funds of a pending withdrawal go back to the account's available balance. */
    ResultCode rejectWithdrawal(final long now, final Command c) {
        final ResultCode missing = pendingOrWhyNot(c);
        if (missing != null) {
            return missing;
        }
        final Custody.PendingWithdrawal w = state.custody.pending.remove(c.withdrawalId);
        final int index = accounts.index(w.accountId());
        accounts.release(index, w.assetId(), w.amount());
        c.resultId = c.withdrawalId;
        balanceEvents.spotChanged(now, index, w.assetId());
        return ResultCode.ACCEPTED;
    }

    private ResultCode pendingOrWhyNot(final Command c) {
        if (state.custody.pending.containsKey(c.withdrawalId)) {
            return null;
        }
        return c.withdrawalId >= 1 && c.withdrawalId < state.nextWithdrawalId ? ResultCode.WITHDRAWAL_NOT_PENDING
            : ResultCode.WITHDRAWAL_NOT_FOUND;
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
