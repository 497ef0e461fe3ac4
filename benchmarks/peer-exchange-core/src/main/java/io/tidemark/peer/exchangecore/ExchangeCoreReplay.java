package io.tidemark.peer.exchangecore;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import exchange.core2.core.orderbook.OrderBookNaiveImpl;
import io.tidemark.peer.workload.TradeDigest;
import io.tidemark.peer.workload.Workload;

import java.util.Map;

/**
 * exchange-core's side of the peer comparison: a workload record becomes an exchange-core
 * {@link OrderCommand} for one order book, driven single-threaded through {@link IOrderBook#processCommand}
 * — the matching core that exchange-core's pipeline runs on its matching-engine threads, without the
 * pipeline (which needs 5+ cores) and without its risk engine.
 *
 * <p>Mapping: a place is a GTC or IOC order with the workload's order id; a market order, which
 * exchange-core's book does not have, is an IOC at the edge of the workload's price band, beyond every
 * resting price (as exchange-core's own generator issues it); a move is MOVE_ORDER, a reduce REDUCE_ORDER
 * by the lots to take off (by everything that remains, it removes the order), a cancel CANCEL_ORDER.
 * Prices are ticks and sizes lots as they are in the file: the symbol is a currency pair with scale 1 and
 * no fees, which the order book does not read anyway (fees and scales are the risk engine's), and every
 * bid carries the band's top as its reserve price so that exchange-core's "move above the reserve" check
 * never refuses a move.
 */
public final class ExchangeCoreReplay {
    /** The two order books of exchange-core 0.5.3: the production one and the simple reference. */
    public enum Impl {
        DIRECT("ec-direct"),
        NAIVE("ec-naive"),
        /** exchange-core's risk engine around the Direct book, in one thread ({@link RiskPipeline}). */
        RISK("ec-risk");

        private final String engineName;

        Impl(final String engineName) {
            this.engineName = engineName;
        }

        public String engineName() {
            return engineName;
        }

