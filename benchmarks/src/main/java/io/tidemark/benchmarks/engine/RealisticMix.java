package io.tidemark.benchmarks.engine;

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
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import org.agrona.collections.Long2LongHashMap;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The realistic order flow of the engine benchmark, generated deterministically from a seed: one
 * market, 1,000 accounts, a book kept near a target size over 1,000+ levels a side, and
 *
 * <ul>
 *   <li>50% limit orders placed passively near the touch (most within a few ticks, a tail deep in the book),
 *   <li>30% cancels of random live orders,
 *   <li>10% marketable limit orders (cross by 0-3 ticks, rest any remainder),
 *   <li>5% amends (half reduce size in place, half move the price by a few ticks),
 *   <li>5% market and IOC orders.
 * </ul>
 *
 * <p>Taker sizes adapt to the book size so that it stays near its target. The generator runs a real
 * engine while generating, to know which orders are live and where the touch is; replaying the same
 * commands into a fresh engine reproduces that run exactly.
 */
public final class RealisticMix {
    public static final int MARKET = 0;
    public static final int BASE = 0;
    public static final int QUOTE = 1;
    private static final long START = 1_795_219_200_000_000_000L;

    /** The setup (deposits and the initial book) and the measured commands, plus what the run looked like. */
    public record Workload(ExchangeConfig config, Command[] setup, Command[] commands, String description) {
        /** A fresh engine with the setup applied. */
        public MatchingEngine freshEngine(final EngineListener listener) {
            final MatchingEngine engine = new MatchingEngine(config, listener, 2_048, 16_384);
            for (final Command command : setup) {
                engine.process(command);
            }
            return engine;
        }
    }

    /** BTC (8 decimals) and USD (6) with BTC-USD at tick 0.01, lot 0.0001: 1 tick × 1 lot = 1 micro-USD. */
    public static ExchangeConfig config() {
        return ExchangeConfig.of(List.of(new AssetConfig("BTC", 8), new AssetConfig("USD", 6)),
            List.of(new MarketConfig("BTC-USD", "0.01", "0.0001", "0.0001", "1", 10, 25)));
    }

    public static Workload generate(final long seed, final int commands, final int accounts, final int targetOrders) {
        return new RealisticMix(seed, accounts, targetOrders).run(commands);
    }

    /** A generator to stream from: {@link #setup()} first, then {@link #next(Command)} as often as wanted. */
    public static RealisticMix stream(final long seed, final int accounts, final int targetOrders) {
        return new RealisticMix(seed, accounts, targetOrders);
    }

    private final long seed;
    private final SplittableRandom random;
    private final ExchangeConfig config = config();
    private final int accounts;
    private final int targetOrders;
    private final LiveOrders live = new LiveOrders();
    private final MatchingEngine engine;
    private final EngineInspector inspector;
    private long sequence;
    private long time = START;

