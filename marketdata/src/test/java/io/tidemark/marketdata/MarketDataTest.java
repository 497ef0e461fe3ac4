package io.tidemark.marketdata;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.ETH;
import static io.tidemark.engine.testkit.TestConfigs.ETH_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** What one command publishes, and the ticker and candle rules, on small hand-made books. */
class MarketDataTest {
    private static final long MAKER = 1;
    private static final long TAKER = 2;
    private static final long MINUTE = 60_000_000_000L;

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final Market btcUsd = config.market(BTC_USD);
    private final MarketData md = new MarketData(config);
    private final Published.Recorder published = new Published.Recorder();
    private final MatchingEngine engine = new MatchingEngine(config, md);
    private final Command c = new Command();
    private long time = nanos("2026-11-21T00:00:00Z");

    private static long nanos(final String instant) {
        final Instant at = Instant.parse(instant);
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    @BeforeEach
    void fund() {
        for (final long account : new long[] {MAKER, TAKER}) {
            run(c.deposit(account, BTC, 100_000_000_000L));
            run(c.deposit(account, ETH, 100_000_000_000L));
            run(c.deposit(account, USD, 100_000_000_000_000L));
        }
        md.listener(published);
    }

    private Command run(final Command command) {
        command.timestamp = time += 1_000_000;
        engine.process(command);
        return command;
    }

    private long limit(final long account, final int market, final Side side, final String price, final String size) {
        final Market m = config.market(market);
        run(c.placeOrder(account, market, side, OrderType.LIMIT, m.parsePrice(price), m.parseSize(size)));
        assertThat(c.result).as("%s", c).isEqualTo(ResultCode.ACCEPTED);
        return c.resultId;
    }

    private long price(final String text) {
        return btcUsd.parsePrice(text);
    }

    private long size(final String text) {
        return btcUsd.parseSize(text);
    }

    private static Published.Level level(final long price, final long size) {
        return new Published.Level(price, size);
    }

    @Test
    void aRestingOrderIsOneDeltaWithTheNextSeqAndATickerForTheNewBestBid() {
        limit(MAKER, BTC_USD, Side.BUY, "100", "0.05");

        assertThat(md.bookSeq(BTC_USD)).isEqualTo(1);
        assertThat(published.messages).hasSize(2);
        final Published.PublishedDelta delta = (Published.PublishedDelta) published.messages.get(0);
        assertThat(delta).isEqualTo(new Published.PublishedDelta(BTC_USD, 0, 1, md.checksum(BTC_USD),
            List.of(level(price("100"), size("0.05"))), List.of()));
        assertThat(published.messages.get(1)).isInstanceOf(Published.PublishedTicker.class);
        assertThat(md.ticker(BTC_USD).bestBid()).isEqualTo(price("100"));

        // a bid below the best changes the book but not the ticker
        published.messages.clear();
        limit(MAKER, BTC_USD, Side.BUY, "99", "0.05");
        assertThat(published.messages).singleElement().isInstanceOf(Published.PublishedDelta.class);
        assertThat(md.bookSeq(BTC_USD)).isEqualTo(2);
    }

    @Test
    void aSweepIsOneCoalescedChangeWithEveryTradeInOrderThenTheTickerAndTheCandles() {
        limit(MAKER, BTC_USD, Side.SELL, "101", "0.01");
        limit(MAKER, BTC_USD, Side.SELL, "102", "0.02");
        limit(MAKER, BTC_USD, Side.SELL, "102", "0.03");
        limit(MAKER, BTC_USD, Side.SELL, "103", "0.04");
        final long seq = md.bookSeq(BTC_USD);
        published.messages.clear();

        // takes 101 and both orders at 102, rests 0.01 at 102.5
        limit(TAKER, BTC_USD, Side.BUY, "102.5", "0.07");

        assertThat(published.messages).extracting(m -> m.getClass().getSimpleName()).containsExactly(
            "PublishedTrade", "PublishedTrade", "PublishedTrade", "PublishedDelta", "PublishedTicker",
            "PublishedCandle", "PublishedCandle", "PublishedCandle", "PublishedCandle", "PublishedCandle",
            "PublishedCandle");
        final List<Published.PublishedTrade> trades = published.ofType(Published.PublishedTrade.class);
        assertThat(trades).extracting(Published.PublishedTrade::price)
            .containsExactly(price("101"), price("102"), price("102"));
        assertThat(trades).extracting(Published.PublishedTrade::size)
            .containsExactly(size("0.01"), size("0.02"), size("0.03"));
        assertThat(trades).allMatch(t -> t.takerSide() == Side.BUY && t.time() == time && t.marketId() == BTC_USD);
        assertThat(trades.get(1).tradeId()).isEqualTo(trades.get(0).tradeId() + 1);

        final Published.PublishedDelta delta = published.ofType(Published.PublishedDelta.class).get(0);
        assertThat(delta.prevSeq()).isEqualTo(seq);
        assertThat(delta.seq()).isEqualTo(seq + 1).isEqualTo(md.bookSeq(BTC_USD));
        assertThat(delta.bids()).containsExactly(level(price("102.5"), size("0.01")));
        assertThat(delta.asks()).as("each level once, best first, 0 = gone")
            .containsExactly(level(price("101"), 0), level(price("102"), 0));
        assertThat(delta.checksum()).isEqualTo(md.checksum(BTC_USD));

        final List<Published.PublishedCandle> candles = published.ofType(Published.PublishedCandle.class);
        assertThat(candles).extracting(Published.PublishedCandle::interval).containsExactly(Interval.values());
        final long quote = btcUsd.notional(price("101"), size("0.01")) + btcUsd.notional(price("102"), size("0.05"));
        for (final Published.PublishedCandle candle : candles) {
            assertThat(candle).isEqualTo(new Published.PublishedCandle(BTC_USD, candle.interval(),
                candle.interval().startOf(time), price("101"), price("102"), price("101"), price("102"), size("0.06"),
                quote, 3));
        }

        final Ticker ticker = md.ticker(BTC_USD);
        assertThat(ticker.lastPrice()).isEqualTo(price("102"));
        assertThat(ticker.lastSize()).isEqualTo(size("0.03"));
        assertThat(ticker.bestBid()).isEqualTo(price("102.5"));
        assertThat(ticker.bestAsk()).isEqualTo(price("103"));
        assertThat(ticker.bestAskSize()).isEqualTo(size("0.04"));
        assertThat(ticker.open24h()).isEqualTo(price("101"));
        assertThat(ticker.change24h()).isEqualTo(price("1"));
        assertThat(ticker.changePct24h()).as("+0.9901 %").isEqualTo(9_901);
        assertThat(ticker.volume24h()).isEqualTo(size("0.06"));
        assertThat(ticker.quoteVolume24h()).isEqualTo(quote);
        // 19,800,000 BTC × 102 USD, at USD's 6 decimals
        assertThat(ticker.appendMarketCap(new StringBuilder()).toString()).isEqualTo("2019600000.000000");
    }

    @Test
    void commandsThatChangeNoBookPublishNothing() {
        limit(MAKER, BTC_USD, Side.BUY, "100", "0.05");
        published.messages.clear();
        run(c.deposit(MAKER, USD, 5));
        run(c.cancelOrder(MAKER, 999_999));
        run(c.placeOrder(MAKER, BTC_USD, Side.BUY, OrderType.LIMIT, price("100"), 1)); // below the minimum size
        assertThat(c.result).isNotEqualTo(ResultCode.ACCEPTED);
        c.placeOrder(TAKER, BTC_USD, Side.SELL, OrderType.LIMIT, price("100"), size("0.05"));
        c.postOnly = true; // would take: cancelled, never rests
        run(c);
        assertThat(published.messages).isEmpty();
        assertThat(md.bookSeq(BTC_USD)).isEqualTo(1);
    }

    @Test
    void aCancelAllOverSeveralPairsPublishesEachPairOnceInMarketOrder() {
        limit(MAKER, ETH_USD, Side.BUY, "50", "0.1");
        limit(MAKER, BTC_USD, Side.BUY, "100", "0.05");
        limit(MAKER, BTC_USD, Side.BUY, "99", "0.05");
        published.messages.clear();

        run(c.cancelAll(MAKER, Command.ALL_MARKETS));

        final List<Published.PublishedDelta> deltas = published.ofType(Published.PublishedDelta.class);
        assertThat(deltas).extracting(Published.PublishedDelta::marketId).containsExactly(BTC_USD, ETH_USD);
        assertThat(deltas.get(0).seq()).isEqualTo(3);
        assertThat(deltas.get(0).bids()).containsExactly(level(price("100"), 0), level(price("99"), 0));
        assertThat(deltas.get(1).seq()).isEqualTo(2);
        assertThat(md.bookDepth(BTC_USD, Side.BUY)).isZero();
        assertThat(md.checksum(BTC_USD)).isZero();
    }

    @Test
    void levelEventsThatNetToNothingAreNoPublishedChange() {
        final Command end = new Command();
        end.timestamp = time;
        // a level that appears and goes within one command
        md.onLevelChanged(time, BTC_USD, Side.SELL, 500, 7, 1);
        md.onLevelChanged(time, BTC_USD, Side.SELL, 500, 0, 0);
        md.onCommandComplete(end);
        assertThat(md.bookSeq(BTC_USD)).isZero();
        assertThat(published.messages).isEmpty();

        md.onLevelChanged(time, BTC_USD, Side.SELL, 500, 7, 1);
        md.onCommandComplete(end);
        assertThat(md.bookSeq(BTC_USD)).isEqualTo(1);
        published.messages.clear();
        // the same size from a different set of orders: the public book did not change
        md.onLevelChanged(time, BTC_USD, Side.SELL, 500, 3, 1);
        md.onLevelChanged(time, BTC_USD, Side.SELL, 500, 7, 2);
        md.onCommandComplete(end);
        assertThat(md.bookSeq(BTC_USD)).isEqualTo(1);
        assertThat(published.messages).isEmpty();
        final List<Integer> counts = new ArrayList<>();
        md.levels(BTC_USD, Side.SELL, 10, (price, size, orders) -> counts.add(orders));
        assertThat(counts).containsExactly(2);
    }

    @Test
    void theTickerHas24hFieldsOnlyWhileATradeIsInTheWindow() {
        final Ticker ticker = md.ticker(BTC_USD);
        assertThat(ticker.hasLastTrade()).isFalse();
        assertThat(ticker.hasTrades24h()).isFalse();
        assertThat(ticker.hasMarketCap()).isFalse();
        assertThat(md.ticker(ETH_USD).hasMarketCap()).isFalse();

        time = nanos("2026-11-21T10:00:30Z");
        limit(MAKER, BTC_USD, Side.SELL, "100", "0.05");
        limit(TAKER, BTC_USD, Side.BUY, "100", "0.02");
        final long tradeTime = time;
        assertThat(ticker.hasTrades24h()).isTrue();
        assertThat(ticker.tradeCount24h()).isEqualTo(1);
        assertThat(ticker.high24h()).isEqualTo(ticker.low24h()).isEqualTo(price("100"));

        // the window is the 1,440 minutes ending with the current one: 10:00 is still in at 09:59:59.999 next day
        time = nanos("2026-11-22T09:59:59.999Z") - 1_000_000;
        run(c.deposit(MAKER, USD, 1));
        assertThat(ticker.hasTrades24h()).isTrue();
        time = nanos("2026-11-22T10:00:00Z") - 1_000_000;
        run(c.deposit(MAKER, USD, 1)); // any command moves the window's time
        assertThat(ticker.hasTrades24h()).isFalse();
        assertThat(ticker.volume24h()).isZero();
        assertThat(ticker.quoteVolume24h()).isZero();
        assertThat(ticker.open24h()).isZero();
        assertThat(ticker.hasLastTrade()).isTrue();
        assertThat(ticker.lastTime()).isEqualTo(tradeTime);
        assertThat(ticker.hasMarketCap()).isTrue();
    }

    @Test
    void candlesAlignToUtcBoundariesAndEmptyIntervalsHaveNone() {
        limit(MAKER, BTC_USD, Side.SELL, "100", "1");
        time = nanos("2026-11-21T00:59:59.999Z") - 1_000_000;
        limit(TAKER, BTC_USD, Side.BUY, "100", "0.01");
        time = nanos("2026-11-21T01:00:00Z") - 1_000_000;
        limit(TAKER, BTC_USD, Side.BUY, "100", "0.02");
        time = nanos("2026-11-21T01:07:00Z") - 1_000_000;
        limit(TAKER, BTC_USD, Side.BUY, "100", "0.03");

        assertThat(starts(Interval.ONE_MINUTE)).containsExactly(nanos("2026-11-21T01:07:00Z"),
            nanos("2026-11-21T01:00:00Z"), nanos("2026-11-21T00:59:00Z"));
        assertThat(starts(Interval.FIVE_MINUTES)).containsExactly(nanos("2026-11-21T01:05:00Z"),
            nanos("2026-11-21T01:00:00Z"), nanos("2026-11-21T00:55:00Z"));
        assertThat(starts(Interval.ONE_HOUR)).containsExactly(nanos("2026-11-21T01:00:00Z"),
            nanos("2026-11-21T00:00:00Z"));
        assertThat(starts(Interval.FOUR_HOURS)).containsExactly(nanos("2026-11-21T00:00:00Z"));
        assertThat(starts(Interval.ONE_DAY)).containsExactly(nanos("2026-11-21T00:00:00Z"));
        final List<Published.PublishedCandle> day = new ArrayList<>();
        md.candles(BTC_USD, Interval.ONE_DAY, 0, 300, candle -> day.add(Published.of(candle)));
        assertThat(day.get(0).volume()).isEqualTo(size("0.06"));
        assertThat(day.get(0).tradeCount()).isEqualTo(3);
        assertThat(md.candles(ETH_USD, Interval.ONE_MINUTE, 0, 300, candle -> { })).isZero();
    }

    private List<Long> starts(final Interval interval) {
        final List<Long> starts = new ArrayList<>();
        md.candles(BTC_USD, interval, 0, 300, candle -> starts.add(candle.start()));
        return starts;
    }

    @Test
    void intervalsHaveTheirWireNames() {
        assertThat(Interval.values()).extracting(Interval::wireName).containsExactly("1m", "5m", "15m", "1h", "4h", "1d");
        assertThat(Interval.fromWire("15m")).isEqualTo(Interval.FIFTEEN_MINUTES);
        assertThat(Interval.fromWire("2m")).isNull();
        assertThat(Interval.ONE_HOUR.startOf(-1)).as("before the epoch, still aligned down").isEqualTo(-3_600_000_000_000L);
    }

    @Test
    void marketStatusFollowsTheEngine() {
        assertThat(md.status(ETH_USD)).isEqualTo(MarketStatus.TRADING);
        run(c.setMarketStatus(ETH_USD, MarketStatus.HALTED));
        assertThat(md.status(ETH_USD)).isEqualTo(MarketStatus.HALTED);
        assertThat(md.status(BTC_USD)).isEqualTo(MarketStatus.TRADING);
        assertThat(published.messages).isEmpty();
    }
}
