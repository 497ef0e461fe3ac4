package io.tidemark.marketdata;

/**
 * One OHLCV candle, as a reusable view: valid only during the callback that hands it out. Prices in
 * ticks, volume in base lots, quote volume in quote minor units (the sum of each trade's exact
 * notional), start in epoch nanoseconds at a UTC boundary of the interval. The newest candle of a
 * pair may still be forming: it covers the trades so far.
 */
public final class Candle {
    private int marketId;
    private Interval interval;
    private long start;
    private long open;
    private long high;
    private long low;
    private long close;
    private long volume;
    private long quoteVolume;
    private long tradeCount;

    Candle set(final int market, final Interval candleInterval, final long startNanos, final long openPrice,
               final long highPrice, final long lowPrice, final long closePrice, final long baseVolume,
               final long quoteUnits, final long trades) {
        this.marketId = market;
        this.interval = candleInterval;
        this.start = startNanos;
        this.open = openPrice;
        this.high = highPrice;
        this.low = lowPrice;
        this.close = closePrice;
        this.volume = baseVolume;
        this.quoteVolume = quoteUnits;
        this.tradeCount = trades;
        return this;
    }

    public int marketId() {
        return marketId;
    }

    public Interval interval() {
        return interval;
    }

    /** Start of the candle, epoch nanoseconds. */
    public long start() {
        return start;
    }

    public long open() {
        return open;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    public long close() {
        return close;
    }

    /** Base volume in lots. */
    public long volume() {
        return volume;
    }

    /** Quote volume in minor units of the quote asset. */
    public long quoteVolume() {
        return quoteVolume;
    }

    public long tradeCount() {
        return tradeCount;
    }

    @Override
    public String toString() {
        return "Candle{market=" + marketId + ", " + interval.wireName() + ", start=" + start + ", o=" + open + ", h="
            + high + ", l=" + low + ", c=" + close + ", v=" + volume + ", qv=" + quoteVolume + ", n=" + tradeCount + '}';
    }
}
