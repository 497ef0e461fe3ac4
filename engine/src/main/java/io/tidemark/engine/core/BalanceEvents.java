package io.tidemark.engine.core;

import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.Wallet;

/**
 * Reports a balance after it changed, read back from {@link Accounts} so that the event carries the new
 * absolute value and a consumer never re-derives it. Owned by the engine thread.
 */
final class BalanceEvents {
    private final Accounts accounts;
    private final EngineListener listener;

    BalanceEvents(final Accounts accounts, final EngineListener listener) {
        this.accounts = accounts;
        this.listener = listener;
    }

    /** The spot wallet, the only one with holds and the one trading moves: no wallet lookup on the hot path. */
    void spotChanged(final long now, final int accountIndex, final int asset) {
        listener.onBalanceChanged(now, accounts.id(accountIndex), asset, Wallet.SPOT,
            accounts.available(accountIndex, asset), accounts.hold(accountIndex, asset));
    }

    void walletChanged(final long now, final int accountIndex, final int asset, final Wallet wallet) {
        listener.onBalanceChanged(now, accounts.id(accountIndex), asset, wallet,
            accounts.walletAvailable(accountIndex, asset, wallet), accounts.walletHold(accountIndex, asset, wallet));
    }
}
