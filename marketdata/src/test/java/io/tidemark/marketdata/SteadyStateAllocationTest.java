package io.tidemark.marketdata;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once its buffers have grown, the model allocates nothing per event: books changing at the top
 * (so checksums are recomputed), trades, minute buckets and candles rolling over and wrapping their
 * rings, and a listener reading every view it is given.
 */
class SteadyStateAllocationTest {
    private static final int MARKET = TestConfigs.BTC_USD;
    private static final Side[] SIDES = Side.values();

    private final MarketData md = new MarketData(TestConfigs.threeMarkets());
    private final Command command = new Command();
    private long time = RandomCommandGenerator.START_NANOS;
    private long tradeId;
    private long seen;

    private final MarketDataListener reader = new MarketDataListener() {
        @Override
        public void onTrade(final Trade trade) {
            seen += trade.price() + trade.size() + trade.time();
        }

        @Override
        public void onBookDelta(final BookDelta delta) {
            seen += delta.seq() + delta.checksum();
            for (final Side side : SIDES) {
                for (int i = 0; i < delta.levelCount(side); i++) {
                    seen += delta.price(side, i) + delta.size(side, i);
                }
            }
        }

        @Override
        public void onTicker(final Ticker ticker) {
            seen += ticker.bestBid() + ticker.bestAsk() + ticker.open24h() + ticker.high24h() + ticker.low24h()
                + ticker.changePct24h() + ticker.volume24h() + ticker.quoteVolume24h();
        }

        @Override
        public void onCandle(final Candle candle) {
            seen += candle.open() + candle.high() + candle.low() + candle.close() + candle.volume();
        }
    };

    private void complete() {
        time += 7_000_000_000L;
        command.timestamp = time;
        md.onCommandComplete(command);
    }

    /** Three commands: a bid and an ask appear at the top, the ask is taken, the bid is cancelled. */
    private void cycle(final int i) {
        final long bid = 10_000 + i % 50;
        final long ask = 10_100 + i % 50;
        md.onLevelChanged(time, MARKET, Side.BUY, bid, 100 + i % 7, 1);
        md.onLevelChanged(time, MARKET, Side.SELL, ask, 50, 1);
        complete();
        md.onTrade(time, ++tradeId, MARKET, ask, 20, Side.BUY, 1, 1, 0, 2, 2, 0);
        md.onTrade(time, ++tradeId, MARKET, ask, 30, Side.BUY, 1, 1, 0, 3, 3, 0);
        md.onLevelChanged(time, MARKET, Side.SELL, ask, 30, 1);
        md.onLevelChanged(time, MARKET, Side.SELL, ask, 0, 0);
        complete();
        md.onLevelChanged(time, MARKET, Side.BUY, bid, 0, 0);
        complete();
        seen += md.checksum(MARKET);
    }

    @Test
    void eventsAllocateNothingOnceWarm() {
        md.listener(reader);
        // a standing book below the moving top, deeper than the checksum
        for (int level = 0; level < 60; level++) {
            md.onLevelChanged(time, MARKET, Side.BUY, 9_000 - level, 10 + level, 2);
            md.onLevelChanged(time, MARKET, Side.SELL, 11_000 + level, 10 + level, 2);
        }
        complete();
        for (int i = 0; i < 50_000; i++) {
            cycle(i);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final int cycles = 100_000;
        for (int i = 0; i < cycles; i++) {
            cycle(i);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(seen).isNotZero();
        assertThat(md.candles(MARKET, Interval.ONE_MINUTE, 0, 5_000, c -> { })).as("the candle ring wrapped")
            .isEqualTo(MarketData.DEFAULT_CANDLES_PER_INTERVAL);
        assertThat(allocated).as("bytes allocated by %d commands", cycles * 3).isLessThan(1_024);
    }
}
