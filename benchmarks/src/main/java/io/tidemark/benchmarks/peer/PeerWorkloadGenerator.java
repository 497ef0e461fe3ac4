package io.tidemark.benchmarks.peer;

import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.peer.workload.Workload;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates the peer comparison's command streams, deterministically from a seed: one market, 1,000
 * accounts, a book kept near 1,000 resting orders, and one of two mixes.
 *
 * <ul>
 *   <li>{@link Mix#EXCHANGE_CORE} — the flow exchange-core's own test generator produces for its
 *       throughput benchmark, re-created here: a side at random; if that side of the book holds fewer
 *       than its half of the target, one command in 10 is a GTC place (every command, while it lacks
 *       more than three quarters of it), otherwise one in 40 is an IOC; of the rest, one in 10 (or 40) is
 *       a cancel, one a reduce, and all others a <em>move</em> — one of the 512 oldest live orders
 *       re-priced 1% of the way toward the last trade price (at least a tick), which is what makes it
 *       trade. GTC prices sit around the last trade price (the further the rarer); sizes are
 *       1 + a·b·c with a, b, c uniform in 0..5; IOCs are priced at the edge of the price band. The book
 *       size it steers by is sampled every 512 commands and after an IOC that did not fill completely, as
 *       exchange-core's does. exchange-core's reports ~12.6% GTC, ~1.8% IOC, ~7.2% cancel, ~71% move,
 *       ~7.2% reduce; this gives 12.0 / 2.0 / 7.0 / 72.0 / 7.0 over a million commands.
 *   <li>{@link Mix#REALISTIC} — the engine issue's realistic mix ({@link RealisticMix}'s recipe) on a
 *       1,000-order book: 50% passive GTC near the touch, 30% cancels, 10% marketable limits, 5% amends
 *       (half reduce, half a small passive move), 5% market or IOC.
 * </ul>
 *
 * <p>exchange-core has no self-trade prevention and Tidemark always has it, so the generator keeps
 * self-trades out: it drives a real Tidemark engine, mirrors the book's queues from its events
 * ({@link ShadowBook}), and before every command that can take liquidity it checks which resting orders
 * the taker would meet. A place from an account that would meet its own order goes to another account;
 * a move that would is made on another order (after 8 tries, it moves away from the spread instead). In
 * the exchange-core mix a reduce takes off 1 to all of what remains, as exchange-core's generator does;
 * taking off all of it removes the order, which exchange-core does with its reduce and Tidemark, whose
 * amend cannot reduce to nothing, with a cancel (see {@link TidemarkReplay}). Every command must be
 * accepted by the engine, and every place gets the next order id, 1, 2, 3…, which the file carries for
 * both engines.
 *
 * <p>Generation only; allocates freely. Not thread safe.
 */
public final class PeerWorkloadGenerator {
    /** The two order flows. */
    public enum Mix {
        EXCHANGE_CORE("exchange-core"),
        REALISTIC("realistic");

        private final String id;

        Mix(final String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Mix of(final String id) {
            for (final Mix mix : values()) {
                if (mix.id.equals(id)) {
                    return mix;
                }
            }
            throw new IllegalArgumentException("unknown mix '" + id + "' (exchange-core or realistic)");
        }
    }

    public static final int ACCOUNTS = 1_000;
    public static final int TARGET_ORDERS = 1_000;

    private static final long MID = 3_000_000;
    /** exchange-core mix: how far from the last trade price a GTC may go, and the band every price stays in. */
    static final long DEVIATION = 6_000;
    static final long BAND = 5 * DEVIATION;
    private static final int SAMPLE_EVERY = 512;
    private static final int OLDEST = 512;
    private static final int TRIES = 8;

    private final Mix mix;
    private final long seed;
    private final int accounts;
    private final int targetOrders;
    private final SplittableRandom random;
    private final ShadowBook book = new ShadowBook();
    private final MatchingEngine engine;
    private final EngineInspector inspector;
    private final Workload.Builder out = new Workload.Builder();
    private final Command command = new Command();
    private final long minPrice;
    private final long maxPrice;
    private long nextOrderId = 1;

    // exchange-core mix: the last trade price and the sampled book sizes it steers by
    private long lastTrade = MID;
    private int sampledBids;
    private int sampledAsks;

    // what the run looked like
    private long orderSamples;
    private long levelSamples;
    private long samples;
    private int fallbacks;
    private int redraws;

    private PeerWorkloadGenerator(final Mix mix, final long seed, final int accounts, final int targetOrders) {
        this.mix = mix;
        this.seed = seed;
        this.accounts = accounts;
        this.targetOrders = targetOrders;
        this.random = new SplittableRandom(seed);
        this.engine = TidemarkReplay.freshEngine(accounts, book);
        this.inspector = new EngineInspector(engine);
        if (mix == Mix.EXCHANGE_CORE) {
            minPrice = MID - BAND;
            maxPrice = MID + BAND;
        } else {
            minPrice = 1;
            maxPrice = 100 * MID;
        }
    }

    public static Workload generate(final Mix mix, final long seed, final int commands) {
        return generate(mix, seed, commands, ACCOUNTS, TARGET_ORDERS);
    }

    public static Workload generate(final Mix mix, final long seed, final int commands, final int accounts,
                                    final int targetOrders) {
        return new PeerWorkloadGenerator(mix, seed, accounts, targetOrders).run(commands);
    }

    private Workload run(final int commands) {
        if (mix == Mix.EXCHANGE_CORE) {
            exchangeCoreSetup();
        } else {
            realisticSetup();
        }
        final int setup = out.count();
        final long tradesBefore = book.trades;
        for (int i = 0; i < commands; i++) {
            if (mix == Mix.EXCHANGE_CORE) {
                exchangeCoreCommand(i);
            } else {
                realisticCommand();
            }
            if (i % SAMPLE_EVERY == 0) {
                samples++;
                orderSamples += book.restingCount();
                levelSamples += book.levels(Side.BUY) + book.levels(Side.SELL);
                checkMirror();
            }
        }
        final Workload.Header draft = new Workload.Header(mix.id(), seed, accounts, setup, commands, minPrice,
            maxPrice, nextOrderId - 1, book.digest.result(), "");
        final Workload shares = out.build(draft);
        final String description = String.format(Locale.ROOT,
            "%s mix, seed %d: %d commands after a %d-command set-up (%.1f%% GTC place, %.1f%% IOC/market, %.1f%% cancel,"
                + " %.1f%% move, %.1f%% reduce), %d accounts, %d trades; book averaged %d orders over %d levels"
                + " (end: %d orders, %d bid + %d ask levels); self-trades avoided by %d re-draws and %d moves away",
            mix.id(), seed, commands, setup, 100 * shares.share(Workload.PLACE, Workload.GTC),
            100 * shares.share(Workload.PLACE, Workload.IOC), 100 * shares.share(Workload.CANCEL, (byte) 0),
            100 * shares.share(Workload.MOVE, (byte) 0), 100 * shares.share(Workload.REDUCE, (byte) 0), accounts,
            book.trades - tradesBefore, orderSamples / Math.max(1, samples), levelSamples / Math.max(1, samples),
            book.restingCount(), book.levels(Side.BUY), book.levels(Side.SELL), redraws, fallbacks);
        return out.build(new Workload.Header(mix.id(), seed, accounts, setup, commands, minPrice, maxPrice,
            nextOrderId - 1, book.digest.result(), description));
    }

    /** The mirror must agree with the engine it mirrors. */
    private void checkMirror() {
        for (final Side side : Side.values()) {
            if (book.best(side) != inspector.bestPrice(RealisticMix.MARKET, side)) {
                throw new IllegalStateException("mirror out of step at the " + side + " touch");
            }
        }
        if (book.restingCount() != inspector.openOrderCount()) {
            throw new IllegalStateException("mirror holds " + book.restingCount() + " orders, the engine "
                + inspector.openOrderCount());
        }
    }

    // ---------------------------------------------------------------------------- exchange-core mix

    private void exchangeCoreSetup() {
        final int half = targetOrders / 2;
        while (book.restingCount(Side.BUY) < half || book.restingCount(Side.SELL) < half) {
            final boolean bidsLack = book.restingCount(Side.BUY) < half;
            final boolean asksLack = book.restingCount(Side.SELL) < half;
            final Side side = bidsLack && asksLack ? randomSide() : bidsLack ? Side.BUY : Side.SELL;
            exchangeCoreGtc(side);
        }
        sampleBookSize();
    }

    private void exchangeCoreCommand(final int index) {
        final int half = targetOrders / 2;
        final Side side = randomSide();
        final int lack = half - (side == Side.BUY ? sampledBids : sampledAsks);
        final boolean grow = lack > 0;
        final boolean fast = lack > Math.min(SAMPLE_EVERY, half * 3 / 4);
        final int q = random.nextInt(grow ? (fast ? 2 : 10) : 40);
        if (q < 2 || book.restingCount() == 0) {
            if (grow || book.restingCount() == 0) {
                exchangeCoreGtc(side);
            } else {
                exchangeCoreIoc(side);
            }
        } else if (q == 2) {
            cancel(oldest());
        } else if (q == 3) {
            exchangeCoreReduce();
        } else {
            exchangeCoreMove();
        }
        if ((index + 1) % SAMPLE_EVERY == 0) {
            sampleBookSize();
        }
    }

    private void sampleBookSize() {
        sampledBids = book.restingCount(Side.BUY);
        sampledAsks = book.restingCount(Side.SELL);
    }

    private void exchangeCoreGtc(final Side side) {
        // the offset from the last trade price: |2·(mean of four uniform draws below a random spread) − spread|,
        // with the spread itself skewed small (the square of a uniform), so most orders land close to the price
        final double u = random.nextDouble();
        final long spread = 1 + (long) (u * u * DEVIATION);
        long sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += random.nextLong(spread);
        }
        final long offset = Math.abs(sum / 4 * 2 - spread);
        final long price = clamp(side == Side.BUY ? lastTrade - offset : lastTrade + offset);
        final long size = exchangeCoreSize();
        place(freeAccount(side, price, size), side, Workload.LIMIT, Workload.GTC, price, size);
    }

    private void exchangeCoreIoc(final Side side) {
        final long size = exchangeCoreSize();
        final long price = side == Side.BUY ? maxPrice : minPrice;
        final long id = place(freeAccount(side, price, size), side, Workload.LIMIT, Workload.IOC, price, size);
        if (book.digest.filled(id) < size) {
            sampleBookSize();
        }
    }

    private long exchangeCoreSize() {
        return 1 + (long) random.nextInt(6) * random.nextInt(6) * random.nextInt(6);
    }

    /** By 1 to all of what remains; by all of it, the order goes. */
    private void exchangeCoreReduce() {
        final ShadowBook.Order order = oldest();
        reduce(order, 1 + random.nextLong(order.remaining()));
    }

    private void exchangeCoreMove() {
        ShadowBook.Order order = null;
        for (int i = 0; i < TRIES; i++) {
            order = oldest();
            final long price = towardLastTrade(order);
            if (!book.wouldMeetOwn(order.account, order.side, price, order.remaining())) {
                move(order, price);
                return;
            }
            redraws++;
        }
        // every candidate would have traded with its own account: move the last one away from the spread
        fallbacks++;
        final long away = order.side == Side.BUY ? order.price - 1 : order.price + 1;
        if (away < minPrice || away > maxPrice) {
            cancel(order);
        } else {
            move(order, away);
        }
    }

    /** 1% of the way to the last trade price, at least one tick; a random tick when already there. */
    private long towardLastTrade(final ShadowBook.Order order) {
        final long distance = lastTrade - order.price;
        final long step;
        if (distance > 0) {
            step = (distance + 99) / 100;
        } else if (distance < 0) {
            step = -((-distance + 99) / 100);
        } else {
            step = random.nextBoolean() ? 1 : -1;
        }
        final long price = clamp(order.price + step);
        return price != order.price ? price : order.price - step;
    }

    private ShadowBook.Order oldest() {
        return book.oldest(random.nextInt(Math.min(book.restingCount(), OLDEST)));
    }

    private long clamp(final long price) {
        return Math.max(minPrice, Math.min(maxPrice, price));
    }

    // -------------------------------------------------------------------------------- realistic mix

    private void realisticSetup() {
        for (int i = 0; i < targetOrders; i++) {
            final Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
            final long price = side == Side.BUY ? MID - 1 - passiveOffset() : MID + 1 + passiveOffset();
            place(randomAccount(), side, Workload.LIMIT, Workload.GTC, price, passiveSize());
        }
    }

    private void realisticCommand() {
        final int roll = random.nextInt(100);
        if (roll < 50) {
            passive();
        } else if (roll < 80) {
            if (book.restingCount() == 0) {
                passive();
            } else {
                cancel(book.resting(random.nextInt(book.restingCount())));
            }
        } else if (roll < 90) {
            marketable();
        } else if (roll < 95) {
            amend();
        } else {
            marketOrIoc();
        }
    }

    /** Mostly a few ticks from the touch; a third anywhere in the 4,000 ticks behind it. */
    private long passiveOffset() {
        if (random.nextInt(3) == 0) {
            return random.nextInt(4_000);
        }
        return (long) (-Math.log(1 - random.nextDouble()) * 6);
    }

    private long passiveSize() {
        return random.nextInt(10) < 7 ? 10 + random.nextInt(90) : 100 + random.nextInt(900);
    }

    /** Larger when the book is above its target size, so that it drains back. */
    private long takerSize() {
        final double pressure = Math.max(0.3, Math.min(4.0, 1.6 * book.restingCount() / targetOrders));
        return Math.max(1, (long) (passiveSize() * pressure * 1.2));
    }

    private long touch(final Side side) {
        final long price = book.best(side);
        if (price > 0) {
            return price;
        }
        final long other = book.best(side.opposite());
        final long mid = other > 0 ? other : MID;
        return side == Side.BUY ? mid - 5 : mid + 5;
    }

    private void passive() {
        final Side side = randomSide();
        final long opposite = touch(side.opposite());
        final long price = side == Side.BUY ? opposite - 1 - passiveOffset() : opposite + 1 + passiveOffset();
        place(randomAccount(), side, Workload.LIMIT, Workload.GTC, Math.max(1, price), passiveSize());
    }

    private void marketable() {
        final Side side = randomSide();
        final long through = random.nextInt(4);
        final long opposite = touch(side.opposite());
        final long price = side == Side.BUY ? opposite + through : Math.max(1, opposite - through);
        final long size = takerSize();
        place(freeAccount(side, price, size), side, Workload.LIMIT, Workload.GTC, price, size);
    }

    private void marketOrIoc() {
        final Side side = randomSide();
        final long size = takerSize();
        if (random.nextBoolean()) {
            place(freeAccount(side, 0, size), side, Workload.MARKET, Workload.IOC, 0, size);
            return;
        }
        final long opposite = touch(side.opposite());
        final long price = side == Side.BUY ? opposite + 2 : Math.max(1, opposite - 2);
        place(freeAccount(side, price, size), side, Workload.LIMIT, Workload.IOC, price, size);
    }

    private void amend() {
        if (book.restingCount() == 0) {
            passive();
            return;
        }
        final ShadowBook.Order order = book.resting(random.nextInt(book.restingCount()));
        if (random.nextBoolean() && order.remaining() >= 2) {
            reduce(order, order.remaining() / 2);
            return;
        }
        // a small move that stays passive
        final long opposite = book.best(order.side.opposite());
        long price = order.price + (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(3));
        if (opposite > 0) {
            price = order.side == Side.BUY ? Math.min(price, opposite - 1) : Math.max(price, opposite + 1);
        }
        if (price == order.price) {
            price += order.side == Side.BUY ? -1 : 1;
        }
        move(order, Math.max(1, price));
    }

    // ------------------------------------------------------------------------------------ emitting

    private Side randomSide() {
        return random.nextBoolean() ? Side.BUY : Side.SELL;
    }

    private long randomAccount() {
        return 1 + random.nextInt(accounts);
    }

    /** A random account whose taker order would not meet one of its own resting orders. */
    private long freeAccount(final Side side, final long limit, final long size) {
        for (int i = 0; i < 64; i++) {
            final long account = randomAccount();
            if (!book.wouldMeetOwn(account, side, limit, size)) {
                return account;
            }
            redraws++;
        }
        throw new IllegalStateException("no account can take " + size + " lots without meeting its own orders");
    }

    private long place(final long account, final Side side, final byte type, final byte tif, final long price,
                       final long size) {
        if (type == Workload.LIMIT && (price < minPrice || price > maxPrice)) {
            throw new IllegalStateException("price " + price + " left the band [" + minPrice + ", " + maxPrice + "]");
        }
        final long id = nextOrderId++;
        emit(Workload.PLACE, side == Side.BUY ? Workload.BUY : Workload.SELL, type, tif, account, id, price, size, 0);
        if (command.resultId != id) {
            throw new IllegalStateException("the engine gave order id " + command.resultId + ", expected " + id);
        }
        return id;
    }

    private void cancel(final ShadowBook.Order order) {
        emit(Workload.CANCEL, (byte) 0, (byte) 0, (byte) 0, order.account, order.id, 0, 0, 0);
    }

    private void move(final ShadowBook.Order order, final long price) {
        if (price < minPrice || price > maxPrice) {
            throw new IllegalStateException("price " + price + " left the band [" + minPrice + ", " + maxPrice + "]");
        }
        emit(Workload.MOVE, (byte) 0, (byte) 0, (byte) 0, order.account, order.id, price, 0, 0);
    }

    private void reduce(final ShadowBook.Order order, final long reduceBy) {
        final long newSize = reduceBy == order.remaining() ? 0 : order.size - reduceBy;
        emit(Workload.REDUCE, (byte) 0, (byte) 0, (byte) 0, order.account, order.id, 0, reduceBy, newSize);
    }

    /** Writes one record and runs it through the engine; it must be accepted and must not self-trade. */
    private void emit(final byte kind, final byte side, final byte type, final byte tif, final long account,
                      final long id, final long price, final long size, final long newSize) {
        out.add(kind, side, type, tif, account, id, price, size, newSize);
        TidemarkReplay.command(kind, side, type, tif, account, id, price, size, newSize, out.count() - 1, command);
        engine.process(command);
        if (command.result.isRejection()) {
            throw new IllegalStateException("the workload must not contain rejections: " + command);
        }
        if (book.selfTradeCancels > 0) {
            throw new IllegalStateException("the workload must not contain self-trades: " + command);
        }
        if (mix == Mix.EXCHANGE_CORE && book.lastTradePrice > 0) {
            lastTrade = clamp(book.lastTradePrice);
        }
    }
}
