package io.tidemark.history.writer;

import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.Wallet;
import io.tidemark.node.view.FillRecord;
import io.tidemark.node.view.OrderRecord;

import java.util.List;

/**
 * What one command changed in the history, copied on the view thread: each order it touched at its
 * state after the command, each fill (one per side's account), and each new wallet total.
 *
 * @param lostBefore batches before this one were dropped (the hand-off was full): the writer reads
 *                   the journal up to this command first
 */
public record Batch(long sequence, long time, CommandType type, long resultId, boolean lostBefore,
                    List<OrderRecord> orders, List<Fill> fills, List<Balance> balances) {

    /** A fill of one account. */
    public record Fill(long accountId, FillRecord fill) {
    }

    /**
     * A wallet's new total. Within a trade, {@code tradeId} names it and {@code fee} is what of the change
     * is this account's fee ({@code feeIncome}: the fee account receiving fees).
     */
    public record Balance(long accountId, int assetId, Wallet wallet, long total, long tradeId, long fee,
                          boolean feeIncome, long time) {
    }
}
