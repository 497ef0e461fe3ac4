package io.tidemark.engine.testkit;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of random commands that exercises everything: every order type and option,
 * cancels (by id and client id, of live, closed, foreign and unknown orders), cancel-all, amends,
 * stops that trigger and cascade, self-trades under each prevention mode, client_order_id replays and
 * conflicts, deposits, withdrawals, transfers, halts, malformed commands, and clock jumps past the
 * 24 h idempotency window. Accounts are picked with a skew so a few are busy enough to meet
 * themselves in the book. Same seed, same stream: {@link #observe} must be fed each command after it
 * was processed, because later commands refer to the ids the engine assigned.
 */
public final class RandomCommandGenerator {
    /** The kind of order flow. */
    public enum Flow {
        /** Prices a few dozen ticks around a slowly walking mid. */
        STANDARD,
        /**
         * As standard, but a quarter of passive prices (places and amends) up to {@value #FAR_TICKS} ticks
         * behind the mid, and now and then the mid jumps by tens of thousands of ticks: levels far outside
         * any price window around the touch, and a touch that moves past them.
         */
        FAR_PRICES,
        /** As standard plus, before every other command, a one-in-three chance of a stop order instead. */
        STOP_HEAVY
    }

    /** How far behind the mid a far price may be, in ticks. */
    public static final long FAR_TICKS = 100_000;

    /** 2026-11-21T00:00:00Z in nanoseconds. */
    public static final long START_NANOS = 1_795_219_200_000_000_000L;

    private final SplittableRandom random;
    private final Flow flow;
    private final ExchangeConfig config;
    private final int accountCount;
    private final long[] mid;
    private final long[] spread;
    private final List<long[]> knownOrders = new ArrayList<>();
    private final List<Command> recentPlaces = new ArrayList<>();
    private long sequence;
    private long time = START_NANOS;
    private int cidCounter;

    public RandomCommandGenerator(final long seed, final ExchangeConfig config, final int accountCount) {
        this(seed, config, accountCount, Flow.STANDARD);
    }

    public RandomCommandGenerator(final long seed, final ExchangeConfig config, final int accountCount,
                                  final Flow flow) {
        this.flow = flow;
        this.random = new SplittableRandom(seed);
        this.config = config;
        this.accountCount = accountCount;
        final int markets = config.markets().size();
        this.mid = new long[markets];
        this.spread = new long[markets];
        for (final Market market : config.markets()) {
            // a mid price worth roughly 3-6 quote units per lot and a book a few dozen ticks deep
            final long unit = market.notional(1, 1);
            mid[market.id()] = Math.max(1_000, 3_000_000 / unit + random.nextLong(3_000_000 / unit + 1));
            spread[market.id()] = 40;
        }
    }

    /** Deposits that fund every account in every asset (every fourth account poorly): emit these first. */
    public List<Command> fundingCommands(final long unitsPerAsset) {
        final List<Command> commands = new ArrayList<>();
        for (long account = 1; account <= accountCount; account++) {
            for (int asset = 0; asset < config.assets().size(); asset++) {
                final long units = account % 4 == 0 ? unitsPerAsset / 5_000 : unitsPerAsset;
                final Command c = new Command().deposit(account, asset, units);
                stamp(c);
                commands.add(c);
            }
        }
        return commands;
    }

    public long lastTimestamp() {
        return time;
    }

    /** Fills {@code c} with the next command. */
    public Command next(final Command c) {
        if (flow == Flow.STOP_HEAVY && random.nextInt(3) == 0) {
            stop(c);
            stamp(c);
            return c;
        }
        final int roll = random.nextInt(1000);
        if (roll < 430) {
            limit(c);
        } else if (roll < 500) {
            market(c);
        } else if (roll < 560) {
            stop(c);
        } else if (roll < 740) {
            cancel(c);
        } else if (roll < 755) {
            c.cancelAll(account(), random.nextInt(4) == 0 ? Command.ALL_MARKETS : randomMarket());
        } else if (roll < 860) {
            amend(c);
        } else if (roll < 880) {
            final long account = account();
            // poor accounts stay poor, so funding checks bite
            c.deposit(account, random.nextInt(config.assets().size()),
                1 + random.nextLong(account % 4 == 0 ? 100_000L : 400_000_000L));
        } else if (roll < 900) {
            c.withdraw(account(), random.nextInt(config.assets().size()), 1 + random.nextLong(400_000_000L));
        } else if (roll < 915) {
            final Wallet[] wallets = Wallet.values();
            c.transfer(account(), random.nextInt(config.assets().size()), 1 + random.nextLong(400_000_000L),
                wallets[random.nextInt(3)], wallets[random.nextInt(3)]);
        } else if (roll < 925) {
            replay(c);
        } else if (roll < 928) {
            c.setMarketStatus(randomMarket(), random.nextInt(10) == 0 ? MarketStatus.HALTED : MarketStatus.TRADING);
        } else if (roll < 960) {
            junk(c);
        } else {
            marketable(c);
        }
        stamp(c);
        return c;
    }

    /** Learns the ids the engine assigned, for later cancels and amends. */
    public void observe(final Command c) {
        if (c.type == CommandType.CANCEL_ORDER && c.result == ResultCode.ACCEPTED) {
            knownOrders.removeIf(known -> known[0] == c.resultId);
        }
        if (c.type == CommandType.PLACE_ORDER && c.result == ResultCode.ACCEPTED) {
            // mostly orders that can rest, so cancels and amends usually find them; a few that cannot
            final boolean canRest = c.orderType != OrderType.MARKET && c.timeInForce == TimeInForce.GTC;
            if (canRest || random.nextInt(10) == 0) {
                knownOrders.add(new long[] {c.resultId, c.accountId, c.marketId});
            }
            if (knownOrders.size() > 3_000) {
                knownOrders.remove(random.nextInt(1_500));
            }
            if (c.clientOrderId.isPresent()) {
                recentPlaces.add(new Command().copyFrom(c));
                if (recentPlaces.size() > 200) {
                    recentPlaces.remove(0);
                }
            }
        }
    }

    private void stamp(final Command c) {
        final int jump = random.nextInt(200_000);
        if (jump == 0) {
            time += 25L * 3600 * 1_000_000_000L;
        } else if (jump < 1_000) {
            time += random.nextLong(3_600_000_000_000L);
        } else {
            time += random.nextLong(3_000_000);
        }
        c.sequence = ++sequence;
        c.timestamp = time;
    }

    private long account() {
        if (random.nextInt(10) < 3) {
            return 1 + random.nextInt(accountCount);
        }
        final double r = random.nextDouble();
        return 1 + (long) (accountCount * r * r);
    }

    private int randomMarket() {
        return random.nextInt(config.markets().size());
    }

    private void walk(final int market) {
        mid[market] = Math.max(spread[market] * 3, mid[market] + random.nextInt(5) - 2);
        if (flow == Flow.FAR_PRICES && random.nextInt(3_000) == 0) {
            final long jump = FAR_TICKS / 5 + random.nextLong(FAR_TICKS * 2 / 5);
            mid[market] = Math.max(spread[market] * 3, mid[market] + (random.nextBoolean() ? jump : -jump));
        }
    }

    /** How far behind the mid a passive price is. */
    private long passiveOffset(final int m) {
        if (flow == Flow.FAR_PRICES && random.nextInt(4) == 0) {
            return spread[m] + random.nextLong(FAR_TICKS);
        }
        return random.nextLong(spread[m]) + 1;
    }

    private long lots(final Market market) {
        final long min = market.minSizeLots();
        final int shape = random.nextInt(10);
        if (shape < 6) {
            return min * (1 + random.nextInt(5));
        } else if (shape < 9) {
            return min * (1 + random.nextInt(40));
        }
        return min * (1 + random.nextInt(400));
    }

    private void clientId(final Command c) {
        if (random.nextInt(10) < 3) {
            c.clientOrderId.set("c" + Long.toString(c.accountId, 36) + "-" + (cidCounter++));
        }
    }

    private void options(final Command c) {
        final int tif = random.nextInt(10);
        c.timeInForce = tif < 7 ? TimeInForce.GTC : tif < 9 ? TimeInForce.IOC : TimeInForce.FOK;
        c.selfTradePrevention = SelfTradePrevention.values()[random.nextInt(3)];
        clientId(c);
    }

    private void limit(final Command c) {
        final int m = randomMarket();
        walk(m);
        final Market market = config.market(m);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        // passive: behind the mid by up to the spread depth
        final long offset = passiveOffset(m);
        final long price = side == Side.BUY ? Math.max(1, mid[m] - offset) : mid[m] + offset;
        c.placeOrder(account(), m, side, OrderType.LIMIT, price, lots(market));
        options(c);
        if (c.timeInForce == TimeInForce.GTC && random.nextInt(6) == 0) {
            c.postOnly = true;
        }
    }

    private void marketable(final Command c) {
        final int m = randomMarket();
        final Market market = config.market(m);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long through = random.nextLong(spread[m] / 2);
        final long price = side == Side.BUY ? mid[m] + through : Math.max(1, mid[m] - through);
        c.placeOrder(account(), m, side, OrderType.LIMIT, price, lots(market));
        options(c);
        if (random.nextInt(20) == 0) {
            c.postOnly = true;
            c.timeInForce = TimeInForce.GTC;
        }
    }

    private void market(final Command c) {
        final int m = randomMarket();
        final Market market = config.market(m);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        c.placeOrder(account(), m, side, OrderType.MARKET, 0, lots(market));
        options(c);
        if (side == Side.BUY && random.nextInt(3) == 0) {
            c.size = 0;
            c.funds = market.notional(mid[m], lots(market));
            if (c.timeInForce == TimeInForce.FOK) {
                c.timeInForce = TimeInForce.IOC;
            }
        }
    }

    private void stop(final Command c) {
        final int m = randomMarket();
        final Market market = config.market(m);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long stopPrice = Math.max(1, mid[m] + random.nextLong(2 * spread[m] + 1) - spread[m]);
        if (random.nextBoolean()) {
            c.placeOrder(account(), m, side, OrderType.STOP, 0, lots(market));
            // now and then a buy stop far below the market: due at once, and dearer than what it held
            c.stopPrice = side == Side.BUY && random.nextInt(8) == 0 ? mid[m] / 2 + random.nextLong(mid[m] / 4) : stopPrice;
            options(c);
            if (side == Side.BUY && random.nextInt(3) == 0) {
                c.size = 0;
                c.funds = market.notional(mid[m], lots(market));
                c.timeInForce = TimeInForce.GTC;
            }
        } else {
            final long limitPrice = Math.max(1, side == Side.BUY ? stopPrice + random.nextLong(10)
                : stopPrice - random.nextLong(10));
            c.placeOrder(account(), m, side, OrderType.STOP_LIMIT, limitPrice, lots(market));
            c.stopPrice = stopPrice;
            options(c);
        }
    }

    private long[] knownOrder() {
        return knownOrders.isEmpty() ? null : knownOrders.get(random.nextInt(knownOrders.size()));
    }

    private void cancel(final Command c) {
        final long[] known = knownOrder();
        final int how = random.nextInt(20);
        if (known == null || how == 0) {
            c.cancelOrder(account(), 1 + random.nextLong(100_000));
        } else if (how == 1) {
            c.cancelOrder(account(), known[0]);
        } else if (how < 4 && !recentPlaces.isEmpty()) {
            final Command earlier = recentPlaces.get(random.nextInt(recentPlaces.size()));
            c.cancelOrder(earlier.accountId, 0);
            c.clientOrderId.set(earlier.clientOrderId);
        } else {
            c.cancelOrder(known[1], known[0]);
        }
    }

    private void amend(final Command c) {
        final long[] known = knownOrder();
        if (known == null) {
            c.amendOrder(account(), 1, 0, 1);
            return;
        }
        final int m = (int) known[2];
        final Market market = config.market(m);
        final int how = random.nextInt(10);
        final long newPrice = how < 4 ? 0 : flow == Flow.FAR_PRICES && random.nextInt(4) == 0
            ? Math.max(1, mid[m] + (random.nextBoolean() ? 1 : -1) * passiveOffset(m))
            : Math.max(1, mid[m] + random.nextLong(2 * spread[m] + 1) - spread[m]);
        final long newSize = how >= 4 && how < 7 ? 0 : lots(market);
        c.amendOrder(random.nextInt(30) == 0 ? account() : known[1], known[0], newPrice, newSize);
    }

    private void replay(final Command c) {
        if (recentPlaces.isEmpty()) {
            limit(c);
            return;
        }
        final Command earlier = recentPlaces.get(random.nextInt(recentPlaces.size()));
        c.copyFrom(earlier);
        if (random.nextBoolean()) {
            // same id, different fields: a conflict
            c.size = c.size + config.market(c.marketId).minSizeLots();
            if (c.funds > 0) {
                c.size = 0;
                c.funds += 1_000_000;
            }
        }
    }

    private void junk(final Command c) {
        final int m = random.nextInt(10) == 0 ? 7 : randomMarket();
        final OrderType[] types = OrderType.values();
        c.placeOrder(random.nextInt(15) == 0 ? 0 : account(), m, random.nextBoolean() ? Side.BUY : Side.SELL,
            types[random.nextInt(types.length)], 0, 0);
        final long[] prices = {-5, 0, 1, 50_000, Long.MAX_VALUE / 2, 7};
        final long[] sizes = {-1, 0, 1, 3, 1_000_000_000_000L, Long.MAX_VALUE / 3};
        c.price = random.nextInt(3) == 0 ? 0 : prices[random.nextInt(prices.length)];
        c.stopPrice = random.nextInt(2) == 0 ? 0 : prices[random.nextInt(prices.length)];
        c.size = sizes[random.nextInt(sizes.length)];
        c.funds = random.nextInt(4) == 0 ? sizes[random.nextInt(sizes.length)] : 0;
        c.postOnly = random.nextInt(4) == 0;
        c.timeInForce = random.nextInt(12) == 0 ? null : TimeInForce.values()[random.nextInt(3)];
        if (random.nextInt(12) == 0) {
            c.side = null;
        }
        if (random.nextInt(6) == 0) {
            c.cancelAll(account(), 3 + random.nextInt(5));
        } else if (random.nextInt(6) == 0) {
            c.deposit(account(), random.nextInt(6) - 1, random.nextBoolean() ? -3 : Long.MAX_VALUE);
        } else if (random.nextInt(6) == 0) {
            c.amendOrder(account(), knownOrder() == null ? 1 : knownOrder()[0], -random.nextInt(3), -random.nextInt(3));
        }
    }
}
