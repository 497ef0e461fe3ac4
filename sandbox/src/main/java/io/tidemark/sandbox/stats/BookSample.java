package io.tidemark.sandbox.stats;

/**
 * One look at a market's book: when, the best bid and ask, and the size (base units) at each of the
 * first price levels of each side, best first (0 where the side has fewer levels).
 */
public record BookSample(long timeMillis, double bestBid, double bestAsk, double[] bidSizes, double[] askSizes) {
    public boolean twoSided() {
        return bestBid > 0 && bestAsk > 0;
    }

    public double mid() {
        return (bestBid + bestAsk) / 2;
    }

    public double spreadBps() {
        return (bestAsk - bestBid) / mid() * 1e4;
    }
}
