package io.tidemark.sandbox.sim;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;

import java.util.SplittableRandom;

/**
 * One market maker's two-sided ladder on one market. Its prices sit on a grid of {@code spacing} ticks
 * (shifted by a per-maker offset, so makers interleave); the best bid is the highest grid price at least
 * its half spread below the reference, skewed down when it holds more of the base asset than it
 * started with (and up when less), so its inventory drifts back. When the reference moves by whole grid
 * steps only the orders that fall off one end are moved to the other (one amend each), as a real maker
 * re-uses its queue positions. Sizes follow a hump over the levels — thin at the touch, thickest a couple
 * of levels out, thinning to a floor — each varying around it.
 */
final class MakerLadder {
    private static final int BID = 0;
    private static final int ASK = 1;
    private static final double SIZE_JITTER = 0.35;
    private static final double DEEP_FLOOR = 0.3;

    private final Venue venue;
    private final Market market;
    private final int levels;
    private final long spacing;
    private final long offset;
    private final double halfSpread;
    private final double skewPerInventory;
    private final double maxSkew;
    private final long quoteLots;
    /** per side, per level (0 = best): the live order's id (null: none), its price and size */
    private final String[][] ids;
    private final long[][] prices;
    private final long[][] sizes;
    private long initialHoldings = Long.MIN_VALUE;
    private long bestBid;
    private long bestAsk;

    /**
     * @param halfSpread      the reference to this maker's best quote, as a fraction of the price
     * @param inventoryScale  base minor units of inventory at which the skew reaches {@code maxSkew}
     */
    MakerLadder(final Venue venue, final Market market, final int levels, final long spacing, final long offset,
                final double halfSpread, final long quoteLots, final double maxSkew, final long inventoryScale) {
        this.venue = venue;
        this.market = market;
        this.levels = levels;
        this.spacing = spacing;
        this.offset = offset;
        this.halfSpread = halfSpread;
        this.quoteLots = quoteLots;
        this.maxSkew = maxSkew;
        this.skewPerInventory = inventoryScale > 0 ? maxSkew / inventoryScale : 0;
        this.ids = new String[2][levels];
        this.prices = new long[2][levels];
        this.sizes = new long[2][levels];
    }

    /** Places the whole ladder around {@code reference} (tick units as a double). */
    void open(final double reference, final SplittableRandom random) {
        initialHoldings = venue.baseHoldings(market);
        bestBid = targetBid(reference);
        bestAsk = targetAsk(reference);
        for (int level = 0; level < levels; level++) {
            quote(BID, level, bestBid - level * spacing, drawSize(level, random));
            quote(ASK, level, bestAsk + level * spacing, drawSize(level, random));
        }
    }

    /** Moves the ladder after the reference (and this maker's skew) by whole grid steps, if it moved. */
    void follow(final double reference, final SplittableRandom random) {
        final long bid = targetBid(reference);
        final long ask = targetAsk(reference);
        if (bid != bestBid) {
            shift(BID, (bid - bestBid) / spacing, random);
            bestBid = bid;
        }
        if (ask != bestAsk) {
            shift(ASK, (bestAsk - ask) / spacing, random);
            bestAsk = ask;
        }
    }

    /**
     * Rotates one side by {@code steps} toward the reference (positive: the best price improves): the
     * orders that fell off one end are re-priced at the other, the rest keep their queue places.
     */
    private void shift(final int side, final long steps, final SplittableRandom random) {
        final long best = side == BID ? bestBid : bestAsk;
        final long improved = side == BID ? best + steps * spacing : best - steps * spacing;
        final int moved = (int) Math.min(levels, Math.abs(steps));
        final String[] oldIds = ids[side].clone();
        final long[] oldPrices = prices[side].clone();
        final long[] oldSizes = sizes[side].clone();
        if (steps > 0) {
            // the deepest `moved` orders become the new top `moved` levels
            System.arraycopy(oldIds, 0, ids[side], moved, levels - moved);
            System.arraycopy(oldPrices, 0, prices[side], moved, levels - moved);
            System.arraycopy(oldSizes, 0, sizes[side], moved, levels - moved);
            for (int i = 0; i < moved; i++) {
                final int from = levels - moved + i;
                ids[side][i] = oldIds[from];
                prices[side][i] = oldPrices[from];
                sizes[side][i] = oldSizes[from];
            }
            for (int level = 0; level < moved; level++) {
                quote(side, level, priceAt(side, improved, level), drawSize(level, random));
            }
        } else {
            // the top `moved` orders are now too close (or through) the reference: they go to the deep end
            System.arraycopy(oldIds, moved, ids[side], 0, levels - moved);
            System.arraycopy(oldPrices, moved, prices[side], 0, levels - moved);
            System.arraycopy(oldSizes, moved, sizes[side], 0, levels - moved);
            for (int i = 0; i < moved; i++) {
                final int to = levels - moved + i;
                ids[side][to] = oldIds[i];
                prices[side][to] = oldPrices[i];
                sizes[side][to] = oldSizes[i];
            }
            for (int level = levels - moved; level < levels; level++) {
                quote(side, level, priceAt(side, improved, level), drawSize(level, random));
            }
        }
    }

