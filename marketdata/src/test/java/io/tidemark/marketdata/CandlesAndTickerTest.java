package io.tidemark.marketdata;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.Seeds;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Candles, the 24 h ticker and the tape match a naive recomputation from every trade the engine
 * reported (with its command time), over a seeded random stream spanning days of command time,
 * for a model with the default retention and one with a small retention.
 */
class CandlesAndTickerTest {
    private static final int COMMANDS = Seeds.count("tidemark.marketdata.commands", 30_000);
    private static final long MINUTE = 60_000_000_000L;
    private static final long DAY = 1_440 * MINUTE;
    private static final int SMALL_TRADES = 40;
    private static final int SMALL_CANDLES = 25;

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final int markets = config.markets().size();

    /** Every ticker field, so that one comparison covers all of them. */
    record TickerValues(boolean hasLast, long lastId, long lastPrice, long lastSize, Side lastSide, long lastTime,
                        long bid, long bidSize, long ask, long askSize, boolean has24h, long open, long high, long low,
                        long change, long changePct, long volume, long quoteVolume, long trades, String marketCap) {
    }

    @Test
    void candlesTickerAndTapeMatchARecomputationFromTheTrades() {
        final long seed = Seeds.seed(7_002);
        final MarketData md = new MarketData(config);
        final MarketData small = new MarketData(config, SMALL_TRADES, SMALL_CANDLES);
        final TradeLog log = new TradeLog();
        final RandomStream stream = new RandomStream(seed, config, new Tee(md, small, log));
        final String replay = Seeds.replayHint(seed);

        int emptyWindowsAfterTrading = 0;
        int tickerChecks = 0;
        for (int i = 0; i < COMMANDS; i++) {
            stream.step();
            final boolean last = i == COMMANDS - 1;
            if (i % 50 == 0 || last) {
                assertThat(md.now()).isEqualTo(stream.time());
                for (int m = 0; m < markets; m++) {
                    final String context = replay + ", after command " + i + ", market " + m;
                    final TickerValues expected = recompute(config.market(m), log.of(m), stream.time(), stream.engine);
                    assertThat(values(md.ticker(m))).as(context).isEqualTo(expected);
                    assertThat(values(small.ticker(m))).as(context).isEqualTo(expected);
                    tickerChecks++;
                    if (expected.hasLast() && !expected.has24h()) {
                        emptyWindowsAfterTrading++;
                    }
                }
            }
            if (i % 1_500 == 0 || last) {
                for (int m = 0; m < markets; m++) {
                    final String context = replay + ", after command " + i + ", market " + m;
                    final List<TradeLog.Fill> trades = log.of(m);
                    for (final Interval interval : Interval.values()) {
                        final List<Published.PublishedCandle> expected = candles(m, trades, interval);
                        assertCandles(md, m, interval, expected, MarketData.DEFAULT_CANDLES_PER_INTERVAL, context);
                        assertCandles(small, m, interval, expected, SMALL_CANDLES, context);
                    }
                    assertTape(md, m, trades, MarketData.DEFAULT_TRADES_PER_PAIR, context);
                    assertTape(small, m, trades, SMALL_TRADES, context);
                }
            }
        }

        // the stream covered what the test claims to cover
        assertThat(stream.time() - RandomCommandGenerator.START_NANOS).as("command time spanned").isGreaterThan(4 * DAY);
        assertThat(log.all().size()).isGreaterThan(3_000);
        assertThat(tickerChecks).isGreaterThan(1_000);
        assertThat(emptyWindowsAfterTrading).as("checks where the last trade was older than the window").isPositive();
        for (int m = 0; m < markets; m++) {
            assertThat(md.candles(m, Interval.ONE_DAY, 0, 1_000, c -> { })).isGreaterThanOrEqualTo(4);
            assertThat(md.candles(m, Interval.ONE_MINUTE, 0, 10_000, c -> { })).isGreaterThan(200);
            assertThat(small.candles(m, Interval.ONE_HOUR, 0, 10_000, c -> { }))
                .as("1h candles reach the small retention").isEqualTo(SMALL_CANDLES);
            assertThat(small.trades(m, 0, 10_000, t -> { })).isEqualTo(SMALL_TRADES);
        }
    }

