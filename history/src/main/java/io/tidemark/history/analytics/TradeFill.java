package io.tidemark.history.analytics;

import io.tidemark.engine.api.Side;

/**
 * One of an account's executions as the round-trip matcher needs it: price in ticks, size in lots,
 * the fee in minor units of the base asset ({@code feeInBase}) or of the quote asset, time in epoch ns.
 * The engine charges every fee in the quote asset; a fee in the base asset is valued at the fill's price.
 */
public record TradeFill(long tradeId, int marketId, Side side, long price, long size, long fee, boolean feeInBase,
                        long time) {
}