    /** Re-prices and re-sizes one level on both sides (a routine refresh, or after a fill). */
    void refresh(final int level, final SplittableRandom random) {
        quote(BID, level, bestBid - level * spacing, drawSize(level, random));
        quote(ASK, level, bestAsk + level * spacing, drawSize(level, random));
    }

    /** Refreshes the levels of one side a taker's limit reached: whatever filled is quoted again. */
    void replenish(final Side takerSide, final long takerLimit, final SplittableRandom random) {
        final int side = takerSide == Side.BUY ? ASK : BID;
        for (int level = 0; level < levels; level++) {
            final long price = prices[side][level];
            final boolean reached = side == ASK ? price <= takerLimit : price >= takerLimit;
            if (!reached && ids[side][level] != null) {
                return;
            }
            quote(side, level, priceAt(side, side == BID ? bestBid : bestAsk, level), drawSize(level, random));
        }
    }

    private long priceAt(final int side, final long best, final int level) {
        return side == BID ? best - level * spacing : best + level * spacing;
    }

    private long targetBid(final double reference) {
        final double price = reference * (1 - halfSpread - skew());
        return Math.max(1, Math.floorDiv((long) Math.floor(price) - offset, spacing) * spacing + offset);
    }

    private long targetAsk(final double reference) {
        final double price = reference * (1 + halfSpread - skew());
        final long grid = Math.floorDiv((long) Math.ceil(price) - offset + spacing - 1, spacing) * spacing + offset;
        return Math.max(1, grid);
    }

    /** Long the base asset: quotes lower, to sell it back; short: higher. Bounded by the configured skew. */
    private double skew() {
        if (initialHoldings == Long.MIN_VALUE || skewPerInventory == 0) {
            return 0;
        }
        final double excess = venue.baseHoldings(market) - initialHoldings;
        return Math.max(-maxSkew, Math.min(maxSkew, excess * skewPerInventory));
    }

    /** A hump over the levels: thin at the touch, thickest a level or two out, a floor deeper down; ±jitter. */
    private long drawSize(final int level, final SplittableRandom random) {
        final double hump = Math.max(DEEP_FLOOR, (0.5 + level) * Math.exp(-level / 1.5));
        long lots = Math.round(quoteLots * hump * Draws.jitter(random, SIZE_JITTER));
        lots = Math.max(lots, market.minSizeLots());
        final long notionalPerLot = market.notional(Math.max(1, bestBid), 1);
        if (notionalPerLot > 0 && notionalPerLot * lots < market.minNotional()) {
            lots = (market.minNotional() + notionalPerLot - 1) / notionalPerLot;
        }
        return lots;
    }

    /** Puts the level's order at (price, size): an amend of the live order, or a new one when it is gone. */
    private void quote(final int side, final int level, final long price, final long size) {
        if (price < 1 || price > market.maxPriceTicks()) {
            return;
        }
        final String id = ids[side][level];
        if (id != null && prices[side][level] == price && sizes[side][level] == size) {
            return;  // the engine refuses an amend that changes nothing
        }
        prices[side][level] = price;
        sizes[side][level] = size;
        if (id != null && venue.amend(market, id, price, size)) {
            return;
        }
        ids[side][level] = venue.rest(market, side == BID ? Side.BUY : Side.SELL, price, size);
    }

    int levels() {
        return levels;
    }
}