        public static Impl of(final String name) {
            return Impl.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final int SYMBOL = 1;

    private ExchangeCoreReplay() {
    }

    public static CoreSymbolSpecification symbol() {
        return symbolBuilder().build();
    }

    static CoreSymbolSpecification.CoreSymbolSpecificationBuilder symbolBuilder() {
        return CoreSymbolSpecification.builder()
            .symbolId(SYMBOL)
            .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
            .baseCurrency(0)
            .quoteCurrency(1)
            .baseScaleK(1)
            .quoteScaleK(1)
            .takerFee(0)
            .makerFee(0);
    }

    /** The object pool with the capacities exchange-core's MatchingEngineRouter gives each matching shard. */
    public static ObjectsPool productionPool() {
        return new ObjectsPool(Map.of(
            ObjectsPool.DIRECT_ORDER, 1024 * 1024,
            ObjectsPool.DIRECT_BUCKET, 1024 * 64,
            ObjectsPool.ART_NODE_4, 1024 * 32,
            ObjectsPool.ART_NODE_16, 1024 * 16,
            ObjectsPool.ART_NODE_48, 1024 * 8,
            ObjectsPool.ART_NODE_256, 1024 * 4));
    }

    public static IOrderBook newBook(final Impl impl, final ObjectsPool pool) {
        return switch (impl) {
            case RISK -> throw new IllegalArgumentException("the risk pipeline makes its own book: use a Runner");
            case DIRECT -> new OrderBookDirectImpl(symbol(), pool, OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER,
                LoggingConfiguration.DEFAULT);
            case NAIVE -> new OrderBookNaiveImpl(symbol(), pool, OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER,
                LoggingConfiguration.DEFAULT);
        };
    }

    /** Records {@code from} (inclusive) to {@code to} (exclusive) as exchange-core commands. */
    public static OrderCommand[] commands(final Workload w, final int from, final int to) {
        final OrderCommand[] commands = new OrderCommand[to - from];
        for (int i = from; i < to; i++) {
            commands[i - from] = fill(w, i, new OrderCommand());
        }
        return commands;
    }

    /** Fills every field the order book reads (and clears the event chain) of {@code c} with record {@code i}. */
    public static OrderCommand fill(final Workload w, final int i, final OrderCommand c) {
        final byte kind = w.type(i);
        final boolean bid = w.side(i) == Workload.BUY;
        c.symbol = SYMBOL;
        c.uid = w.account(i);
        c.orderId = w.orderId(i);
        c.timestamp = i + 1L;
        c.matcherEvent = null;
        c.action = null;
        c.orderType = null;
        c.price = 0;
        c.size = 0;
        c.reserveBidPrice = 0;
        c.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
        switch (kind) {
            case Workload.PLACE -> {
                c.command = OrderCommandType.PLACE_ORDER;
                c.action = bid ? OrderAction.BID : OrderAction.ASK;
                c.orderType = w.timeInForce(i) == Workload.GTC ? OrderType.GTC : OrderType.IOC;
                // a market sell's edge is never below the risk pipeline's taker fee per lot, which exchange-core's
                // risk engine requires of a sell's price (the workloads' bands start far above it anyway)
                c.price = w.orderType(i) == Workload.MARKET
                    ? (bid ? w.header().maxPrice() : Math.max(w.header().minPrice(), RiskPipeline.TAKER_FEE))
                    : w.price(i);
                c.reserveBidPrice = bid ? w.header().maxPrice() : 0;
                c.size = w.size(i);
            }
            case Workload.CANCEL -> c.command = OrderCommandType.CANCEL_ORDER;
            case Workload.MOVE -> {
                c.command = OrderCommandType.MOVE_ORDER;
                c.price = w.price(i);
            }
            case Workload.REDUCE -> {
                c.command = OrderCommandType.REDUCE_ORDER;
                c.size = w.size(i);
            }
            default -> throw new IllegalArgumentException("record " + i + ": unknown kind " + kind);
        }
        return c;
    }

    /**
     * Replays the whole stream into a fresh book and checks it: every command succeeds, nothing is
     * refused except the unfilled rest of an IOC, and the trades equal the digest in the header (which
     * Tidemark produced). Returns the digest; throws {@link IllegalStateException} on any difference.
     */
    public static TradeDigest.Result verify(final Workload w, final Impl impl) {
        final TradeDigest.Result result = digest(w, impl);
        if (!result.equals(w.header().expected())) {
            throw new IllegalStateException("trade digest differs from the workload's:\n  " + impl.engineName()
                + ": " + result + "\n  expected: " + w.header().expected());
        }
        return result;
    }

    /**
     * The trades of the whole stream replayed into a fresh book; throws {@link IllegalStateException} if a
     * command fails or anything but the unfilled rest of an IOC is rejected.
     */
    public static TradeDigest.Result digest(final Workload w, final Impl impl) {
        final Runner runner = new Runner(impl, productionPool(), w.header().accounts());
        runner.reset();
        final OrderCommand[] commands = commands(w, 0, w.size());
        final TradeDigest digest = new TradeDigest();
        for (int i = 0; i < commands.length; i++) {
            final OrderCommand c = commands[i];
            final CommandResultCode result = runner.process(c);
            if (result != CommandResultCode.SUCCESS) {
                throw new IllegalStateException("record " + i + " failed with " + result + ": " + c);
            }
            for (MatcherTradeEvent e = c.matcherEvent; e != null; e = e.nextEvent) {
                if (e.eventType == MatcherEventType.TRADE) {
                    digest.onTrade(c.orderId, e.matchedOrderId, e.price, e.size);
                } else if (e.eventType == MatcherEventType.REJECT
                    && !(c.command == OrderCommandType.PLACE_ORDER && c.orderType == OrderType.IOC)) {
                    throw new IllegalStateException("record " + i + " was rejected: " + c);
                }
            }
            c.matcherEvent = null;
        }
        return digest.result();
    }

    /**
     * One of the three ways through exchange-core, started over by {@link #reset}: a bare book (Direct or
     * Naive, {@link IOrderBook#processCommand}) or the risk pipeline around a Direct book.
     */
    public static final class Runner {
        private final Impl impl;
        private final ObjectsPool pool;
        private final int accounts;
        private final RiskPipeline risk;
        private IOrderBook book;

        /** {@code pool} is for the bare books; the risk pipeline's router has its own, as in exchange-core. */
        public Runner(final Impl impl, final ObjectsPool pool, final int accounts) {
            this.impl = impl;
            this.pool = pool;
            this.accounts = accounts;
            this.risk = impl == Impl.RISK ? new RiskPipeline() : null;
        }

        /** An empty book (and, for the risk pipeline, the accounts funded again). */
        public void reset() {
            if (risk != null) {
                risk.reset(accounts);
            } else {
                book = newBook(impl, pool);
            }
        }

        /** One command; its matcher events are left on it. */
        public CommandResultCode process(final OrderCommand c) {
            return risk != null ? risk.process(c) : IOrderBook.processCommand(book, c);
        }

        RiskPipeline risk() {
            return risk;
        }
    }
}