    private static TickerValues values(final Ticker t) {
        final String cap = t.hasMarketCap() ? t.appendMarketCap(new StringBuilder()).toString() : null;
        return new TickerValues(t.hasLastTrade(), t.lastTradeId(), t.lastPrice(), t.lastSize(), t.lastTakerSide(),
            t.lastTime(), t.bestBid(), t.bestBidSize(), t.bestAsk(), t.bestAskSize(), t.hasTrades24h(), t.open24h(),
            t.high24h(), t.low24h(), t.change24h(), t.changePct24h(), t.volume24h(), t.quoteVolume24h(),
            t.tradeCount24h(), cap);
    }

    /** The ticker by brute force: the window is the 1,440 UTC minutes ending with the current one. */
    private static TickerValues recompute(final Market market, final List<TradeLog.Fill> trades, final long now,
                                          final MatchingEngine engine) {
        final long firstMinute = Math.floorDiv(now, MINUTE) - 1_439;
        final List<TradeLog.Fill> window = trades.stream()
            .filter(t -> Math.floorDiv(t.time(), MINUTE) >= firstMinute && t.time() <= now).toList();
        final TradeLog.Fill last = trades.isEmpty() ? null : trades.get(trades.size() - 1);
        final long[] bid = best(engine, market.id(), Side.BUY);
        final long[] ask = best(engine, market.id(), Side.SELL);
        final boolean has24h = !window.isEmpty();
        final long open = has24h ? window.get(0).price() : 0;
        final long high = window.stream().mapToLong(TradeLog.Fill::price).max().orElse(0);
        final long low = window.stream().mapToLong(TradeLog.Fill::price).min().orElse(0);
        final long volume = window.stream().mapToLong(TradeLog.Fill::size).sum();
        final long quoteVolume = window.stream().mapToLong(t -> market.notional(t.price(), t.size())).sum();
        final long changePct = has24h
            ? BigDecimal.valueOf(last.price() - open).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(open), Ticker.CHANGE_PCT_SCALE, RoundingMode.HALF_UP).unscaledValue()
                .longValueExact()
            : 0;
        String cap = null;
        if (last != null && market.base().circulatingSupplyUnits() >= 0) {
            cap = BigDecimal.valueOf(market.base().circulatingSupplyUnits()).movePointLeft(market.base().scale())
                .multiply(new BigDecimal(market.formatPrice(last.price())))
                .setScale(market.quote().scale(), RoundingMode.DOWN).toPlainString();
        }
        return new TickerValues(last != null, last == null ? 0 : last.tradeId(), last == null ? 0 : last.price(),
            last == null ? 0 : last.size(), last == null ? null : last.takerSide(), last == null ? 0 : last.time(),
            bid[0], bid[1], ask[0], ask[1], has24h, open, high, low, has24h ? last.price() - open : 0, changePct,
            volume, quoteVolume, window.size(), cap);
    }

    private static long[] best(final MatchingEngine engine, final int market, final Side side) {
        final long[] best = new long[2];
        new EngineInspector(engine).forEachLevel(market, side, (price, size, count) -> {
            if (best[0] == 0) {
                best[0] = price;
                best[1] = size;
            }
        });
        return best;
    }

    /** OHLCV per aligned bucket by brute force, oldest first. */
    private List<Published.PublishedCandle> candles(final int market, final List<TradeLog.Fill> trades,
                                                    final Interval interval) {
        final long length = interval.nanos();
        final TreeMap<Long, List<TradeLog.Fill>> buckets = new TreeMap<>();
        for (final TradeLog.Fill t : trades) {
            buckets.computeIfAbsent(Math.floorDiv(t.time(), length) * length, start -> new ArrayList<>()).add(t);
        }
        final Market m = config.market(market);
        final List<Published.PublishedCandle> candles = new ArrayList<>();
        buckets.forEach((start, in) -> candles.add(new Published.PublishedCandle(market, interval, start,
            in.get(0).price(), in.stream().mapToLong(TradeLog.Fill::price).max().orElseThrow(),
            in.stream().mapToLong(TradeLog.Fill::price).min().orElseThrow(), in.get(in.size() - 1).price(),
            in.stream().mapToLong(TradeLog.Fill::size).sum(),
            in.stream().mapToLong(t -> m.notional(t.price(), t.size())).sum(), in.size())));
        return candles;
    }

    private static void assertCandles(final MarketData md, final int market, final Interval interval,
                                      final List<Published.PublishedCandle> oldestFirst, final int retention,
                                      final String context) {
        final List<Published.PublishedCandle> newestFirst = new ArrayList<>(oldestFirst.subList(
            Math.max(0, oldestFirst.size() - retention), oldestFirst.size()));
        java.util.Collections.reverse(newestFirst);
        final List<Published.PublishedCandle> actual = new ArrayList<>();
        md.candles(market, interval, 0, Integer.MAX_VALUE, c -> actual.add(Published.of(c)));
        assertThat(actual).as(context + " " + interval.wireName()).isEqualTo(newestFirst);
        if (newestFirst.size() > 4) {
            // a page: at most 3, starting before the second newest
            final List<Published.PublishedCandle> page = new ArrayList<>();
            assertThat(md.candles(market, interval, newestFirst.get(1).start(), 3, c -> page.add(Published.of(c))))
                .isEqualTo(3);
            assertThat(page).as(context).isEqualTo(newestFirst.subList(2, 5));
            // bounded by start time: only candles starting at or after the fourth newest
            final long from = newestFirst.get(3).start();
            final List<Published.PublishedCandle> bounded = new ArrayList<>();
            md.candles(market, interval, 0, from, Integer.MAX_VALUE, c -> bounded.add(Published.of(c)));
            assertThat(bounded).as(context).isEqualTo(newestFirst.subList(0, 4));
        }
    }

    private static void assertTape(final MarketData md, final int market, final List<TradeLog.Fill> trades,
                                   final int retention, final String context) {
        final List<Published.PublishedTrade> newestFirst = new ArrayList<>();
        for (int i = trades.size() - 1; i >= Math.max(0, trades.size() - retention); i--) {
            final TradeLog.Fill t = trades.get(i);
            newestFirst.add(new Published.PublishedTrade(market, t.tradeId(), t.price(), t.size(), t.takerSide(), t.time()));
        }
        final List<Published.PublishedTrade> actual = new ArrayList<>();
        md.trades(market, 0, Integer.MAX_VALUE, t -> actual.add(Published.of(t)));
        assertThat(actual).as(context).isEqualTo(newestFirst);
        if (newestFirst.size() > 10) {
            final List<Published.PublishedTrade> page = new ArrayList<>();
            md.trades(market, newestFirst.get(4).tradeId(), 5, t -> page.add(Published.of(t)));
            assertThat(page).as(context).isEqualTo(newestFirst.subList(5, 10));
            // bounded by time, both ends inclusive: what a brute-force filter of the tape keeps
            final long from = newestFirst.get(9).time();
            final long to = newestFirst.get(3).time();
            final List<Published.PublishedTrade> bounded = new ArrayList<>();
            md.trades(market, 0, from, to, Integer.MAX_VALUE, t -> bounded.add(Published.of(t)));
            assertThat(bounded).as(context)
                .isEqualTo(newestFirst.stream().filter(t -> t.time() >= from && t.time() <= to).toList())
                .isNotEmpty();
        }
    }
}
