package io.tidemark.node.view;

import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

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

    public FillRecord set(final long tradeId, final long orderId, final int marketId, final Side side, final long price,
                          final long size, final long fee, final Liquidity liquidity, final long time) {
        this.tradeId = tradeId;
        this.orderId = orderId;
        this.marketId = marketId;
        this.side = side;
        this.price = price;
        this.size = size;
        this.fee = fee;
        this.liquidity = liquidity;
        this.time = time;
        return this;
    }

    public void writeTo(final SnapshotOutput out) {
        out.putLong(tradeId).putLong(orderId).putInt(marketId).putByte(side.code()).putLong(price)
            .putLong(size).putLong(fee).putByte(liquidity.code()).putLong(time);
    }

    /** Reads what {@link #writeTo} wrote into this record. */
    public FillRecord readFrom(final SnapshotInput in) {
        return set(in.getLong(), in.getLong(), in.getInt(), Side.fromCode(in.getByte()), in.getLong(), in.getLong(),
            in.getLong(), Liquidity.fromCode(in.getByte()), in.getLong());
    }
}
