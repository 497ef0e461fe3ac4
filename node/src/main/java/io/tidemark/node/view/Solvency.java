package io.tidemark.node.view;

/**
 * The books balance when, per asset, everything deposited less everything withdrawn equals what the
 * accounts hold (available + hold over every wallet) plus what the fee account earned. One line per
 * asset, in minor units; {@link #difference()} must be zero. Read on the view thread.
 */
public record Solvency(int assetId, long deposits, long withdrawals, long balances, long fees) {
    public static Solvency of(final int assetId, final AccountViews accounts, final OperatorViews operator) {
        return new Solvency(assetId, operator.deposited(assetId), operator.withdrawn(assetId),
            accounts.totalOf(assetId, false), accounts.totalOf(assetId, true));
    }

    public long difference() {
        return deposits - withdrawals - balances - fees;
    }
}
