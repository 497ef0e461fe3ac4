package io.tidemark.benchmarks.cluster;

import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.ClusterNode;
import io.tidemark.cluster.FreePorts;
import io.tidemark.cluster.gateway.ClusterSequencer;
import io.tidemark.engine.api.Command;
import io.tidemark.node.Node;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import io.tidemark.node.pipeline.Sequencer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Commands acknowledged through a 3-node Aeron cluster against the single node, in the same run on the
 * same machine, on the realistic mix. Both targets are what a gateway submits to: the single node's
 * pipeline (journal, engine, views, reply), and the cluster path — ingress to the leader, the Raft log
 * replicated to a majority and committed, applied by the clustered engine, egress back to the gateway's
 * replica node, which applies it through the same pipeline and replies. All three nodes run in this
 * JVM on loopback (on a 2-core box they share the cores with the producer and the replica).
 *
 * <ul>
 *   <li>throughput: a window of at most {@code --window} commands in flight; acknowledged commands per second;
 *   <li>latency, open loop: commands offered on a fixed schedule, each latency from its scheduled time to its
 *       acknowledgement (no coordinated omission), HdrHistogram percentiles.
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar cluster [--runs 3] [--commands 100000]
 * [--window 2000] [--rates 2000,10000] [--seconds 10]}.
 */
public final class ClusterBenchmark {
    private ClusterBenchmark() {
    }

    /** A target: where commands go, and what to close. */
    private record Target(String name, Sequencer sequencer, AutoCloseable resources) {
    }

