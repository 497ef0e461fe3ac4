package io.tidemark.marketdata.analytics;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.marketdata.MarketData;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once its buffers have grown, the analytics allocate nothing per event: trades (some large, told to a
 * listener), book changes, minutes, hours, days and weeks rolling over, heatmap samples every minute and
 * its 30-day ring of hours wrapping, the large-trade log wrapping. Fed as the view stage feeds it: each
 * event to the market data first, then to the analytics.
 */
class AnalyticsSteadyStateAllocationTest {
    private static final int MARKET = TestConfigs.BTC_USD;
    /** 21 s of command time per cycle of three commands. */
    private static final long COMMAND_NANOS = 7_000_000_000L;

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final MarketData md = new MarketData(config);
    // 30 lots at about 10,100 ticks (303,000 quote units) is large, 20 lots is not
    private final MarketAnalytics analytics = new MarketAnalytics(config, AnalyticsConfig.of(config, 250_000, 1, 1), md);
    private final Command command = new Command();
    private long time = RandomCommandGenerator.START_NANOS;
    private long tradeId;
    private long orderId;
    private long seen;

    private void level(final Side side, final long price, final long size, final int orders) {
        md.onLevelChanged(time, MARKET, side, price, size, orders);
        analytics.onLevelChanged(time, MARKET, side, price, size, orders);
    }

    private void trade(final long price, final long size, final long takerOrder) {
        md.onTrade(time, ++tradeId, MARKET, price, size, Side.BUY, takerOrder, 1, 0, 2, 2, 0);
        analytics.onTrade(time, tradeId, MARKET, price, size, Side.BUY, takerOrder, 1, 0, 2, 2, 0);
    }

    private void complete() {
        time += COMMAND_NANOS;
        command.timestamp = time;
        md.onCommandComplete(command);
        analytics.onCommandComplete(command);
    }

    /** Three commands: a bid and an ask appear at the top, a taker sweeps two asks, the bid is cancelled. */
    private void cycle(final int i) {
        final long bid = 10_000 + i % 50;
        final long ask = 10_100 + i % 50;
        level(Side.BUY, bid, 100 + i % 7, 1);
        level(Side.SELL, ask, 50, 1);
        level(Side.SELL, ask + 1, 50, 1);
        complete();
        final long taker = ++orderId;
        trade(ask, 20, taker);
        trade(ask + 1, 30, taker);
        level(Side.SELL, ask, 0, 0);
        level(Side.SELL, ask + 1, 20, 1);
        complete();
        level(Side.BUY, bid, 0, 0);
        level(Side.SELL, ask + 1, 0, 0);
        complete();
    }

    @Test
    void eventsAllocateNothingOnceWarm() {
        analytics.listener(trade -> seen += trade.notional() + trade.levelsSwept());
        for (int level = 0; level < 60; level++) {
            level(Side.BUY, 9_000 - level, 10 + level, 2);
            level(Side.SELL, 11_000 + level, 10 + level, 2);
        }
        complete();
        // past 30 days of command time, so every slot of the heatmap's ring of hours has been used once
        final int warm = 130_000;
        for (int i = 0; i < warm; i++) {
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
        assertThat(seen).as("large trades told to the listener").isNotZero();
        assertThat(analytics.levels(MARKET, PeriodKind.WEEK).hasTrades).as("a complete week").isTrue();
        assertThat(analytics.heatmap(MARKET, 720, new HeatmapView()).samples).as("samples over 30 days")
            .isGreaterThan(40_000);
        assertThat(allocated).as("bytes allocated by %d commands", cycles * 3).isLessThan(1_024);
    }
}
