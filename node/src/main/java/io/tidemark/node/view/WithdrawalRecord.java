package io.tidemark.node.view;

/**
 * One withdrawal as the operator sees it: who, what, how much, where it stands, and when it was
 * requested and last changed (epoch nanoseconds). Immutable: a change makes a new record.
 */
public record WithdrawalRecord(long id, long accountId, int assetId, long amount, WithdrawalStatus status,
                               long createdTime, long updatedTime) {
    WithdrawalRecord settled(final WithdrawalStatus newStatus, final long time) {
        return new WithdrawalRecord(id, accountId, assetId, amount, newStatus, createdTime, time);
    }
}
