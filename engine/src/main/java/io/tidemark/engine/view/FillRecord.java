package io.tidemark.engine.view;

import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.Side;

/** One execution as seen by one account. Reused in a ring: read on the view thread only, or copy. */
public final class FillRecord {
    long tradeId;
    long orderId;
    int marketId;
    Side side;
    long price;
    long size;
    long fee;
    Liquidity liquidity;
    long time;

    /** An empty record, e.g. to {@code copyFrom} one off the view thread. */
    public FillRecord() {
    }

    // @formatter:off
    public long tradeId() { return tradeId; }
    public long orderId() { return orderId; }
    public int marketId() { return marketId; }
    /** The side of this account's order. */
    public Side side() { return side; }
    public long price() { return price; }
    public long size() { return size; }
    /** Fee in quote minor units (fees are always charged in the quote asset). */
    public long fee() { return fee; }
    public Liquidity liquidity() { return liquidity; }
    public long time() { return time; }
    // @formatter:on

    public FillRecord copyFrom(final FillRecord other) {
        tradeId = other.tradeId;
        orderId = other.orderId;
        marketId = other.marketId;
        side = other.side;
        price = other.price;
        size = other.size;
        fee = other.fee;
        liquidity = other.liquidity;
        time = other.time;
        return this;
    }
}
