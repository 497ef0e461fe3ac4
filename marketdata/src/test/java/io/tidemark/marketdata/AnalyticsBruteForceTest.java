package io.tidemark.marketdata;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.testkit.Seeds;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.marketdata.analytics.AnalyticsConfig;
import io.tidemark.marketdata.analytics.HeatmapView;
import io.tidemark.marketdata.analytics.LargeTradeLabel;
import io.tidemark.marketdata.analytics.Levels;
import io.tidemark.marketdata.analytics.MarketAnalytics;
import io.tidemark.marketdata.analytics.Overview;
import io.tidemark.marketdata.analytics.PeriodKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every analytics formula against a brute-force recomputation from the raw trades and books of a
 * seeded random stream through a real engine spanning days of command time: overview (book figures
 * from the engine's own book, taker volumes and CVD from every trade), large trades with their levels
 * swept and labels, the levels of every period kind, and the heatmap from book samples taken here.
 */
class AnalyticsBruteForceTest {
    private static final int COMMANDS = Seeds.count("tidemark.analytics.commands", 30_000);
    private static final long MINUTE = 60_000_000_000L;
    private static final long HOUR = 60 * MINUTE;
    /** Thresholds (quote minor units) near the 80th percentile of the random trades' notionals. */
    private static final long[] THRESHOLDS = {60_000_000, 40_000_000, 30_000_000};

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final int markets = config.markets().size();

    record RawTrade(long time, long tradeId, int marketId, long price, long size, Side takerSide, long takerOrder, int command) {
    }

    record Expected(long tradeId, int marketId, long price, long size, long notional, Side side, int levels, String label,
                    long time) {
    }

    /** A sample of one side's top 100 levels, taken where the model takes its own. */
    record Sample(long minute, int marketId, boolean bids, long[] prices, long[] sizes) {
    }

    /** Collects trades, the expected large trades and the book samples from the engine itself. */
    private final class Recorder extends IgnoringListener {
        final List<RawTrade> trades = new ArrayList<>();
        final List<Expected> large = new ArrayList<>();
        final List<Sample> samples = new ArrayList<>();
        final long[] sampledMinute = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
        final long[] bucketTicks = new long[3];
        EngineInspector inspector;
        int command;
        long now;
        private int commandStart;

        @Override
        public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                            final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                            final long makerOrderId, final long makerAccountId, final long makerFee) {
            now = Math.max(now, timestamp);
            trades.add(new RawTrade(now, tradeId, marketId, price, size, takerSide, takerOrderId, command));
        }

        @Override
        public void onCommandComplete(final Command c) {
            now = Math.max(now, c.timestamp);
            final List<RawTrade> mine = trades.subList(commandStart, trades.size());
            for (final RawTrade t : mine) {
                final Market market = config.market(t.marketId());
                final long notional = market.notional(t.price(), t.size());
                if (notional < THRESHOLDS[t.marketId()]) {
                    continue;
                }
                final int levels = (int) mine.stream().filter(o -> o.takerOrder() == t.takerOrder() && o.marketId() == t.marketId())
                    .mapToLong(RawTrade::price).distinct().count();
                final String label = notional >= 10 * THRESHOLDS[t.marketId()] ? "block" : levels >= 3 ? "sweep"
                    : t.takerSide() == Side.BUY ? "aggressive_buy" : "aggressive_sell";
                large.add(new Expected(t.tradeId(), t.marketId(), t.price(), t.size(), notional, t.takerSide(), levels, label, now));
            }
            commandStart = trades.size();
            command++;
            final long minute = Math.floorDiv(now, MINUTE);
            for (int m = 0; m < markets && inspector != null; m++) {
                if (sampledMinute[m] == minute) {
                    continue;
                }
                final List<long[]> bids = levels(m, Side.BUY);
                final List<long[]> asks = levels(m, Side.SELL);
                if (bucketTicks[m] == 0) {
                    final long reference = !bids.isEmpty() && !asks.isEmpty() ? (bids.get(0)[0] + asks.get(0)[0]) / 2
                        : !bids.isEmpty() ? bids.get(0)[0] : !asks.isEmpty() ? asks.get(0)[0] : inspector.lastPrice(m);
                    if (reference <= 0) {
                        continue;
                    }
                    bucketTicks[m] = niceAtMost(Math.max(1, reference / 1_000));
                }
                sampledMinute[m] = minute;
                samples.add(sample(minute, m, true, bids));
                samples.add(sample(minute, m, false, asks));
            }
        }

        private List<long[]> levels(final int m, final Side side) {
            final List<long[]> levels = new ArrayList<>();
            inspector.forEachLevel(m, side, (price, size, count) -> {
                if (levels.size() < 100) {
                    levels.add(new long[] {price, size});
                }
            });
            return levels;
        }

        private Sample sample(final long minute, final int m, final boolean bids, final List<long[]> levels) {
            return new Sample(minute, m, bids, levels.stream().mapToLong(l -> l[0]).toArray(),
                levels.stream().mapToLong(l -> l[1]).toArray());
        }
    }

    static long niceAtMost(final long value) {
        long best = 1;
        for (long step = 1; step <= value; step *= 10) {
            for (final long m : new long[] {1, 2, 5}) {
                if (m * step <= value) {
                    best = m * step;
                }
            }
        }
        return best;
    }

    static long niceAtLeast(final long value) {
        for (long step = 1; ; step *= 10) {
            for (final long m : new long[] {1, 2, 5}) {
                if (m * step >= value) {
                    return m * step;
                }
            }
        }
    }

    /** What one run checks while the stream goes by. */
    private enum Check { OVERVIEW, LEVELS, HEATMAP, NONE }

    /** The models fed the whole seeded stream, and the recorder's raw record of it. */
    private record Run(MarketAnalytics analytics, Recorder recorder, String replay, int checks) {
    }

    /** Drives the seeded stream through a real engine into the models, checking {@code check} every 500 commands. */
    private Run run(final Check check) {
        final long seed = Seeds.seed(20_001);
        final String replay = Seeds.replayHint(seed);
        final MarketData md = new MarketData(config);
        final MarketAnalytics analytics = new MarketAnalytics(config, AnalyticsConfig.of(config, THRESHOLDS), md, 100_000);
        final Recorder recorder = new Recorder();
        // the funding deposits run before the inspector exists: no book yet, so nothing to sample
        final RandomStream stream = new RandomStream(seed, config, new Tee(md, analytics, recorder));
        recorder.inspector = new EngineInspector(stream.engine);
        int checks = 0;
        for (int i = 0; i < COMMANDS; i++) {
            stream.step();
            if (check == Check.NONE || (i % 500 != 0 && i != COMMANDS - 1)) {
                continue;
            }
            for (int m = 0; m < markets; m++) {
                final String context = replay + ", after command " + i + ", market " + m;
                switch (check) {
                    case OVERVIEW -> {
                        assertOverview(analytics, recorder, stream, m, context);
                        checks++;
                    }
                    case LEVELS -> {
                        for (final PeriodKind kind : PeriodKind.values()) {
                            if (assertLevels(analytics.levels(m, kind), recorder, m, kind, context)) {
                                checks++;
                            }
                        }
                    }
                    case HEATMAP -> {
                        for (final int hours : new int[] {24, 168, 720}) {
                            if (assertHeatmap(analytics, recorder, m, hours, context)) {
                                checks++;
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return new Run(analytics, recorder, replay, checks);
    }

    @Test
    void theOverviewMatchesTheEngineBookAndEveryTrade() {
        assertThat(run(Check.OVERVIEW).checks()).as("overviews checked").isGreaterThan(150);
    }

    @Test
    void theLevelsOfEveryPeriodKindMatchABruteForceProfileOfThePeriodsTrades() {
        assertThat(run(Check.LEVELS).checks()).as("levels checked with trades").isGreaterThan(50);
    }

    @Test
    void theHeatmapMatchesZonesSummedFromTheMinuteBookSamples() {
        assertThat(run(Check.HEATMAP).checks()).as("heatmaps checked with zones").isGreaterThan(50);
    }

    @Test
    void theLargeTradeLogListsEveryLargeTradeWithItsLevelsSweptAndLabelOnEveryFilter() {
        final Run run = run(Check.NONE);
        final MarketAnalytics analytics = run.analytics();
        final Recorder recorder = run.recorder();
        final String replay = run.replay();
        // the large-trade log, every page of it, against the list made from the raw trades
        for (int m = -1; m < markets; m++) {
            final int market = m;
            final List<Expected> expected = recorder.large.stream().filter(e -> market < 0 || e.marketId() == market)
                .sorted(Comparator.comparingLong(Expected::tradeId).reversed()).toList();
            final List<Expected> actual = new ArrayList<>();
            analytics.largeTrades(m, 0, 0, null, Integer.MAX_VALUE, t -> actual.add(new Expected(t.tradeId(), t.marketId(),
                t.price(), t.size(), t.notional(), t.takerSide(), t.levelsSwept(), t.label().wireName(), t.time())));
            assertThat(actual).as(replay + ", large trades of market " + m).isEqualTo(expected);
        }
        final long sells = recorder.large.stream().filter(e -> e.side() == Side.SELL).count();
        final List<Long> sellIds = new ArrayList<>();
        analytics.largeTrades(-1, 0, 0, Side.SELL, Integer.MAX_VALUE, t -> sellIds.add(t.tradeId()));
        assertThat(sellIds).hasSize((int) sells);
        final long raised = recorder.large.stream().filter(e -> e.notional() >= 5 * THRESHOLDS[e.marketId()]).count();
        assertThat(analytics.largeTrades(-1, 0, 5 * THRESHOLDS[1], null, Integer.MAX_VALUE, t -> { }))
            .isEqualTo((int) recorder.large.stream().filter(e -> e.notional() >= Math.max(THRESHOLDS[e.marketId()], 5 * THRESHOLDS[1])).count());

        assertThat(recorder.large.size()).as("large trades seen").isGreaterThan(100).isLessThan(recorder.trades.size());
        assertThat(raised).isPositive();
        for (final String label : List.of("block", "sweep", "aggressive_buy", "aggressive_sell")) {
            assertThat(recorder.large.stream().filter(e -> e.label().equals(label))).as("label " + label).isNotEmpty();
        }
    }

    private void assertOverview(final MarketAnalytics analytics, final Recorder recorder, final RandomStream stream,
                                final int m, final String context) {
        final Overview o = analytics.overview(m, new Overview());
        final Market market = config.market(m);
        final List<long[]> bids = new ArrayList<>();
        final List<long[]> asks = new ArrayList<>();
        recorder.inspector.forEachLevel(m, Side.BUY, (p, s, c) -> bids.add(new long[] {p, s}));
        recorder.inspector.forEachLevel(m, Side.SELL, (p, s, c) -> asks.add(new long[] {p, s}));
        assertThat(o.hasBid).as(context).isEqualTo(!bids.isEmpty());
        assertThat(o.hasAsk).as(context).isEqualTo(!asks.isEmpty());
        if (!bids.isEmpty() && !asks.isEmpty()) {
            final BigDecimal bid = BigDecimal.valueOf(bids.get(0)[0]);
            final BigDecimal ask = BigDecimal.valueOf(asks.get(0)[0]);
            final BigDecimal mid = bid.add(ask).divide(BigDecimal.valueOf(2));
            assertThat(BigDecimal.valueOf(o.midHalfTicks).divide(BigDecimal.valueOf(2))).as(context).isEqualByComparingTo(mid);
            assertThat(o.spread).as(context).isEqualTo(asks.get(0)[0] - bids.get(0)[0]);
            assertThat(o.spreadBps).as(context).isEqualTo(ask.subtract(bid).multiply(BigDecimal.valueOf(1_000_000))
                .divide(mid, 0, RoundingMode.HALF_UP).longValueExact());
            final BigDecimal bs = BigDecimal.valueOf(bids.get(0)[1]);
            final BigDecimal as = BigDecimal.valueOf(asks.get(0)[1]);
            assertThat(o.microprice).as(context).isEqualTo(bid.multiply(as).add(ask.multiply(bs))
                .divide(bs.add(as), 0, RoundingMode.HALF_UP).longValueExact());
            for (int b = 0; b < 4; b++) {
                final BigDecimal band = BigDecimal.valueOf(Overview.BAND_PER_MILLE[b]).movePointLeft(3);
                final BigDecimal floor = mid.multiply(BigDecimal.ONE.subtract(band));
                final BigDecimal ceiling = mid.multiply(BigDecimal.ONE.add(band));
                assertThat(o.bandBidLots[b]).as(context).isEqualTo(bids.stream().filter(l -> BigDecimal.valueOf(l[0]).compareTo(floor) >= 0).mapToLong(l -> l[1]).sum());
                assertThat(o.bandAskLots[b]).as(context).isEqualTo(asks.stream().filter(l -> BigDecimal.valueOf(l[0]).compareTo(ceiling) <= 0).mapToLong(l -> l[1]).sum());
                assertThat(o.bandBidNotional[b]).as(context).isEqualTo(bids.stream().filter(l -> BigDecimal.valueOf(l[0]).compareTo(floor) >= 0).mapToLong(l -> market.notional(l[0], l[1])).sum());
                assertThat(o.bandAskNotional[b]).as(context).isEqualTo(asks.stream().filter(l -> BigDecimal.valueOf(l[0]).compareTo(ceiling) <= 0).mapToLong(l -> market.notional(l[0], l[1])).sum());
            }
        }
        final long topBids = bids.stream().limit(10).mapToLong(l -> l[1]).sum();
        final long topAsks = asks.stream().limit(10).mapToLong(l -> l[1]).sum();
        assertThat(o.hasImbalance).as(context).isEqualTo(topBids + topAsks > 0);
        if (topBids + topAsks > 0) {
            assertThat(o.imbalance).as(context).isEqualTo(BigDecimal.valueOf(topBids - topAsks)
                .divide(BigDecimal.valueOf(topBids + topAsks), 4, RoundingMode.HALF_UP).movePointRight(4).longValueExact());
        }
        final long nowMinute = Math.floorDiv(stream.time(), MINUTE);
        final long buys24 = flow(recorder, m, nowMinute, 1_440, Side.BUY);
        final long sells24 = flow(recorder, m, nowMinute, 1_440, Side.SELL);
        assertThat(o.takerBuyLots24h).as(context).isEqualTo(buys24);
        assertThat(o.takerSellLots24h).as(context).isEqualTo(sells24);
        assertThat(o.cvd24h).as(context).isEqualTo(buys24 - sells24);
        assertThat(o.cvd1h).as(context).isEqualTo(flow(recorder, m, nowMinute, 60, Side.BUY) - flow(recorder, m, nowMinute, 60, Side.SELL));
        assertThat(o.largeTrades24h).as(context).isEqualTo(recorder.large.stream()
            .filter(e -> e.marketId() == m && Math.floorDiv(e.time(), MINUTE) > nowMinute - 1_440).count());
    }

    private static long flow(final Recorder recorder, final int m, final long nowMinute, final int minutes, final Side side) {
        return recorder.trades.stream().filter(t -> t.marketId() == m && t.takerSide() == side
            && Math.floorDiv(t.time(), MINUTE) > nowMinute - minutes).mapToLong(RawTrade::size).sum();
    }

    private static long half(final BigDecimal value) {
        return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** True when the period had trades (and so was checked field by field). */
    private boolean assertLevels(final Levels levels, final Recorder recorder, final int m, final PeriodKind kind,
                                 final String context) {
        final long start = kind.startOf(recorder.now) - kind.lengthNanos();
        assertThat(levels.periodStart).as(context).isEqualTo(start);
        assertThat(levels.periodEnd).as(context).isEqualTo(start + kind.lengthNanos());
        final List<RawTrade> trades = recorder.trades.stream()
            .filter(t -> t.marketId() == m && t.time() >= start && t.time() < start + kind.lengthNanos()).toList();
        assertThat(levels.hasTrades).as(context + " " + kind).isEqualTo(!trades.isEmpty());
        if (trades.isEmpty()) {
            return false;
        }
        final long h = trades.stream().mapToLong(RawTrade::price).max().orElseThrow();
        final long l = trades.stream().mapToLong(RawTrade::price).min().orElseThrow();
        final long c = trades.get(trades.size() - 1).price();
        assertThat(new long[] {levels.open, levels.high, levels.low, levels.close}).as(context)
            .containsExactly(trades.get(0).price(), h, l, c);
        final BigDecimal H = BigDecimal.valueOf(h);
        final BigDecimal L = BigDecimal.valueOf(l);
        final BigDecimal p = H.add(L).add(BigDecimal.valueOf(c)).divide(BigDecimal.valueOf(3), 30, RoundingMode.HALF_EVEN);
        final BigDecimal two = BigDecimal.valueOf(2);
        assertThat(new long[] {levels.pivot, levels.r1, levels.s1, levels.r2, levels.s2, levels.r3, levels.s3}).as(context)
            .containsExactly(half(p), half(two.multiply(p).subtract(L)), half(two.multiply(p).subtract(H)),
                half(p.add(H.subtract(L))), half(p.subtract(H.subtract(L))), half(H.add(two.multiply(p.subtract(L)))),
                half(L.subtract(two.multiply(H.subtract(p)))));
        final long[] fibs = {levels.fib236, levels.fib382, levels.fib500, levels.fib618, levels.fib786};
        final String[] ratios = {"0.236", "0.382", "0.5", "0.618", "0.786"};
        for (int i = 0; i < fibs.length; i++) {
            assertThat(fibs[i]).as(context).isEqualTo(half(H.subtract(new BigDecimal(ratios[i]).multiply(H.subtract(L)))));
        }
        // rows: the bin fixed by the pair's first trade ever, rows the smallest 1-2-5 number of bins giving at most ~50
        final long firstPrice = recorder.trades.stream().filter(t -> t.marketId() == m).findFirst().orElseThrow().price();
        final long bin = niceAtMost(Math.max(1, firstPrice / 10_000));
        final long binsPerRow = niceAtLeast((Math.floorDiv(h, bin) - Math.floorDiv(l, bin) + 50) / 50);
        final long row = bin * binsPerRow;
        assertThat(levels.rowTicks).as(context).isEqualTo(row);
        final TreeMap<Long, Long> rows = new TreeMap<>();
        for (long r = Math.floorDiv(l, row); r <= Math.floorDiv(h, row); r++) {
            rows.put(r * row, 0L);
        }
        trades.forEach(t -> rows.merge(Math.floorDiv(t.price(), row) * row, t.size(), Long::sum));
        final long[] volumes = rows.values().stream().mapToLong(Long::longValue).toArray();
        assertThat(levels.firstRowLow).as(context).isEqualTo(rows.firstKey());
        assertThat(levels.rowVolumes).as(context).containsExactly(volumes);
        final long[] va = NaiveValueArea.of(volumes, rows.firstKey(), row, l, h);
        assertThat(new long[] {levels.poc, levels.val, levels.vah}).as(context).containsExactly(va);
        return true;
    }

    private boolean assertHeatmap(final MarketAnalytics analytics, final Recorder recorder, final int m, final int hours,
                                  final String context) {
        final HeatmapView view = analytics.heatmap(m, hours, new HeatmapView());
        final long nowHour = Math.floorDiv(recorder.now, HOUR);
        final long bucket = recorder.bucketTicks[m];
        assertThat(view.bucketTicks).as(context).isEqualTo(bucket);
        final List<Sample> inWindow = recorder.samples.stream()
            .filter(s -> s.marketId() == m && Math.floorDiv(s.minute(), 60) > nowHour - hours).toList();
        final long samples = inWindow.stream().filter(Sample::bids).count();
        assertThat(view.samples).as(context).isEqualTo(samples);
        if (samples == 0) {
            return false;
        }
        final Overview top = analytics.overview(m, new Overview());
        final long reference = top.hasBothSides() ? top.bestBid + top.bestAsk : 2 * recorder.inspector.lastPrice(m);
        for (final boolean bids : new boolean[] {true, false}) {
            final Map<Long, Long> sums = new HashMap<>();
            inWindow.stream().filter(s -> s.bids() == bids).forEach(s -> {
                for (int i = 0; i < s.prices().length; i++) {
                    sums.merge(Math.floorDiv(s.prices()[i], bucket), s.sizes()[i], Long::sum);
                }
            });
            final List<long[]> expected = sums.entrySet().stream()
                .sorted(Comparator.<Map.Entry<Long, Long>>comparingLong(e -> -e.getValue())
                    .thenComparingLong(e -> Math.abs(2 * e.getKey() * bucket + bucket - reference))
                    .thenComparingLong(Map.Entry::getKey))
                .limit(10)
                .map(e -> new long[] {e.getKey() * bucket, half(BigDecimal.valueOf(e.getValue())
                    .divide(BigDecimal.valueOf(samples), 10, RoundingMode.HALF_EVEN))})
                .toList();
            final int zones = bids ? view.bidZones : view.askZones;
            final List<long[]> actual = new ArrayList<>();
            for (int i = 0; i < zones; i++) {
                actual.add(new long[] {bids ? view.bidLow[i] : view.askLow[i], bids ? view.bidAvgLots[i] : view.askAvgLots[i]});
            }
            assertThat(actual).as(context + (bids ? " bids" : " asks")).usingElementComparator(
                Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1])).containsExactlyElementsOf(expected);
        }
        return true;
    }

    /** The contract's POC and value area, written out plainly: {poc, val, vah}. */
    static final class NaiveValueArea {
        static long[] of(final long[] rows, final long firstLow, final long row, final long low, final long high) {
            final long max = java.util.Arrays.stream(rows).max().orElseThrow();
            int poc = -1;
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != max) {
                    continue;
                }
                final BigDecimal middle = BigDecimal.valueOf(low + high).divide(BigDecimal.valueOf(2));
                final BigDecimal center = BigDecimal.valueOf(firstLow + i * row).add(BigDecimal.valueOf(row).divide(BigDecimal.valueOf(2)));
                if (poc < 0) {
                    poc = i;
                } else {
                    final BigDecimal best = BigDecimal.valueOf(firstLow + poc * row).add(BigDecimal.valueOf(row).divide(BigDecimal.valueOf(2)));
                    if (center.subtract(middle).abs().compareTo(best.subtract(middle).abs()) < 0) {
                        poc = i;
                    }
                }
            }
            final long total = java.util.Arrays.stream(rows).sum();
            int lo = poc;
            int hi = poc;
            long in = rows[poc];
            while (BigDecimal.valueOf(in).compareTo(BigDecimal.valueOf(total).multiply(new BigDecimal("0.7"))) < 0) {
                final List<Integer> up = new ArrayList<>();
                for (int i = hi + 1; i <= hi + 2 && i < rows.length; i++) {
                    up.add(i);
                }
                final List<Integer> down = new ArrayList<>();
                for (int i = lo - 1; i >= lo - 2 && i >= 0; i--) {
                    down.add(i);
                }
                if (up.isEmpty() && down.isEmpty()) {
                    break;
                }
                final long upSum = up.stream().mapToLong(i -> rows[i]).sum();
                final long downSum = down.stream().mapToLong(i -> rows[i]).sum();
                if (!up.isEmpty() && (down.isEmpty() || upSum >= downSum)) {
                    hi = up.get(up.size() - 1);
                    in += upSum;
                } else {
                    lo = down.get(down.size() - 1);
                    in += downSum;
                }
            }
            return new long[] {firstLow + poc * row, firstLow + lo * row, firstLow + hi * row + row};
        }
    }
}
