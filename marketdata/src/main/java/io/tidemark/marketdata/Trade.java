package io.tidemark.marketdata;

import io.tidemark.engine.api.Side;

/**
 * One public trade, as a reusable view: valid only during the callback that hands it out. Price in
 * ticks, size in lots, time in epoch nanoseconds (the command's time).
 */
public final class Trade {
    private int marketId;
    private long tradeId;
    private long price;
    private long size;
    private Side takerSide;
    private long time;

    Trade set(final int market, final long id, final long tradePrice, final long tradeSize, final Side side,
              final long epochNanos) {
        this.marketId = market;
        this.tradeId = id;
        this.price = tradePrice;
        this.size = tradeSize;
        this.takerSide = side;
        this.time = epochNanos;
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

    public Side takerSide() {
        return takerSide;
    }

    public long time() {
        return time;
    }

    @Override
    public String toString() {
        return "Trade{market=" + marketId + ", id=" + tradeId + ", price=" + price + ", size=" + size + ", taker="
            + takerSide + ", time=" + time + '}';
    }
}
