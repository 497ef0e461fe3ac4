package io.tidemark.benchmarks.peer;

import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.peer.workload.TradeDigest;
import io.tidemark.peer.workload.Workload;

/**
 * Tidemark's side of the peer comparison: a workload record becomes a {@link Command} exactly as the
 * gateway would hand it to the engine — a place is a limit (gtc or ioc) or a market order, a move is an
 * amend with a new price, a reduce an amend to the smaller total size (a reduce by everything that
 * remains, which an amend refuses, a cancel), a cancel a cancel. The engine is
 * the production one: holds, settlement and maker/taker fees included (it has no matching-only mode).
 *
 * <p>Accounts 1..n are funded with far more than the stream can spend, so nothing is ever refused for
 * funds; {@link #verify} proves the stream replays with no rejection and no self-trade cancel, that the
 * engine assigns every place the workload's order id, and that the trades match the header's digest.
 */
public final class TidemarkReplay {
    /** Command time of the first record; each record is 1 µs after the previous one. */
    static final long START = 1_795_219_200_000_000_000L;
    static final long FUNDING = 1_000_000_000_000_000L;
    /** Pools for the ~1,000-order book and its churn; they grow beyond it if needed. */
    private static final int EXPECTED_ORDERS = 4_096;

    private TidemarkReplay() {
    }

    /** BTC-USD at tick 0.01 and lot 0.0001, so one tick × one lot is one micro-USD: notional = ticks × lots. */
    public static ExchangeConfig config() {
        return RealisticMix.config();
    }

    /** A fresh engine with accounts 1..{@code accounts} funded in both assets. */
    public static MatchingEngine freshEngine(final int accounts, final EngineListener listener) {
        final MatchingEngine engine = new MatchingEngine(config(), listener, accounts + 16, EXPECTED_ORDERS);
        final Command deposit = new Command();
        long time = START - 2L * accounts * 1_000;
        for (long account = 1; account <= accounts; account++) {
            for (final int asset : new int[] {RealisticMix.BASE, RealisticMix.QUOTE}) {
                deposit.deposit(account, asset, FUNDING);
                deposit.timestamp = time += 1_000;
                engine.process(deposit);
                if (deposit.result != ResultCode.ACCEPTED) {
                    throw new IllegalStateException("funding refused: " + deposit);
                }
            }
        }
        return engine;
    }

    /** Records {@code from} (inclusive) to {@code to} (exclusive) as commands, stamped by their index. */
    public static Command[] commands(final Workload workload, final int from, final int to) {
        final Command[] commands = new Command[to - from];
        for (int i = from; i < to; i++) {
            commands[i - from] = command(workload.type(i), workload.side(i), workload.orderType(i),
                workload.timeInForce(i), workload.account(i), workload.orderId(i), workload.price(i),
                workload.size(i), workload.newSize(i), i, new Command());
        }
        return commands;
    }

    /** Fills {@code c} with record {@code index} of a stream. */
    static Command command(final byte kind, final byte side, final byte orderType, final byte tif,
                           final long account, final long orderId, final long price, final long size,
                           final long newSize, final int index, final Command c) {
        switch (kind) {
            case Workload.PLACE -> {
                final boolean market = orderType == Workload.MARKET;
                c.placeOrder(account, RealisticMix.MARKET, side == Workload.BUY ? Side.BUY : Side.SELL,
                    market ? OrderType.MARKET : OrderType.LIMIT, price, size);
                c.timeInForce = tif == Workload.IOC ? TimeInForce.IOC : TimeInForce.GTC;
            }
            case Workload.CANCEL -> c.cancelOrder(account, orderId);
            case Workload.MOVE -> c.amendOrder(account, orderId, price, 0);
            // an amend cannot take an order to nothing: that reduction is a cancel
            case Workload.REDUCE -> {
                if (newSize == 0) {
                    c.cancelOrder(account, orderId);
                } else {
                    c.amendOrder(account, orderId, 0, newSize);
                }
            }
            default -> throw new IllegalArgumentException("record " + index + ": unknown kind " + kind);
        }
        c.sequence = index + 1L;
        c.timestamp = START + (index + 1L) * 1_000;
        return c;
    }

    /**
     * Replays the whole stream into a fresh engine and checks it: every command accepted, every place
     * given the workload's order id, no order cancelled by self-trade prevention, and the trades equal to
     * the digest in the header. Returns the digest; throws {@link IllegalStateException} on any difference.
     */
    public static TradeDigest.Result verify(final Workload workload) {
        final Checker checker = new Checker();
        final MatchingEngine engine = freshEngine(workload.header().accounts(), checker);
        final Command c = new Command();
        for (int i = 0; i < workload.size(); i++) {
            command(workload.type(i), workload.side(i), workload.orderType(i), workload.timeInForce(i),
                workload.account(i), workload.orderId(i), workload.price(i), workload.size(i), workload.newSize(i),
                i, c);
            engine.process(c);
            if (c.result.isRejection()) {
                throw new IllegalStateException("record " + i + " was refused: " + c);
            }
            if (workload.type(i) == Workload.PLACE && c.resultId != workload.orderId(i)) {
                throw new IllegalStateException("record " + i + ": the engine gave order id " + c.resultId
                    + ", the workload says " + workload.orderId(i));
            }
            if (checker.selfTradeCancels > 0) {
                throw new IllegalStateException("record " + i + " met its own account's order: " + c);
            }
        }
        final TradeDigest.Result result = checker.digest.result();
        if (!result.equals(workload.header().expected())) {
            throw new IllegalStateException("trade digest differs from the workload's:\n  tidemark: " + result
                + "\n  expected: " + workload.header().expected());
        }
        return result;
    }

    /** Folds trades into a digest and counts self-trade cancels; nothing else. */
    private static final class Checker implements EngineListener {
        final TradeDigest digest = new TradeDigest();
        long selfTradeCancels;

        @Override
        public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                            final Side takerSide, final long takerOrderId, final long takerAccountId,
                            final long takerFee, final long makerOrderId, final long makerAccountId,
                            final long makerFee) {
            digest.onTrade(takerOrderId, makerOrderId, price, size);
        }

        @Override
        public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                                  final OrderStatus status, final CancelReason reason, final long filled) {
            if (reason == CancelReason.SELF_TRADE) {
                selfTradeCancels++;
            }
        }

        // @formatter:off
        @Override public void onOrderAccepted(final long ts, final OrderView order) { }
        @Override public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) { }
        @Override public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId, final long price, final long size, final long filled, final boolean kept) { }
        @Override public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId, final ResultCode reason) { }
        @Override public void onBalanceChanged(final long ts, final long accountId, final int assetId, final Wallet wallet, final long available, final long hold) { }
        @Override public void onLevelChanged(final long ts, final int marketId, final Side side, final long price, final long totalSize, final int orderCount) { }
        @Override public void onMarketStatusChanged(final long ts, final int marketId, final MarketStatus status) { }
        @Override public void onCommandComplete(final Command command) { }
        // @formatter:on
    }
}
