package io.tidemark.history.analytics;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches an account's fills into round trips per pair, first in first out, in the order given (trade
 * order). A round trip opens when the position leaves zero and closes when it returns to zero or
 * changes sign; a fill that flips the position closes the trip with the part that brings it to zero
 * and opens the next with the rest, its fee split between them in proportion to size. What is still
 * open is kept as FIFO lots, so the unrealized pnl at any price is exact.
 *
 * <p>Not thread safe; built per request on the history read pool.
 */
public final class RoundTripBook {
    private final ExchangeConfig config;
    private final Position[] positions;
    private final List<RoundTrip> closed = new ArrayList<>();

    /** One pair's open position: signed lots, FIFO entry lots, and the trip's running totals. */
    private static final class Position {
        long lots;
        final ArrayDeque<long[]> entries = new ArrayDeque<>(); // {price, lots}
        long size;
        long entryNotional;
        long exitNotional;
        long fees;
        long openedAt;
    }

    public RoundTripBook(final ExchangeConfig config) {
        this.config = config;
        this.positions = new Position[config.markets().size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = new Position();
        }
    }

    /** The fee of a fill in quote minor units (a base fee valued at the fill's price, half up). */
    static long feeInQuote(final Market market, final TradeFill fill) {
        if (!fill.feeInBase()) {
            return fill.fee();
        }
        // base units → lots (base units per lot) → quote units per tick·lot × price
        final long numerator = fill.fee() * fill.price() * market.quoteUnitsPerTickLot();
        final long denominator = market.baseUnitsPerLot();
        return Math.floorDiv(2 * numerator + denominator, 2 * denominator);
    }

    public void add(final TradeFill fill) {
        final Market market = config.market(fill.marketId());
        final Position p = positions[fill.marketId()];
        final long signed = fill.side() == Side.BUY ? fill.size() : -fill.size();
        final long fee = feeInQuote(market, fill);
        if (p.lots == 0 || Long.signum(p.lots) == Long.signum(signed)) {
            open(p, market, fill, fill.size(), fee);
            return;
        }
        final long closing = Math.min(Math.abs(p.lots), fill.size());
        final long closingFee = fill.size() == closing ? fee : fee * closing / fill.size();
        reduce(p, market, fill, closing, closingFee);
        if (closing < fill.size()) {
            open(p, market, fill, fill.size() - closing, fee - closingFee);
        }
    }

    private static void open(final Position p, final Market market, final TradeFill fill, final long lots, final long fee) {
        if (p.lots == 0) {
            p.size = 0;
            p.entryNotional = 0;
            p.exitNotional = 0;
            p.fees = 0;
            p.openedAt = fill.time();
        }
        p.lots += fill.side() == Side.BUY ? lots : -lots;
        p.entries.addLast(new long[] {fill.price(), lots});
        p.size += lots;
        p.entryNotional += market.notional(fill.price(), lots);
        p.fees += fee;
    }

    private void reduce(final Position p, final Market market, final TradeFill fill, final long lots, final long fee) {
        long left = lots;
        while (left > 0) {
            final long[] entry = p.entries.peekFirst();
            final long used = Math.min(entry[1], left);
            entry[1] -= used;
            left -= used;
            if (entry[1] == 0) {
                p.entries.pollFirst();
            }
        }
        final boolean wasLong = p.lots > 0;
        p.lots += wasLong ? -lots : lots;
        p.exitNotional += market.notional(fill.price(), lots);
        p.fees += fee;
        if (p.lots == 0) {
            final long gross = wasLong ? p.exitNotional - p.entryNotional : p.entryNotional - p.exitNotional;
            closed.add(new RoundTrip(closed.size() + 1, fill.marketId(), wasLong, p.size, p.entryNotional, p.exitNotional,
                p.fees, gross - p.fees, p.openedAt, fill.time()));
        }
    }

    /** Closed round trips in closing order. */
    public List<RoundTrip> closed() {
        return closed;
    }

    /** The pair's open position in lots: positive long, negative short. */
    public long position(final int marketId) {
        return positions[marketId].lots;
    }

    /**
     * The open position's pnl at {@code price} in quote minor units, before fees: for each FIFO lot still
     * open, its size × (price − entry) long, (entry − price) short.
     */
    public long unrealized(final int marketId, final long price) {
        final Position p = positions[marketId];
        final Market market = config.market(marketId);
        long pnl = 0;
        for (final long[] entry : p.entries) {
            final long diff = market.notional(price, entry[1]) - market.notional(entry[0], entry[1]);
            pnl += p.lots > 0 ? diff : -diff;
        }
        return pnl;
    }
}
