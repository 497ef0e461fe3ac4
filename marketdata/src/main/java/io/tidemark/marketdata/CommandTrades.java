package io.tidemark.marketdata;

import io.tidemark.engine.api.Side;

import java.util.Arrays;

/**
 * The trades of the current command, held only while a listener is set, so that they can be
 * published in order at the end of the command even when there are more of them than the tape keeps.
 * Grows to the largest command seen and is reused. Not thread safe.
 */
final class CommandTrades {
    private int[] marketIds = new int[16];
    private long[] tradeIds = new long[16];
    private long[] prices = new long[16];
    private long[] sizes = new long[16];
    private Side[] takerSides = new Side[16];
    private long[] times = new long[16];
    private int count;

    void add(final int marketId, final long tradeId, final long price, final long size, final Side takerSide,
             final long time) {
        if (count == tradeIds.length) {
            final int capacity = count * 2;
            marketIds = Arrays.copyOf(marketIds, capacity);
            tradeIds = Arrays.copyOf(tradeIds, capacity);
            prices = Arrays.copyOf(prices, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            takerSides = Arrays.copyOf(takerSides, capacity);
            times = Arrays.copyOf(times, capacity);
        }
        marketIds[count] = marketId;
        tradeIds[count] = tradeId;
        prices[count] = price;
        sizes[count] = size;
        takerSides[count] = takerSide;
        times[count] = time;
        count++;
    }

    /** Publishes the trades of one market, in the order they happened. */
    void publish(final int marketId, final Trade view, final MarketDataListener listener) {
        for (int i = 0; i < count; i++) {
            if (marketIds[i] == marketId) {
                listener.onTrade(view.set(marketId, tradeIds[i], prices[i], sizes[i], takerSides[i], times[i]));
            }
        }
    }

    void clear() {
        count = 0;
    }
}