    public static void main(final String[] args) throws Exception {
        int runs = 3;
        int commands = 100_000;
        int window = 2_000;
        long[] rates = {2_000, 10_000};
        int seconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--commands" -> commands = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "cluster benchmark: realistic mix, %d commands per throughput run, window %d, "
            + "%d runs; open loop at %s/s for %d s each; %d cores%n", commands, window, runs, Arrays.toString(rates),
            seconds, Runtime.getRuntime().availableProcessors());
        final int total = Math.max(commands, (int) (Arrays.stream(rates).max().orElse(0) * seconds));
        final RealisticMix.Workload workload = RealisticMix.generate(42, total, 1_000, 6_000);
        final List<Double> single = new ArrayList<>();
        final List<Double> clustered = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            // alternate which goes first, so a drift in the machine's load favours neither
            for (final boolean cluster : run % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                try (Scope scope = new Scope(cluster, workload)) {
                    final double rate = throughput(scope.target(), workload, commands, window);
                    (cluster ? clustered : single).add(rate);
                    System.out.printf(Locale.ROOT, "  run %d %-11s %,10.0f commands/s%n", run, scope.target().name(), rate);
                }
            }
        }
        final double singleMedian = median(single);
        final double clusterMedian = median(clustered);
        final List<String> latencies = new ArrayList<>();
        for (final long rate : rates) {
            for (final boolean cluster : new boolean[] {false, true}) {
                try (Scope scope = new Scope(cluster, workload)) {
                    final Histogram histogram = latency(scope.target(), workload, rate, seconds);
                    final String line = String.format(Locale.ROOT, "%-11s at %,7d/s: p50 %,8.1f µs  p99 %,9.1f µs  "
                        + "p99.9 %,9.1f µs  max %,9.1f µs  (%d commands)", scope.target().name(), rate,
                        histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                        histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3,
                        histogram.getTotalCount());
                    latencies.add(line);
                    System.out.println("  " + line);
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Summary: throughput median single node %,.0f/s, 3-node cluster %,.0f/s "
            + "(cluster/single %.3f); latency:%n", singleMedian, clusterMedian, clusterMedian / singleMedian);
        latencies.forEach(line -> System.out.println("  " + line));
    }

    /** One fresh target on fresh directories, its setup commands applied; closed and deleted after. */
    private static final class Scope implements AutoCloseable {
        private final Path dir;
        private final Target target;

        Scope(final boolean cluster, final RealisticMix.Workload workload) throws Exception {
            dir = Files.createTempDirectory("tidemark-cluster-bench-");
            target = cluster ? cluster(dir, workload) : single(dir, workload);
            final Counter setup = new Counter();
            for (final Command command : workload.setup()) {
                while (target.sequencer().submit(command, setup) != Pipeline.Submit.PUBLISHED) {
                    LockSupport.parkNanos(10_000);
                }
            }
            setup.await(workload.setup().length);
        }

        Target target() {
            return target;
        }

        @Override
        public void close() throws Exception {
            target.resources().close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Target single(final Path dir, final RealisticMix.Workload workload) throws IOException {
        final Node node = Node.start(new Node.Context().dataDir(dir.resolve("node")).config(workload.config())
            .snapshotInterval(Duration.ZERO));
        return new Target("single node", node.pipeline()::submit, node);
    }

    private static Target cluster(final Path dir, final RealisticMix.Workload workload) throws Exception {
        final ClusterMembers members = ClusterMembers.onOneHost(3, "127.0.0.1", FreePorts.consecutive(15));
        final List<ClusterNode> nodes = new ArrayList<>();
        for (int id = 0; id < 3; id++) {
            nodes.add(ClusterNode.launch(new ClusterNode.Context().memberId(id).members(members)
                .dataDir(dir.resolve("node-" + id)).config(workload.config()).snapshotInterval(Duration.ZERO)));
        }
        final Node replica = Node.start(new Node.Context().dataDir(dir.resolve("gateway")).config(workload.config())
            .snapshotInterval(Duration.ZERO).sequencedUpstream(true));
        final ClusterSequencer sequencer = new ClusterSequencer(replica, members, "127.0.0.1");
        if (!sequencer.awaitConnected(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the cluster did not elect a leader within 60 s");
        }
        return new Target("3-node cluster", sequencer, () -> {
            sequencer.close();
            replica.close();
            for (final ClusterNode node : nodes) {
                node.close();
            }
        });
    }

    private static double throughput(final Target target, final RealisticMix.Workload workload, final int commands,
                                     final int window) throws InterruptedException {
        final Counter done = new Counter();
        final Command[] stream = workload.commands();
        final long started = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            while (i - done.count.get() >= window) {
                LockSupport.parkNanos(20_000);
            }
            while (target.sequencer().submit(stream[i], done) != Pipeline.Submit.PUBLISHED) {
                LockSupport.parkNanos(20_000);
            }
        }
        done.await(commands);
        return commands / ((System.nanoTime() - started) / 1e9);
    }

    private static Histogram latency(final Target target, final RealisticMix.Workload workload, final long rate,
                                     final int seconds) throws InterruptedException {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Command[] stream = workload.commands();
        final int count = (int) Math.min(stream.length, rate * seconds);
        final long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        final AtomicLong answered = new AtomicLong();
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < count; i++) {
            final long scheduled = start + i * interval;
            // park until close to the time, then spin: the producer must not take a core the nodes need
            long early;
            while ((early = scheduled - System.nanoTime()) > 60_000) {
                LockSupport.parkNanos(early - 50_000);
            }
            while (System.nanoTime() < scheduled) {
                Thread.onSpinWait();
            }
            final ReplyHandler timed = new ReplyHandler() {
                @Override
                public void onReply(final CommandSlot slot) {
                    synchronized (histogram) {
                        histogram.recordValue(Math.min(System.nanoTime() - scheduled, histogram.getHighestTrackableValue()));
                    }
                    answered.incrementAndGet();
                }
            };
            while (target.sequencer().submit(stream[i], timed) != Pipeline.Submit.PUBLISHED) {
                Thread.onSpinWait();
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answered.get() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        synchronized (histogram) {
            return histogram.copy();
        }
    }

    private static double median(final List<Double> values) {
        final List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Counts replies. */
    private static final class Counter implements ReplyHandler {
        final AtomicLong count = new AtomicLong();

        @Override
        public void onReply(final CommandSlot slot) {
            count.incrementAndGet();
        }

        void await(final long n) throws InterruptedException {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (count.get() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(count.get() + " of " + n + " acknowledged within 120 s");
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }
}
