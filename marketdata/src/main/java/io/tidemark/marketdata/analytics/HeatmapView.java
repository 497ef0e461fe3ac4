package io.tidemark.marketdata.analytics;

/**
 * A pair's liquidity zones over a window: the top {@value #ZONES} buckets of each side by average
 * resting size, and the zones nearest above and below the reference price (the mid, or the last
 * trade when a side is empty). Prices in ticks, sizes in lots, distances at
 * {@link Overview#RATIO_SCALE} decimals of a percent. Filled on a query.
 */
public final class HeatmapView {
    public static final int ZONES = 10;

    public long bucketTicks;
    /** Book samples in the window (one a minute). */
    public long samples;
    public int bidZones;
    public final long[] bidLow = new long[ZONES];
    public final long[] bidAvgLots = new long[ZONES];
    public int askZones;
    public final long[] askLow = new long[ZONES];
    public final long[] askAvgLots = new long[ZONES];
    /** Reference price in half ticks; false when the pair has neither a book nor a trade. */
    public boolean hasReference;
    public long referenceHalfTicks;
    public boolean hasAbove;
    public long aboveLow;
    public long aboveDistancePct;
    public boolean hasBelow;
    public long belowLow;
    public long belowDistancePct;
}
