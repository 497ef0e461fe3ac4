package io.tidemark.marketdata.analytics;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.marketdata.MarketData;
import io.tidemark.node.pipeline.ReadModel;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Market intelligence from our own books and tape: taker flow and cumulative volume delta, large
 * trades with their labels, per-period levels (pivots, Fibonacci, volume profile) and the liquidity
 * heatmap. A {@link ReadModel} registered after {@link MarketData}, fed the same engine events on the
 * view stage (never the engine thread): it reads the L2 book from the market data, which has already
 * applied each event when this model sees it, and keeps only what the market data does not.
 *
 * <p>Recovery restores it like the market data: its own snapshot section plus the journal replayed
 * after it, so CVD, profiles, large trades and heatmap samples continue across a restart exactly.
 * Time is command time: windows, periods and the once-a-minute book samples follow the latest command
 * timestamp, so a replay gives the same values.
 *
 * <p><b>Threading.</b> Not thread safe: owned by the view stage; query only on the view thread.
 * Updating is allocation-free in steady state (buffers and maps grow to the largest command, period
 * and book seen, then are reused); queries allocate their answers.
 */
public final class MarketAnalytics implements ReadModel {
    public static final int DEFAULT_LARGE_TRADES_PER_PAIR = 1_000;
    private static final int MAGIC = 0x414D4D54; // "TMMA"
    private static final int VERSION = 1;
    private static final int CVD_1H_MINUTES = 60;

    /** The effective configuration, the thresholds and a model per pair: all three grow with listings. */
    private ExchangeConfig config;
    private AnalyticsConfig analytics;
    private final MarketData marketData;
    private PairAnalytics[] pairs;
    private final int largeTradesPerPair;
    private final LargeTrade view = new LargeTrade();
    private LargeTradeListener listener;
    /** Latest command time, epoch ns. */
    private long now;

    // the current command's trades, until its end decides which are large and how many levels each swept
    private int[] tradeMarkets = new int[16];
    private long[] tradeIds = new long[16];
    private long[] tradePrices = new long[16];
    private long[] tradeSizes = new long[16];
    private long[] tradeTakerOrders = new long[16];
    private byte[] tradeTakerSides = new byte[16];
    private int tradeCount;

    // reused by the minute's book sample
    private int sampleSlot;
    private PairAnalytics sampling;
    private boolean samplingBids;
    private final OverviewCalc topOfBook = new OverviewCalc(new Overview());
    private final MarketData.LevelSink sampler = (price, size, orders) -> sampling.heatmap.add(sampleSlot, samplingBids, price, size);

    /** Receives large trades newest first. */
    @FunctionalInterface
    public interface LargeTradeSink {
        void accept(LargeTrade trade);
    }

    public MarketAnalytics(final ExchangeConfig config, final AnalyticsConfig analytics, final MarketData marketData) {
        this(config, analytics, marketData, DEFAULT_LARGE_TRADES_PER_PAIR);
    }

    public MarketAnalytics(final ExchangeConfig config, final AnalyticsConfig analytics, final MarketData marketData,
                           final int largeTradesPerPair) {
        this.config = config;
        this.analytics = analytics;
        this.marketData = marketData;
        this.largeTradesPerPair = largeTradesPerPair;
        this.pairs = new PairAnalytics[config.markets().size()];
        for (final Market market : config.markets()) {
            pairs[market.id()] = new PairAnalytics(market, largeTradesPerPair);
        }
    }

    /** Sets (or with null removes) the large-trade listener; set it before the model is fed, or on the view thread. */
    public MarketAnalytics listener(final LargeTradeListener value) {
        listener = value;
        return this;
    }

    public AnalyticsConfig analyticsConfig() {
        return analytics;
    }

    public long now() {
        return now;
    }

    // ------------------------------------------------------------------------------------------ queries

    /** Fills {@code out} with the pair's overview now. */
    public Overview overview(final int marketId, final Overview out) {
        final PairAnalytics pair = pairs[marketId];
        new OverviewCalc(out).fill(marketData, marketId, pair.market);
        out.takerBuyLots24h = pair.flow.buys(now, FlowWindow.MINUTES);
        out.takerSellLots24h = pair.flow.sells(now, FlowWindow.MINUTES);
        out.cvd24h = out.takerBuyLots24h - out.takerSellLots24h;
        out.cvd1h = pair.flow.buys(now, CVD_1H_MINUTES) - pair.flow.sells(now, CVD_1H_MINUTES);
        out.largeTrades24h = pair.flow.largeTrades(now, FlowWindow.MINUTES);
        return out;
    }

