package io.tidemark.marketdata.analytics;

/**
 * A pair's market overview at one moment, in the engine's integers: prices in ticks, sizes in lots,
 * notionals in quote minor units; {@code mid} in half ticks (it can fall between two ticks); ratios
 * as fixed-point longs at {@link #RATIO_SCALE} decimals and the spread in basis points at
 * {@link #BPS_SCALE}. Filled on a query (view thread), never on the event path.
 */
public final class Overview {
    public static final int RATIO_SCALE = 4;
    public static final int BPS_SCALE = 2;
    /** Levels per side in the imbalance. */
    public static final int IMBALANCE_LEVELS = 10;
    /** The depth bands, in thousandths (0.1 %, 0.5 %, 1 %, 2 % around the mid). */
    public static final long[] BAND_PER_MILLE = {1, 5, 10, 20};
    /** The bands as the API writes them (percent). */
    public static final String[] BAND_NAMES = {"0.1", "0.5", "1", "2"};

    public boolean hasBid;
    public long bestBid;
    public long bestBidSize;
    public boolean hasAsk;
    public long bestAsk;
    public long bestAskSize;
    /** Present only with both sides. */
    public long midHalfTicks;
    public long spread;
    public long spreadBps;
    public long microprice;
    /** Present when the top levels hold any size. */
    public boolean hasImbalance;
    public long imbalance;
    public final long[] bandBidLots = new long[BAND_PER_MILLE.length];
    public final long[] bandAskLots = new long[BAND_PER_MILLE.length];
    public final long[] bandBidNotional = new long[BAND_PER_MILLE.length];
    public final long[] bandAskNotional = new long[BAND_PER_MILLE.length];
    public long takerBuyLots24h;
    public long takerSellLots24h;
    public long cvd1h;
    public long cvd24h;
    public long largeTrades24h;

    public boolean hasBothSides() {
        return hasBid && hasAsk;
    }
}
