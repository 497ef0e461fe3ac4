package io.tidemark.marketdata.analytics;

import io.tidemark.engine.api.Side;

/**
 * One large trade, as a reusable view valid only during the callback that hands it out. Price in
 * ticks, size in lots, notional in quote minor units, time in epoch nanoseconds (command time).
 */
public final class LargeTrade {
    private int marketId;
    private long tradeId;
    private long price;
    private long size;
    private long notional;
    private Side takerSide;
    private int levelsSwept;
    private LargeTradeLabel label;
    private long time;

    LargeTrade set(final int market, final long id, final long tradePrice, final long tradeSize, final long tradeNotional,
                   final Side side, final int levels, final LargeTradeLabel tradeLabel, final long epochNanos) {
        marketId = market;
        tradeId = id;
        price = tradePrice;
        size = tradeSize;
        notional = tradeNotional;
        takerSide = side;
        levelsSwept = levels;
        label = tradeLabel;
        time = epochNanos;
        return this;
    }

    public int marketId() {
        return marketId;
    }

    public long tradeId() {
        return tradeId;
    }

    public long price() {
        return price;
    }

    public long size() {
        return size;
    }

    public long notional() {
        return notional;
    }

    public Side takerSide() {
        return takerSide;
    }

    /** Price levels the taker order traded at in the command that made this trade. */
    public int levelsSwept() {
        return levelsSwept;
    }

    public LargeTradeLabel label() {
        return label;
    }

    public long time() {
        return time;
    }
}