    /** Large trades of the pair over the 1,440 UTC minutes ending with the current one. */
    public long largeTrades24h(final int marketId) {
        return pairs[marketId].flow.largeTrades(now, FlowWindow.MINUTES);
    }

    /** The levels of the last complete period of {@code kind}. */
    public Levels levels(final int marketId, final PeriodKind kind) {
        final PairAnalytics pair = pairs[marketId];
        return Levels.of(kind, kind.startOf(now) - kind.lengthNanos(), pair.lastComplete(kind, now), pair.binTicks);
    }

    /** The pair's liquidity zones over the {@code hours} UTC hours ending with the current one. */
    public HeatmapView heatmap(final int marketId, final int hours, final HeatmapView out) {
        final PairAnalytics pair = pairs[marketId];
        out.bucketTicks = pair.heatmap.bucketTicks;
        final Long2LongHashMap bids = new Long2LongHashMap(0);
        final Long2LongHashMap asks = new Long2LongHashMap(0);
        out.samples = pair.heatmap.window(Math.floorDiv(now, PeriodKind.HOUR_NANOS), hours, bids, asks);
        final Overview top = new OverviewCalc(new Overview()).top(marketData, marketId);
        if (top.hasBothSides()) {
            out.hasReference = true;
            out.referenceHalfTicks = top.bestBid + top.bestAsk;
        } else if (marketData.ticker(marketId).hasLastTrade()) {
            out.hasReference = true;
            out.referenceHalfTicks = 2 * marketData.ticker(marketId).lastPrice();
        }
        out.bidZones = topZones(bids, out, out.bidLow, out.bidAvgLots);
        out.askZones = topZones(asks, out, out.askLow, out.askAvgLots);
        out.hasAbove = false;
        out.hasBelow = false;
        if (out.hasReference) {
            nearest(out, out.bidLow, out.bidZones);
            nearest(out, out.askLow, out.askZones);
        }
        return out;
    }

