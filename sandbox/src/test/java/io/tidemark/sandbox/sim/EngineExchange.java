package io.tidemark.sandbox.sim;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.sandbox.stats.BookSample;
import io.tidemark.sandbox.stats.TradePrint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The real matching engine in-process, for the model's tests: the simulated traders' orders go straight
 * into {@link MatchingEngine#process} (no server, no clock: time is what the test says), and the book
 * and trades are read back as {@code sandbox-stats} reads them from the API.
 */
final class EngineExchange extends IgnoringListener {
    private final ExchangeConfig config;
    private final MatchingEngine engine;
    private final Command command = new Command();
    private final List<NavigableMap<Long, Long>> bids = new ArrayList<>();
    private final List<NavigableMap<Long, Long>> asks = new ArrayList<>();
    private final List<List<TradePrint>> trades = new ArrayList<>();
    private final Set<Long> closed = new HashSet<>();
    private final Map<Long, long[]> holdings = new HashMap<>();
    private long sequence;
    private long nowNanos;

    EngineExchange(final ExchangeConfig config) {
        this.config = config;
        this.engine = new MatchingEngine(config, this, 64, 16_384);
        for (int m = 0; m < config.markets().size(); m++) {
            bids.add(new TreeMap<>(Collections.reverseOrder()));
            asks.add(new TreeMap<>());
            trades.add(new ArrayList<>());
        }
    }

    void advanceTo(final long nanos) {
        nowNanos = nanos;
    }

    /** A funded trader's venue. */
    Venue trader(final long accountId, final long[] funding) {
        for (int asset = 0; asset < funding.length; asset++) {
            if (funding[asset] > 0) {
                process(command.deposit(accountId, asset, funding[asset]));
            }
        }
        return new EngineVenue(accountId);
    }

    BookSample sample(final Market market) {
        final int m = market.id();
        final double tick = Double.parseDouble(market.formatPrice(1));
        final double lot = Double.parseDouble(market.formatSize(1));
        return new BookSample(nowNanos / 1_000_000, bids.get(m).isEmpty() ? 0 : bids.get(m).firstKey() * tick,
            asks.get(m).isEmpty() ? 0 : asks.get(m).firstKey() * tick, sizes(bids.get(m), lot), sizes(asks.get(m), lot));
    }

    int levels(final Market market, final Side side) {
        return (side == Side.BUY ? bids : asks).get(market.id()).size();
    }

    List<TradePrint> trades(final Market market) {
        return trades.get(market.id());
    }

    private static double[] sizes(final NavigableMap<Long, Long> side, final double lot) {
        final double[] sizes = new double[20];
        int i = 0;
        for (final long size : side.values()) {
            if (i == sizes.length) {
                break;
            }
            sizes[i++] = size * lot;
        }
        return sizes;
    }

    private ResultCode process(final Command c) {
        c.sequence = ++sequence;
        c.timestamp = nowNanos;
        engine.process(c);
        return c.result;
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        final Market market = config.markets().get(marketId);
        trades.get(marketId).add(new TradePrint(timestamp / 1_000_000, price * Double.parseDouble(market.formatPrice(1)),
            size * Double.parseDouble(market.formatSize(1))));
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        closed.add(orderId);
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        if (wallet == Wallet.SPOT) {
            holdings.computeIfAbsent(accountId, a -> new long[config.assets().size()])[assetId] = available + hold;
        }
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
        final NavigableMap<Long, Long> book = (side == Side.BUY ? bids : asks).get(marketId);
        if (totalSize == 0) {
            book.remove(price);
        } else {
            book.put(price, totalSize);
        }
    }

    /** One account's orders, as commands on the engine. */
    private final class EngineVenue implements Venue {
        private final long accountId;

        EngineVenue(final long accountId) {
            this.accountId = accountId;
        }

        @Override
        public String rest(final Market market, final Side side, final long price, final long size) {
            command.placeOrder(accountId, market.id(), side, OrderType.LIMIT, price, size);
            command.timeInForce = TimeInForce.GTC;
            command.selfTradePrevention = SelfTradePrevention.CANCEL_MAKER;
            if (process(command).isRejection()) {
                return null;
            }
            final long id = command.resultId;
            return closed.contains(id) ? null : Long.toString(id);
        }

        @Override
        public boolean amend(final Market market, final String orderId, final long price, final long size) {
            final long id = Long.parseLong(orderId);
            if (process(command.amendOrder(accountId, id, price, size)).isRejection()) {
                process(command.cancelOrder(accountId, id));
                return false;
            }
            return !closed.contains(id);
        }

        @Override
        public long take(final Market market, final Side side, final long limitPrice, final long size) {
            final int before = trades.get(market.id()).size();
            command.placeOrder(accountId, market.id(), side, OrderType.LIMIT, limitPrice, size);
            command.timeInForce = TimeInForce.IOC;
            if (process(command).isRejection()) {
                return 0;
            }
            long filled = 0;
            final List<TradePrint> printed = trades.get(market.id());
            final double lot = Double.parseDouble(market.formatSize(1));
            for (int i = before; i < printed.size(); i++) {
                filled += Math.round(printed.get(i).size() / lot);
            }
            return filled;
        }

        @Override
        public void cancelAll() {
            process(command.cancelAll(accountId, Command.ALL_MARKETS));
        }

        @Override
        public long baseHoldings(final Market market) {
            final long[] held = holdings.get(accountId);
            return held == null ? 0 : held[market.base().id()];
        }
    }
}