    private RealisticMix(final long seed, final int accounts, final int targetOrders) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.accounts = accounts;
        this.targetOrders = targetOrders;
        this.engine = new MatchingEngine(config, live, 2_048, 16_384);
        this.inspector = new EngineInspector(engine);
    }

    private Workload run(final int count) {
        final Command[] setup = setup().toArray(Command[]::new);
        final Command[] measured = new Command[count];
        for (int i = 0; i < count; i++) {
            measured[i] = next(new Command());
        }
        return new Workload(config, setup, measured, describe());
    }

    private final int[] kinds = new int[5];
    private long generated;
    private long tradesAtStart;

    /** Deposits for every account and the initial book; apply these before the stream. */
    public List<Command> setup() {
        final List<Command> setup = new java.util.ArrayList<>();
        for (long account = 1; account <= accounts; account++) {
            setup.add(apply(new Command().deposit(account, BASE, 1_000_000_000_000_000L)));
            setup.add(apply(new Command().deposit(account, QUOTE, 1_000_000_000_000_000L)));
        }
        final long mid = 3_000_000; // 30,000.00 USD
        for (int i = 0; i < targetOrders; i++) {
            final Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
            final long price = side == Side.BUY ? mid - 1 - passiveOffset() : mid + 1 + passiveOffset();
            setup.add(apply(new Command().placeOrder(account(), MARKET, side, OrderType.LIMIT, price, passiveSize())));
        }
        tradesAtStart = live.trades;
        return setup;
    }

    /** Fills {@code into} with the next command of the mix (as already applied to the generator's own engine). */
    public Command next(final Command into) {
        final int roll = random.nextInt(100);
        final Command c;
        if (roll < 50) {
            c = passive();
            kinds[0]++;
        } else if (roll < 80) {
            c = cancel();
            kinds[1]++;
        } else if (roll < 90) {
            c = marketable();
            kinds[2]++;
        } else if (roll < 95) {
            c = amend();
            kinds[3]++;
        } else {
            c = marketOrIoc();
            kinds[4]++;
        }
        generated++;
        apply(c);
        if (c.result.isRejection()) {
            throw new IllegalStateException("the workload must not contain rejections: " + c);
        }
        into.copyFrom(c);
        into.result = c.result;
        into.resultId = c.resultId;
        return into;
    }

    /** What was generated so far. */
    public String describe() {
        final double n = Math.max(1, generated);
        return String.format(
            "realistic mix seed=%d: %d commands (%.1f%% place passive, %.1f%% cancel, %.1f%% marketable, %.1f%% amend,"
                + " %.1f%% market/IOC), %d accounts, %d trades; book at end: %d orders, %d bid levels, %d ask levels",
            seed, generated, 100.0 * kinds[0] / n, 100.0 * kinds[1] / n, 100.0 * kinds[2] / n,
            100.0 * kinds[3] / n, 100.0 * kinds[4] / n, accounts, live.trades - tradesAtStart, live.size(),
            levels(Side.BUY), levels(Side.SELL));
    }

    private int levels(final Side side) {
        final int[] count = {0};
        inspector.forEachLevel(MARKET, side, (price, size, orders) -> count[0]++);
        return count[0];
    }

    private Command apply(final Command c) {
        c.sequence = ++sequence;
        time += 1_000 + random.nextInt(20_000);
        c.timestamp = time;
        engine.process(c);
        return c;
    }

    private long account() {
        return 1 + random.nextInt(accounts);
    }

    /** Mostly a few ticks from the touch; a third anywhere in the 4,000 ticks behind it, which keeps the book deep. */
    private long passiveOffset() {
        if (random.nextInt(3) == 0) {
            return random.nextInt(4_000);
        }
        return (long) (-Math.log(1 - random.nextDouble()) * 6);
    }

    private long passiveSize() {
        final int shape = random.nextInt(10);
        return shape < 7 ? 10 + random.nextInt(90) : 100 + random.nextInt(900);
    }

    /** Taker size: larger when the book is above its target size, so that it drains back. */
    private long takerSize() {
        final double pressure = Math.max(0.3, Math.min(4.0, 1.6 * live.size() / targetOrders));
        return Math.max(1, (long) (passiveSize() * pressure * 1.2));
    }

    private long touch(final Side side) {
        final long price = inspector.bestPrice(MARKET, side);
        if (price > 0) {
            return price;
        }
        final long other = inspector.bestPrice(MARKET, side.opposite());
        final long mid = other > 0 ? other : 3_000_000;
        return side == Side.BUY ? mid - 5 : mid + 5;
    }

    private Command passive() {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long opposite = touch(side.opposite());
        final long price = side == Side.BUY ? opposite - 1 - passiveOffset() : opposite + 1 + passiveOffset();
        return new Command().placeOrder(account(), MARKET, side, OrderType.LIMIT, Math.max(1, price), passiveSize());
    }

    private Command marketable() {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long through = random.nextInt(4);
        final long opposite = touch(side.opposite());
        final long price = side == Side.BUY ? opposite + through : Math.max(1, opposite - through);
        return new Command().placeOrder(account(), MARKET, side, OrderType.LIMIT, price, takerSize());
    }

    private Command marketOrIoc() {
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        if (random.nextBoolean()) {
            return new Command().placeOrder(account(), MARKET, side, OrderType.MARKET, 0, takerSize());
        }
        final long opposite = touch(side.opposite());
        final long price = side == Side.BUY ? opposite + 2 : Math.max(1, opposite - 2);
        final Command c = new Command().placeOrder(account(), MARKET, side, OrderType.LIMIT, price, takerSize());
        c.timeInForce = TimeInForce.IOC;
        return c;
    }

    private Command cancel() {
        if (live.size() == 0) {
            return passive();
        }
        final int index = random.nextInt(live.size());
        return new Command().cancelOrder(live.account(index), live.id(index));
    }

    private Command amend() {
        if (live.size() == 0) {
            return passive();
        }
        final int index = random.nextInt(live.size());
        final long id = live.id(index);
        if (random.nextBoolean() && live.remaining(index) >= 2) {
            return new Command().amendOrder(live.account(index), id, 0, live.size(index) - live.remaining(index) / 2);
        }
        // a small move that stays passive
        final Side side = live.side(index);
        final long opposite = inspector.bestPrice(MARKET, side.opposite());
        long price = live.price(index) + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(3));
        if (opposite > 0) {
            price = side == Side.BUY ? Math.min(price, opposite - 1) : Math.max(price, opposite + 1);
        }
        if (price == live.price(index)) {
            price += side == Side.BUY ? -1 : 1;
        }
        return new Command().amendOrder(live.account(index), id, Math.max(1, price), 0);
    }

    /**
     * The resting orders, kept from the engine's events: dense arrays with swap-remove so a uniformly
     * random live order is picked in O(1).
     */
    private static final class LiveOrders implements EngineListener {
        private final Long2LongHashMap indexById = new Long2LongHashMap(-1);
        private long[] ids = new long[1 << 16];
        private long[] accounts = new long[1 << 16];
        private long[] prices = new long[1 << 16];
        private long[] sizes = new long[1 << 16];
        private long[] filled = new long[1 << 16];
        private Side[] sides = new Side[1 << 16];
        private int count;
        long trades;

        int size() {
            return count;
        }

        long id(final int i) {
            return ids[i];
        }

        long account(final int i) {
            return accounts[i];
        }

        long price(final int i) {
            return prices[i];
        }

        long size(final int i) {
            return sizes[i];
        }

        long remaining(final int i) {
            return sizes[i] - filled[i];
        }

        Side side(final int i) {
            return sides[i];
        }

        @Override
        public void onOrderAccepted(final long ts, final OrderView order) {
            if (count == ids.length) {
                throw new IllegalStateException("book grew beyond " + count);
            }
            ids[count] = order.orderId();
            accounts[count] = order.accountId();
            prices[count] = order.price();
            sizes[count] = order.size();
            filled[count] = 0;
            sides[count] = order.side();
            indexById.put(order.orderId(), count++);
        }

        @Override
        public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId,
                                   final long price, final long size, final long filledSize, final boolean kept) {
            final int i = (int) indexById.get(orderId);
            prices[i] = price;
            sizes[i] = size;
        }

        @Override
        public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                            final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                            final long makerOrderId, final long makerAccountId, final long makerFee) {
            trades++;
            filled[(int) indexById.get(makerOrderId)] += size;
            filled[(int) indexById.get(takerOrderId)] += size;
        }

        @Override
        public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                                  final OrderStatus status, final CancelReason reason, final long filledSize) {
            final int i = (int) indexById.remove(orderId);
            final int last = --count;
            if (i != last) {
                ids[i] = ids[last];
                accounts[i] = accounts[last];
                prices[i] = prices[last];
                sizes[i] = sizes[last];
                filled[i] = filled[last];
                sides[i] = sides[last];
                indexById.put(ids[i], i);
            }
        }

        // @formatter:off
        @Override public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) { }
        @Override public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId, final ResultCode reason) { }
        @Override public void onBalanceChanged(final long ts, final long accountId, final int assetId, final Wallet wallet, final long available, final long hold) { }
        @Override public void onLevelChanged(final long ts, final int marketId, final Side side, final long price, final long totalSize, final int orderCount) { }
        @Override public void onMarketStatusChanged(final long ts, final int marketId, final MarketStatus status) { }
        @Override public void onCommandComplete(final Command command) { }
        // @formatter:on
    }
}
