package io.tidemark.gateway.testkit;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Seeded random limit orders around a mid price straight into the pipeline (as the gateway would
 * submit them): a mix that rests, crosses and trades, plus cancels of earlier orders.
 */
public final class OrderFlow {
    private final Pipeline pipeline;
    private final int marketId;
    private final long[] accounts;
    private final Random random;
    private final ConcurrentLinkedQueue<long[]> placed = new ConcurrentLinkedQueue<>();

    public OrderFlow(final Pipeline pipeline, final int marketId, final long[] accounts, final long seed) {
        this.pipeline = pipeline;
        this.marketId = marketId;
        this.accounts = accounts;
        this.random = new Random(seed);
    }

    /** Submits {@code count} commands (about 1 in 5 a cancel) around {@code midTicks}; waits until all are applied. */
    public void run(final int count, final long midTicks, final int spreadTicks) {
        final CountDownLatch done = new CountDownLatch(count);
        final List<long[]> known = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] order;
            while ((order = placed.poll()) != null) {
                known.add(order);
            }
            final Command command;
            if (!known.isEmpty() && random.nextInt(5) == 0) {
                final long[] victim = known.remove(random.nextInt(known.size()));
                command = new Command().cancelOrder(victim[0], victim[1]);
            } else {
                final long account = accounts[random.nextInt(accounts.length)];
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long price = midTicks + random.nextInt(2 * spreadTicks + 1) - spreadTicks;
                command = new Command().placeOrder(account, marketId, side, OrderType.LIMIT, price, 1 + random.nextInt(100));
            }
            final long account = command.accountId;
            final ReplyHandler reply = new ReplyHandler() {
                @Override
                public void onReply(final CommandSlot slot) {
                    if (slot.command().resultId > 0 && slot.command().type == io.tidemark.engine.api.CommandType.PLACE_ORDER) {
                        placed.add(new long[] {account, slot.command().resultId});
                    }
                    done.countDown();
                }
            };
            while (pipeline.submit(command, reply) != Pipeline.Submit.PUBLISHED) {
                Thread.onSpinWait();
            }
        }
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("order flow not applied in time");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
