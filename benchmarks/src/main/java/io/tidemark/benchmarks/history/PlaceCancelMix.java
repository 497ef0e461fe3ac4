package io.tidemark.benchmarks.history;

import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The REST closed loop's order flow as engine commands: each account alternately places a resting limit
 * order far from the other side (never trading) and cancels its oldest live one, as the load generator's
 * connections do. What the history store gets from it is one order row per place and per cancel, and no
 * fills or ledger entries (a hold is not a ledger entry).
 */
final class PlaceCancelMix {
    private static final long START = 1_795_219_200_000_000_000L;

    private PlaceCancelMix() {
    }

    static RealisticMix.Workload generate(final long seed, final int commands, final int accounts) {
        final ExchangeConfig config = RealisticMix.config();
        final MatchingEngine engine = new MatchingEngine(config, new IgnoringListener() { }, 2_048, 16_384);
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] clock = {START, 0};
        final List<Command> setup = new ArrayList<>();
        for (long account = 1; account <= accounts; account++) {
            setup.add(apply(engine, clock, random, new Command().deposit(account, RealisticMix.BASE, 1_000_000_000_000_000L)));
            setup.add(apply(engine, clock, random, new Command().deposit(account, RealisticMix.QUOTE, 1_000_000_000_000_000L)));
        }
        @SuppressWarnings("unchecked")
        final ArrayDeque<Long>[] live = new ArrayDeque[accounts + 1];
        for (int a = 1; a <= accounts; a++) {
            live[a] = new ArrayDeque<>();
        }
        final Command[] measured = new Command[commands];
        for (int i = 0; i < commands; i++) {
            final long account = 1 + (i / 2) % accounts;
            final Command c;
            if (i % 2 == 1 && !live[(int) account].isEmpty()) {
                c = new Command().cancelOrder(account, live[(int) account].pollFirst());
            } else {
                final boolean buy = random.nextBoolean();
                // 29,000.00-29,063.99 bids and 31,000.00-31,063.99 asks around the mix's 30,000 mid: never crossing
                final long price = (buy ? 2_900_000 : 3_100_000) + random.nextInt(6_400);
                c = new Command().placeOrder(account, RealisticMix.MARKET, buy ? Side.BUY : Side.SELL, OrderType.LIMIT,
                    price, 100);
            }
            apply(engine, clock, random, c);
            if (c.result.isRejection()) {
                throw new IllegalStateException("the place/cancel mix must not contain rejections: " + c);
            }
            if (c.type == io.tidemark.engine.api.CommandType.PLACE_ORDER) {
                live[(int) account].addLast(c.resultId);
            }
            measured[i] = c;
        }
        return new RealisticMix.Workload(config, setup.toArray(Command[]::new), measured, String.format(
            "place/cancel mix seed=%d (the REST closed loop's flow): %d commands, %d accounts, resting places and "
                + "cancels of each account's oldest live order, no trades", seed, commands, accounts));
    }

    private static Command apply(final MatchingEngine engine, final long[] clock, final SplittableRandom random,
                                 final Command c) {
        c.sequence = ++clock[1];
        clock[0] += 1_000 + random.nextInt(20_000);
        c.timestamp = clock[0];
        engine.process(c);
        return c;
    }
}
