package io.tidemark.marketdata.analytics;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;
import io.tidemark.marketdata.MarketData;

/**
 * Fills the book-derived part of an {@link Overview} from the market data's L2 book: best prices, mid,
 * spread, microprice, top-10 imbalance and the depth within each band around the mid. Exact integer
 * arithmetic; results rounded half up (ratios half away from zero). Not thread safe; view thread.
 */
final class OverviewCalc {
    private final Overview out;
    private Market market;
    private long bidLots;
    private long askLots;
    private int rank;
    private final MarketData.LevelSink top = this::top;
    private final MarketData.LevelSink bids = (price, size, orders) -> level(true, price, size);
    private final MarketData.LevelSink asks = (price, size, orders) -> level(false, price, size);

    OverviewCalc(final Overview out) {
        this.out = out;
    }

    private boolean topBids;

    private void top(final long price, final long size, final int orders) {
        if (topBids) {
            out.hasBid = true;
            out.bestBid = price;
            out.bestBidSize = size;
        } else {
            out.hasAsk = true;
            out.bestAsk = price;
            out.bestAskSize = size;
        }
    }

    /** Only the best bid and ask with their sizes. */
    Overview top(final MarketData marketData, final int marketId) {
        out.hasBid = false;
        out.hasAsk = false;
        topBids = true;
        marketData.levels(marketId, Side.BUY, 1, top);
        topBids = false;
        marketData.levels(marketId, Side.SELL, 1, top);
        return out;
    }

    Overview fill(final MarketData marketData, final int marketId, final Market pairMarket) {
        this.market = pairMarket;
        top(marketData, marketId);
        java.util.Arrays.fill(out.bandBidLots, 0);
        java.util.Arrays.fill(out.bandAskLots, 0);
        java.util.Arrays.fill(out.bandBidNotional, 0);
        java.util.Arrays.fill(out.bandAskNotional, 0);
        out.hasImbalance = false;
        if (out.hasBothSides()) {
            out.midHalfTicks = out.bestBid + out.bestAsk;
            out.spread = out.bestAsk - out.bestBid;
            // spread / mid × 10,000 bps, at BPS_SCALE decimals: spread × 2 × 10^4 × 10^2 / (2 mid)
            out.spreadBps = PriceGrid.roundHalfUp(out.spread * 2 * 10_000 * MarketAnalytics.pow10(Overview.BPS_SCALE),
                out.midHalfTicks);
            // the price the next trade is likelier to be near: each side's price weighted by the other side's size
            out.microprice = PriceGrid.roundHalfUp(out.bestBid * out.bestAskSize + out.bestAsk * out.bestBidSize,
                out.bestBidSize + out.bestAskSize);
        }
        bidLots = 0;
        askLots = 0;
        rank = 0;
        marketData.levels(marketId, Side.BUY, marketData.bookDepth(marketId, Side.BUY), bids);
        rank = 0;
        marketData.levels(marketId, Side.SELL, marketData.bookDepth(marketId, Side.SELL), asks);
        if (bidLots + askLots > 0) {
            out.hasImbalance = true;
            out.imbalance = PriceGrid.roundHalfAway((bidLots - askLots) * MarketAnalytics.pow10(Overview.RATIO_SCALE),
                bidLots + askLots);
        }
        return out;
    }

    private void level(final boolean bid, final long price, final long size) {
        if (rank < Overview.IMBALANCE_LEVELS) {
            if (bid) {
                bidLots += size;
            } else {
                askLots += size;
            }
        }
        rank++;
        if (!out.hasBothSides()) {
            return;
        }
        for (int band = 0; band < Overview.BAND_PER_MILLE.length; band++) {
            final long perMille = Overview.BAND_PER_MILLE[band];
            // inside the band: price ≥ mid (1 − b) for bids, price ≤ mid (1 + b) for asks; mid = midHalfTicks / 2
            final boolean inside = bid ? 2_000 * price >= out.midHalfTicks * (1_000 - perMille)
                : 2_000 * price <= out.midHalfTicks * (1_000 + perMille);
            if (inside) {
                if (bid) {
                    out.bandBidLots[band] += size;
                    out.bandBidNotional[band] += market.notional(price, size);
                } else {
                    out.bandAskLots[band] += size;
                    out.bandAskNotional[band] += market.notional(price, size);
                }
            }
        }
    }
}
