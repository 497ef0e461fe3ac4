package io.tidemark.history.store;

import io.tidemark.engine.api.Wallet;

/** One change of a wallet's total, as stored: amounts in the asset's minor units. */
public record LedgerEntry(long id, long accountId, int assetId, Wallet wallet, long amount, long balanceAfter,
                          LedgerType type, long ref, long time) {
}
