package io.tidemark.node;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import io.tidemark.node.pipeline.Topology;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The process the crash test kills: recovers a node on a data directory, prints
 * {@code RECOVERED <last sequence> <engine state hash> <snapshot sequence>}, then submits a deterministic stream of
 * commands as fast as it is acknowledged and prints {@code ACK <sequence> <digest>} for each. With
 * {@code verify} it only recovers, prints, and exits.
 */
public final class CrashNodeMain {
    static final ExchangeConfig CONFIG = TestConfigs.threeMarkets();
    /** The system property naming the pipeline topology to run ({@link Topology}'s constant; default auto). */
    static final String TOPOLOGY = "tidemark.crash.topology";

    private CrashNodeMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Path dataDir = Path.of(args[0]);
        final long seed = Long.parseLong(args[1]);
        final boolean verify = args.length > 2 && args[2].equals("verify");
        // acknowledgements are buffered and flushed every 20 ms: one that never reached the parent before the
        // kill is simply not checked, and the reply stage is not slowed by a write per command
        final PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false);
        final Node node = Node.start(new Node.Context().dataDir(dataDir).config(CONFIG).ringSize(1_024)
            .topology(Topology.valueOf(System.getProperty(TOPOLOGY, Topology.AUTO.name())))
            .snapshotInterval(Duration.ofMillis(verify ? 0 : 100)));
        final Node.Recovery recovery = node.recovery();
        out.println("RECOVERED " + recovery.lastSequence() + " " + recovery.engineStateHash() + " "
            + recovery.snapshotSequence());
        out.flush();
        if (verify) {
            node.close();
            return;
        }
        final ReplyHandler ack = slot -> {
            synchronized (out) {
                out.println("ACK " + slot.command().sequence + " " + digest(slot.command()));
            }
        };
        final Thread flusher = new Thread(() -> {
            while (true) {
                synchronized (out) {
                    out.flush();
                }
                try {
                    Thread.sleep(20);
                } catch (final InterruptedException e) {
                    return;
                }
            }
        }, "ack-flusher");
        flusher.setDaemon(true);
        flusher.start();
        final Command command = new Command();
        for (long i = recovery.lastSequence() + 1; ; i++) {
            next(seed, i, command);
            while (node.pipeline().submit(command, ack) == Pipeline.Submit.BUSY) {
                Thread.onSpinWait();
            }
        }
    }

    /** Command number {@code i} of the stream: deposits, orders of every kind, cancels and amends. */
    static void next(final long seed, final long i, final Command c) {
        final SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        final long account = 1 + random.nextInt(20);
        final int market = random.nextInt(CONFIG.markets().size());
        final int roll = random.nextInt(100);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long price = 3_000_000L / CONFIG.market(market).notional(1, 1) + random.nextInt(120) - 60;
        if (i <= 60 || roll < 4) {
            c.deposit(account, random.nextInt(CONFIG.assets().size()), 10_000_000_000L);
        } else if (roll < 64) {
            c.placeOrder(account, market, side, OrderType.LIMIT, price, 2 + random.nextInt(400));
        } else if (roll < 72) {
            c.placeOrder(account, market, side, OrderType.MARKET, 0, 2 + random.nextInt(100));
        } else if (roll < 92) {
            c.cancelOrder(account, 1 + random.nextLong(i));
        } else {
            c.amendOrder(account, 1 + random.nextLong(i), price, 0);
        }
    }

    /** A digest of a command's input fields, to match acknowledgements against the journal. */
    static long digest(final Command c) {
        return (c.type.ordinal() * 31L + c.accountId) * 1_000_003L
            ^ (c.marketId * 7L + c.price * 13L + c.size * 17L + c.orderId * 19L + c.amount * 23L + c.assetId);
    }
}