    /** The {@value HeatmapView#ZONES} buckets with most size; ties: nearer the reference, then lower. */
    private static int topZones(final Long2LongHashMap sums, final HeatmapView out, final long[] lows, final long[] avgs) {
        final long[] buckets = new long[sums.size()];
        int n = 0;
        final Long2LongHashMap.KeyIterator keys = sums.keySet().iterator();
        while (keys.hasNext()) {
            buckets[n++] = keys.nextValue();
        }
        Arrays.sort(buckets);
        int chosen = 0;
        final boolean[] taken = new boolean[n];
        while (chosen < HeatmapView.ZONES && chosen < n) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                if (best < 0 || sums.get(buckets[i]) > sums.get(buckets[best])
                    || (sums.get(buckets[i]) == sums.get(buckets[best])
                        && distance(out, buckets[i]) < distance(out, buckets[best]))) {
                    best = i;
                }
            }
            taken[best] = true;
            lows[chosen] = buckets[best] * out.bucketTicks;
            avgs[chosen] = PriceGrid.roundHalfUp(sums.get(buckets[best]), Math.max(1, out.samples));
            chosen++;
        }
        return chosen;
    }

    /** Twice the distance from the reference to the bucket's middle (0 without a reference: lower wins ties). */
    private static long distance(final HeatmapView out, final long bucket) {
        if (!out.hasReference) {
            return 0;
        }
        return Math.abs(2 * bucket * out.bucketTicks + out.bucketTicks - out.referenceHalfTicks);
    }

    private static void nearest(final HeatmapView out, final long[] lows, final int count) {
        final long reference = out.referenceHalfTicks;
        for (int i = 0; i < count; i++) {
            final long low2 = 2 * lows[i];
            final long high2 = 2 * (lows[i] + out.bucketTicks);
            if (low2 >= reference && (!out.hasAbove || lows[i] < out.aboveLow)) {
                out.hasAbove = true;
                out.aboveLow = lows[i];
            } else if (high2 <= reference && (!out.hasBelow || lows[i] > out.belowLow)) {
                out.hasBelow = true;
                out.belowLow = lows[i];
            }
        }
        final long percentScale = 100 * pow10(Overview.RATIO_SCALE);
        if (out.hasAbove) {
            out.aboveDistancePct = PriceGrid.roundHalfUp((2 * out.aboveLow - reference) * percentScale, reference);
        }
        if (out.hasBelow) {
            out.belowDistancePct = PriceGrid.roundHalfUp((reference - 2 * (out.belowLow + out.bucketTicks)) * percentScale,
                reference);
        }
    }

    static long pow10(final int n) {
        long value = 1;
        for (int i = 0; i < n; i++) {
            value *= 10;
        }
        return value;
    }

    /**
     * Gives large trades newest first: of one pair ({@code marketId} ≥ 0) or of all pairs merged by trade
     * id (−1); with ids below {@code beforeTradeId} (0: no cursor), notional at least the pair's threshold
     * and {@code minNotional}, of {@code takerSide} (null: both); at most {@code limit}. Returns how many.
     */
    public int largeTrades(final int marketId, final long beforeTradeId, final long minNotional, final Side takerSide,
                           final int limit, final LargeTradeSink sink) {
        final int from = marketId < 0 ? 0 : marketId;
        final int to = marketId < 0 ? pairs.length : marketId + 1;
        final int[] cursor = new int[pairs.length];
        int given = 0;
        while (given < limit) {
            int best = -1;
            for (int m = from; m < to; m++) {
                final LargeTradeLog log = pairs[m].largeTrades;
                while (cursor[m] < log.count() && !accepts(m, log.newest(m, cursor[m], view), beforeTradeId, minNotional, takerSide)) {
                    cursor[m]++;
                }
                if (cursor[m] < log.count()
                    && (best < 0 || log.newestTradeId(cursor[m]) > pairs[best].largeTrades.newestTradeId(cursor[best]))) {
                    best = m;
                }
            }
            if (best < 0) {
                break;
            }
            sink.accept(pairs[best].largeTrades.newest(best, cursor[best], view));
            cursor[best]++;
            given++;
        }
        return given;
    }

    private boolean accepts(final int marketId, final LargeTrade trade, final long beforeTradeId, final long minNotional,
                            final Side takerSide) {
        return (beforeTradeId <= 0 || trade.tradeId() < beforeTradeId)
            && trade.notional() >= Math.max(analytics.largeTradeNotional(marketId), minNotional)
            && (takerSide == null || trade.takerSide() == takerSide);
    }

    // ------------------------------------------------------------------------------------------ events

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        now = Math.max(now, timestamp);
        pairs[marketId].trade(now, price, size, takerSide == Side.BUY);
        if (tradeCount == tradeIds.length) {
            growTrades();
        }
        tradeMarkets[tradeCount] = marketId;
        tradeIds[tradeCount] = tradeId;
        tradePrices[tradeCount] = price;
        tradeSizes[tradeCount] = size;
        tradeTakerOrders[tradeCount] = takerOrderId;
        tradeTakerSides[tradeCount] = (byte) takerSide.code();
        tradeCount++;
    }

    private void growTrades() {
        final int capacity = tradeIds.length * 2;
        tradeMarkets = Arrays.copyOf(tradeMarkets, capacity);
        tradeIds = Arrays.copyOf(tradeIds, capacity);
        tradePrices = Arrays.copyOf(tradePrices, capacity);
        tradeSizes = Arrays.copyOf(tradeSizes, capacity);
        tradeTakerOrders = Arrays.copyOf(tradeTakerOrders, capacity);
        tradeTakerSides = Arrays.copyOf(tradeTakerSides, capacity);
    }

    /**
     * Ends the command: records its large trades (now that the levels each taker swept are known) and
     * tells the listener, then takes the minute's book sample of every pair when the minute moved on.
     */
    @Override
    public void onCommandComplete(final Command command) {
        if (command.type == CommandType.LIST_ASSET || command.type == CommandType.LIST_MARKET) {
            listed(Listing.apply(config, command));
        }
        now = Math.max(now, command.timestamp);
        for (int i = 0; i < tradeCount; i++) {
            final int marketId = tradeMarkets[i];
            final PairAnalytics pair = pairs[marketId];
            final long notional = pair.market.notional(tradePrices[i], tradeSizes[i]);
            final long threshold = analytics.largeTradeNotional(marketId);
            if (notional < threshold) {
                continue;
            }
            final int levels = levelsSwept(i);
            final Side side = Side.fromCode(tradeTakerSides[i]);
            final LargeTradeLabel label = LargeTradeLabel.of(notional, threshold, levels, side == Side.BUY);
            pair.largeTrades.append(tradeIds[i], tradePrices[i], tradeSizes[i], notional, side, levels, label, now);
            pair.flow.largeTrade(now);
            if (listener != null) {
                listener.onLargeTrade(view.set(marketId, tradeIds[i], tradePrices[i], tradeSizes[i], notional, side, levels,
                    label, now));
            }
        }
        tradeCount = 0;
        final long minute = Math.floorDiv(now, FlowWindow.MINUTE_NANOS);
        for (final PairAnalytics pair : pairs) {
            if (pair.heatmap.sampledMinute != minute) {
                sample(pair, minute);
            }
        }
    }

    /** Distinct prices the taker order of trade {@code index} traded at in this command. */
    private int levelsSwept(final int index) {
        final long order = tradeTakerOrders[index];
        final int market = tradeMarkets[index];
        int levels = 0;
        for (int i = 0; i < tradeCount; i++) {
            if (tradeTakerOrders[i] != order || tradeMarkets[i] != market) {
                continue;
            }
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) {
                seen = tradeTakerOrders[j] == order && tradeMarkets[j] == market && tradePrices[j] == tradePrices[i];
            }
            if (!seen) {
                levels++;
            }
        }
        return levels;
    }

    private void sample(final PairAnalytics pair, final long minute) {
        final Heatmap heatmap = pair.heatmap;
        if (heatmap.bucketTicks == 0) {
            final long reference = referenceTicks(pair.marketId);
            if (reference <= 0) {
                return; // nothing to size buckets by yet: an empty book that never traded
            }
            heatmap.bucketTicks = PriceGrid.niceAtMost(Math.max(1, reference * Heatmap.BUCKET_PER_MILLE / 1_000));
        }
        heatmap.sampledMinute = minute;
        sampling = pair;
        sampleSlot = heatmap.slot(Math.floorDiv(minute, 60));
        heatmap.countSample(sampleSlot);
        samplingBids = true;
        marketData.levels(pair.marketId, Side.BUY, Heatmap.SAMPLE_DEPTH, sampler);
        samplingBids = false;
        marketData.levels(pair.marketId, Side.SELL, Heatmap.SAMPLE_DEPTH, sampler);
        sampling = null;
    }

    /** The mid rounded down, else the one best price, else the last trade; 0 when there is none. */
    private long referenceTicks(final int marketId) {
        final Overview top = topOfBook.top(marketData, marketId);
        if (top.hasBothSides()) {
            return (top.bestBid + top.bestAsk) / 2;
        }
        if (top.hasBid) {
            return top.bestBid;
        }
        if (top.hasAsk) {
            return top.bestAsk;
        }
        return marketData.ticker(marketId).hasLastTrade() ? marketData.ticker(marketId).lastPrice() : 0;
    }

    /** Trades and command ends only: the book samples are read from the market data it sits beside. */
    @Override
    public Set<Event> events() {
        return EnumSet.of(Event.TRADE, Event.COMMAND_COMPLETE);
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
    }

    /** A listed market gets empty analytics and the default large-trade threshold. */
    @Override
    public void listed(final ExchangeConfig effective) {
        final int known = pairs.length;
        pairs = Arrays.copyOf(pairs, effective.markets().size());
        for (int id = known; id < pairs.length; id++) {
            pairs[id] = new PairAnalytics(effective.market(id), largeTradesPerPair);
        }
        analytics = analytics.grownTo(effective);
        config = effective;
    }

    // ------------------------------------------------------------------------------------------ snapshot

    @Override
    public String name() {
        return "market-analytics";
    }

    /** Command time and, per pair: bin size, minute flow, large trades, periods (bins ascending) and heatmap hours. */
    @Override
    public void writeSnapshot(final SnapshotOutput out) {
        out.putHeader(MAGIC, VERSION, config.fingerprint()).putLong(now).putInt(pairs.length);
        for (final PairAnalytics pair : pairs) {
            pair.write(out);
        }
    }

    @Override
    public void readSnapshot(final SnapshotInput in) {
        in.expectHeader(MAGIC, VERSION, config.fingerprint(), "market-analytics");
        if (now != 0) {
            throw new IllegalStateException("restore into a new analytics model only");
        }
        now = in.getLong();
        if (in.getInt() != pairs.length) {
            throw new SnapshotFormatException("analytics snapshot has a different number of pairs");
        }
        for (final PairAnalytics pair : pairs) {
            pair.read(in);
        }
        if (in.remaining() != 0) {
            throw new SnapshotFormatException(in.remaining() + " unexpected bytes after the analytics");
        }
    }

    /** A digest of everything the model holds, to prove a restore or rebuild equal. Not for the hot path. */
    public long stateHash() {
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        writeSnapshot(out);
        final byte[] bytes = out.toByteArray();
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        return ((long) bytes.length << 32) ^ crc.getValue();
    }
}
