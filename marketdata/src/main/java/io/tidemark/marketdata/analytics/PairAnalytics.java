package io.tidemark.marketdata.analytics;

import io.tidemark.engine.config.Market;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * The analytics state of one pair: taker flow by minute, the large-trade log, the current and
 * previous period of each {@link PeriodKind} with their volume by price bin, and the liquidity
 * heatmap's hourly sums. {@link MarketAnalytics} routes events here.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class PairAnalytics {
    /** Profile bins are the largest 1-2-5 number of ticks not above this share of the first price: 1/10,000. */
    static final long BIN_DIVISOR = 10_000;
    private static final PeriodKind[] KINDS = PeriodKind.values();

    final int marketId;
    final Market market;
    final FlowWindow flow = new FlowWindow();
    final LargeTradeLog largeTrades;
    final Heatmap heatmap = new Heatmap();
    /** Indexed by {@link PeriodKind#code()}: the period being traded and the one before it. */
    final PeriodProfile[] current = new PeriodProfile[KINDS.length];
    final PeriodProfile[] previous = new PeriodProfile[KINDS.length];
    /** Ticks per profile bin; 0 until the first trade fixes it. */
    long binTicks;
    /**
     * End of the hour of the last trade: a trade before it is in the same hour, day and week as that one,
     * so the periods are checked only once an hour (hours nest in days, days in weeks). Not state: it is
     * recomputed from the first trade after a restore.
     */
    private long hourEnd = Long.MIN_VALUE;

    PairAnalytics(final Market market, final int largeTradesRetained) {
        this.marketId = market.id();
        this.market = market;
        this.largeTrades = new LargeTradeLog(largeTradesRetained);
        for (final PeriodKind kind : KINDS) {
            current[kind.code()] = new PeriodProfile();
            previous[kind.code()] = new PeriodProfile();
        }
    }

    void trade(final long time, final long price, final long lots, final boolean takerBought) {
        flow.trade(time, takerBought, lots);
        if (binTicks == 0) {
            binTicks = PriceGrid.niceAtMost(Math.max(1, price / BIN_DIVISOR));
        }
        if (time >= hourEnd) {
            roll(time);
        }
        for (final PeriodProfile period : current) {
            period.trade(price, lots, binTicks);
        }
    }

    /** A trade in a later hour than the last: each kind whose period changed starts a new one. */
    private void roll(final long time) {
        hourEnd = PeriodKind.HOUR.startOf(time) + PeriodKind.HOUR.lengthNanos();
        for (final PeriodKind kind : KINDS) {
            final long start = kind.startOf(time);
            final PeriodProfile period = current[kind.code()];
            if (period.start != start) {
                // the period rolled over: the finished one becomes the previous, its old maps are reused
                final PeriodProfile recycled = previous[kind.code()];
                previous[kind.code()] = period;
                current[kind.code()] = recycled;
                recycled.reset(start);
            }
        }
    }

    /** The last complete period of {@code kind} before the one holding {@code now}, or null if it had no trades. */
    PeriodProfile lastComplete(final PeriodKind kind, final long now) {
        final long target = kind.startOf(now) - kind.lengthNanos();
        if (current[kind.code()].start == target && current[kind.code()].hasTrades) {
            return current[kind.code()];
        }
        if (previous[kind.code()].start == target && previous[kind.code()].hasTrades) {
            return previous[kind.code()];
        }
        return null;
    }

    void write(final SnapshotOutput out) {
        out.putInt(marketId).putLong(binTicks);
        flow.write(out);
        largeTrades.write(out);
        for (final PeriodKind kind : KINDS) {
            current[kind.code()].write(out);
            previous[kind.code()].write(out);
        }
        heatmap.write(out);
    }

    void read(final SnapshotInput in) {
        if (in.getInt() != marketId) {
            throw new SnapshotFormatException("analytics for market " + marketId + " are out of place");
        }
        binTicks = in.getLong();
        flow.read(in);
        largeTrades.read(in);
        for (final PeriodKind kind : KINDS) {
            current[kind.code()].read(in);
            previous[kind.code()].read(in);
        }
        heatmap.read(in);
    }
}
