package io.tidemark.engine.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operator's side of the money keeps between commands: withdrawals waiting for an operator
 * (their funds held in the account's spot wallet) and the reference of every deposit made with one,
 * so that a retried deposit is recognised. Admin commands are rare, so these are plain maps that may
 * allocate; trading never touches them. Iteration orders are fixed (withdrawals by id, references in
 * the order they came), because the state hash and the snapshot walk them. Owned by the engine thread.
 */
final class Custody {
    /** A withdrawal waiting for an operator. */
    record PendingWithdrawal(long accountId, int assetId, long amount) {
    }

    /** A reference as the four words of its packed client_order_id form. */
    record Reference(long word0, long word1, long word2, long word3) {
    }

    /** A deposit made with a reference; {@code depositId} is the sequence of the command that made it. */
    record Deposit(long accountId, int assetId, long amount, long depositId) {
    }

    final TreeMap<Long, PendingWithdrawal> pending = new TreeMap<>();
    final Map<Reference, Deposit> deposits = new LinkedHashMap<>();

    boolean isEmpty() {
        return pending.isEmpty() && deposits.isEmpty();
    }
}
