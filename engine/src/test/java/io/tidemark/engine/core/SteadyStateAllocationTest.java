package io.tidemark.engine.core;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once pools and maps have grown, processing commands allocates nothing. A cycle of place, trade,
 * amend, cancel, stop and cancel-all that returns the book to its starting shape is run many times,
 * and the thread's allocation counter must not move. (Throughput is measured in benchmarks/, not here.)
 */
class SteadyStateAllocationTest {
    private long checksum;

    private final EngineListener sink = new EngineListener() {
        @Override
        public void onOrderAccepted(final long ts, final OrderView order) {
            checksum += order.orderId();
        }

        @Override
        public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) {
            checksum += orderId;
        }

        @Override
        public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId,
                                   final long price, final long size, final long filled, final boolean kept) {
            checksum += price;
        }

        @Override
        public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                            final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                            final long makerOrderId, final long makerAccountId, final long makerFee) {
            checksum += tradeId + size;
        }

        @Override
        public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                                  final OrderStatus status, final CancelReason reason, final long filled) {
            checksum += filled;
        }

        @Override
        public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId,
                                    final ResultCode reason) {
            checksum++;
        }

        @Override
        public void onBalanceChanged(final long ts, final long accountId, final int assetId, final Wallet wallet,
                                     final long available, final long hold) {
            checksum += available;
        }

        @Override
        public void onLevelChanged(final long ts, final int marketId, final Side side, final long price,
                                   final long totalSize, final int orderCount) {
            checksum += totalSize;
        }

        @Override
        public void onMarketStatusChanged(final long ts, final int marketId, final MarketStatus status) {
            checksum++;
        }

        @Override
        public void onCommandComplete(final Command command) {
            checksum += command.result.ordinal();
        }
    };

    @Test
    void steadyStateTradingAllocatesNothingPerCommand() {
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final MatchingEngine engine = new MatchingEngine(config, sink);
        final EngineInspector inspector = new EngineInspector(engine);
        final Command c = new Command();
        final Market market = config.market(TestConfigs.BTC_USD);
        for (long account = 1; account <= 4; account++) {
            engine.process(c.deposit(account, TestConfigs.USD, 1_000_000_000_000_000L));
            engine.process(c.deposit(account, TestConfigs.BTC, 1_000_000_000_000_000L));
        }
        // a standing book: 200 asks and 200 bids
        for (int i = 0; i < 200; i++) {
            engine.process(c.placeOrder(1, 0, Side.SELL, OrderType.LIMIT, 10_100 + i, 1_000));
            engine.process(c.placeOrder(2, 0, Side.BUY, OrderType.LIMIT, 9_900 - i, 1_000));
        }
        final long[] ids = new long[2];
        final Runnable cycle = () -> {
            // a resting bid with a fresh client id, amended down then re-priced, then cancelled; the clock
            // moves 1/1000 of the 24 h retention per cycle, so the client id table stays at a steady size
            ids[0] = inspector.nextOrderId();
            ids[1]++;
            c.placeOrder(3, 0, Side.BUY, OrderType.LIMIT, 9_950, 500);
            c.clientOrderId.setWords(ids[1], 0, 0, 1L << 58);
            run(engine, c);
            run(engine, c.amendOrder(3, ids[0], 0, 400));
            run(engine, c.amendOrder(3, ids[0], 9_960, 0));
            run(engine, c.cancelOrder(3, ids[0]));
            // a taker that sweeps part of the best ask, then the maker refills it
            run(engine, c.placeOrder(4, 0, Side.BUY, OrderType.LIMIT, 10_100, 300));
            run(engine, c.placeOrder(1, 0, Side.SELL, OrderType.LIMIT, 10_100, 300));
            // a market sell and an IOC that cross, then the bid side is restored
            run(engine, c.placeOrder(4, 0, Side.SELL, OrderType.MARKET, 0, 200));
            run(engine, c.placeOrder(2, 0, Side.BUY, OrderType.LIMIT, 9_900, 200));
            c.placeOrder(4, 0, Side.SELL, OrderType.LIMIT, 9_900, 150);
            c.timeInForce = TimeInForce.IOC;
            run(engine, c);
            run(engine, c.placeOrder(2, 0, Side.BUY, OrderType.LIMIT, 9_900, 150));
            // a stop that waits, then every open order of account 3 cancelled
            c.placeOrder(3, 0, Side.SELL, OrderType.STOP, 0, 300);
            c.stopPrice = 5_000;
            c.selfTradePrevention = SelfTradePrevention.CANCEL_BOTH;
            run(engine, c);
            run(engine, c.cancelAll(3, Command.ALL_MARKETS));
            run(engine, c.deposit(3, TestConfigs.USD, 1));
        };
        for (int i = 0; i < 20_000; i++) {
            cycle.run();
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final int cycles = 20_000;
        for (int i = 0; i < cycles; i++) {
            cycle.run();
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(market.id()).isZero();
        assertThat(checksum).isNotZero();
        assertThat(allocated).as("bytes allocated by %d commands", cycles * 13).isLessThan(1_024);
    }

    private long clock;

    private void run(final MatchingEngine engine, final Command c) {
        clock += ClientOrderIdTable.RETENTION_NANOS / 13_000;
        c.timestamp = clock;
        engine.process(c);
        if (c.result != ResultCode.ACCEPTED) {
            throw new AssertionError("cycle command rejected: " + c);
        }
    }
}
