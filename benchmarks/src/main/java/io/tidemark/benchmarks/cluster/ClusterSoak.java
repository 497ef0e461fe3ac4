package io.tidemark.benchmarks.cluster;

import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.ClusterNode;
import io.tidemark.cluster.ClusterNodeMain;
import io.tidemark.cluster.FreePorts;
import io.tidemark.cluster.client.ClusterClient;
import io.tidemark.cluster.protocol.CommandOrigin;
import io.tidemark.cluster.protocol.StatusReport;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.node.config.ConfigFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak: three node processes, a steady flow of orders and cancels from a client that keeps a replica
 * of the engine, and every few seconds a random node killed with SIGKILL and started again once the
 * previous one has rejoined. At the end: every command submitted was acknowledged, none was applied
 * twice (the applied sequence equals the count submitted), and every node's state hash equals the
 * replica's at the same sequence. Exit status 0 only then.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar cluster-soak [--seconds 120] [--kill-every 5]
 * [--rate 500] [--seed 1]}.
 */
public final class ClusterSoak {
    private ClusterSoak() {
    }

    public static void main(final String[] args) throws Exception {
        int seconds = 120;
        int killEvery = 5;
        int rate = 500;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--kill-every" -> killEvery = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final ExchangeConfig config = ConfigFile.defaults().exchange();
        final Path dir = Files.createTempDirectory("tidemark-cluster-soak-");
        final ClusterMembers members = ClusterMembers.onOneHost(3, "127.0.0.1", FreePorts.consecutive(15));
        System.out.printf(Locale.ROOT, "cluster soak: 3 node processes %s, %d s, a node killed (SIGKILL) every %d s, "
            + "%d commands/s, seed %d, data %s%n", members, seconds, killEvery, rate, seed, dir);
        final Process[] nodes = new Process[3];
        for (int id = 0; id < 3; id++) {
            nodes[id] = launch(members, id, dir);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final Replica replica = new Replica(config);
        final ClusterClient client = new ClusterClient(members, "127.0.0.1", 0, replica);
        int kills = 0;
        boolean passed = false;
        try {
            if (!client.awaitConnected(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no cluster within 60 s");
            }
            final Orders orders = new Orders(config, random, replica.accepted);
            for (final Command deposit : orders.deposits()) {
                submit(client, deposit, replica);
            }
            final long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            final long start = System.nanoTime();
            final long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long nextKill = start + TimeUnit.SECONDS.toNanos(killEvery);
            long next = start;
            int down = -1;
            long restartAt = 0;
            final Command command = new Command();
            while (System.nanoTime() < end) {
                final long now = System.nanoTime();
                if (down < 0 && now >= nextKill) {
                    down = random.nextInt(3);
                    nodes[down].destroyForcibly().waitFor();
                    kills++;
                    System.out.printf(Locale.ROOT, "  %5.1f s: killed node %d (%s); %,d acknowledged so far%n",
                        (now - start) / 1e9, down, role(client, down), replica.acknowledged.get());
                    restartAt = now + TimeUnit.SECONDS.toNanos(2);
                } else if (down >= 0 && now >= restartAt) {
                    nodes[down] = launch(members, down, dir);
                    final int restarted = down;
                    down = -1;
                    // the next kill only once this node is back, so a majority is always up
                    awaitStatus(client, restarted, s -> s.pid() == nodes[restarted].pid(), 60);
                    nextKill = System.nanoTime() + TimeUnit.SECONDS.toNanos(killEvery);
                }
                if (now >= next) {
                    submit(client, orders.next(command.clear()), replica);
                    next += interval;
                } else {
                    Thread.sleep(0, 200_000);
                }
            }
            if (down >= 0) {
                nodes[down] = launch(members, down, dir);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (replica.acknowledged.get() < replica.submitted.get() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            final long sequence = client.appliedSequence();
            final String hash = String.format("%016x", replica.stateHash());
            final List<String> hashes = new ArrayList<>();
            for (int id = 0; id < 3; id++) {
                hashes.add(awaitStatus(client, id, s -> s.sequence() == sequence, 60).map(StatusReport::stateHashHex)
                    .orElse("(not at " + sequence + ")"));
            }
            passed = replica.acknowledged.get() == replica.submitted.get() && sequence == replica.submitted.get()
                && hashes.stream().allMatch(hash::equals);
            System.out.printf(Locale.ROOT, "Summary: %s — %d kills in %d s; %,d commands submitted, %,d acknowledged, "
                + "%,d applied (sequence); longest wait for an acknowledgement %,.0f ms; replica hash %s, nodes %s%n",
                passed ? "PASS" : "FAIL", kills, seconds, replica.submitted.get(), replica.acknowledged.get(), sequence,
                replica.longestWaitNanos.get() / 1e6, hash, hashes);
        } finally {
            client.close();
            for (int id = 0; id < 3; id++) {
                nodes[id].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                ClusterNode.deleteAeronDirectory(dir.resolve("node-" + id));
            }
        }
        if (passed) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } else {
            System.out.println("data and node logs kept in " + dir);
        }
        System.exit(passed ? 0 : 1);
    }

    private static void submit(final ClusterClient client, final Command command, final Replica replica) {
        while (client.submit(command, System.nanoTime()) == ClusterClient.Submit.BUSY) {
            Thread.onSpinWait();
        }
        replica.submitted.incrementAndGet();
    }

    /** The client's replica: applies what the cluster applied, counts our acknowledgements. */
    private static final class Replica implements ClusterClient.Applied {
        final MatchingEngine engine;
        final AtomicLong submitted = new AtomicLong();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong longestWaitNanos = new AtomicLong();
        final ConcurrentLinkedQueue<long[]> accepted = new ConcurrentLinkedQueue<>();

        Replica(final ExchangeConfig config) {
            this.engine = new MatchingEngine(config, new IgnoringListener() { });
        }

        @Override
        public void onApplied(final Command command, final Object handle, final CommandOrigin origin) {
            engine.process(command);
            if (handle instanceof Long submittedAt) {
                longestWaitNanos.accumulateAndGet(System.nanoTime() - submittedAt, Math::max);
                if (command.type == CommandType.PLACE_ORDER && command.result == ResultCode.ACCEPTED) {
                    accepted.add(new long[] {command.resultId, command.accountId});
                }
                acknowledged.incrementAndGet();
            }
        }

        long stateHash() {
            return engine.stateHash();
        }
    }

    /** Limit orders around a price, market orders, and cancels of orders seen accepted, by 20 funded accounts. */
    private static final class Orders {
        private final ExchangeConfig config;
        private final SplittableRandom random;
        private final ConcurrentLinkedQueue<long[]> accepted;
        private final Market market;

        Orders(final ExchangeConfig config, final SplittableRandom random, final ConcurrentLinkedQueue<long[]> accepted) {
            this.config = config;
            this.random = random;
            this.accepted = accepted;
            this.market = config.marketByPair("BTC-USD");
        }

        List<Command> deposits() {
            final List<Command> deposits = new ArrayList<>();
            for (long account = 1; account <= 20; account++) {
                deposits.add(new Command().deposit(account, market.base().id(), market.base().parseAmount("1000")));
                deposits.add(new Command().deposit(account, market.quote().id(), market.quote().parseAmount("100000000")));
            }
            return deposits;
        }

        Command next(final Command c) {
            final long account = 1 + random.nextInt(20);
            final int roll = random.nextInt(100);
            final long[] known = roll < 30 ? accepted.poll() : null;
            if (known != null) {
                return c.cancelOrder(known[1], known[0]);
            }
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long size = market.parseSize("0.01") * (1 + random.nextInt(5));
            if (roll < 40) {
                return c.placeOrder(account, market.id(), side, OrderType.MARKET, 0, size);
            }
            final long mid = market.parsePrice("60000");
            final long offset = market.parsePrice("1") * random.nextInt(50);
            return c.placeOrder(account, market.id(), side, OrderType.LIMIT, side == Side.BUY ? mid - offset : mid + offset,
                size);
        }
    }

    /** The role member {@code id} last reported to the client. */
    private static String role(final ClusterClient client, final int id) {
        return client.statuses().of(id).map(heard -> heard.report().role().apiName()).orElse("unknown");
    }

    /** The first report of member {@code id}, heard within the last 2 s, that satisfies {@code condition}. */
    private static Optional<StatusReport> awaitStatus(final ClusterClient client, final int id,
                                                      final java.util.function.Predicate<StatusReport> condition,
                                                      final int seconds) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            final Optional<StatusReport> status = client.statuses().of(id)
                .filter(heard -> heard.within(System.nanoTime(), TimeUnit.SECONDS.toNanos(2)))
                .map(heard -> heard.report());
            if (status.isPresent() && condition.test(status.get())) {
                return status;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    private static Process launch(final ClusterMembers members, final int id, final Path dir) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle")) {
                command.add(flag);
            }
        }
        final Path nodeDir = dir.resolve("node-" + id);
        Files.createDirectories(nodeDir);
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            ClusterNodeMain.class.getName(), "--id", Integer.toString(id), "--members", members.toString(),
            "--data-dir", nodeDir.toString(), "--exit-with", Long.toString(ProcessHandle.current().pid())));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile())).start();
    }
}
