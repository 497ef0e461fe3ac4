package io.tidemark.benchmarks.pipeline;

import io.tidemark.benchmarks.engine.ChecksumListener;
import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.node.Node;
import io.tidemark.node.journal.Durability;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.pipeline.WaitStrategies;
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
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The whole pipeline (ring → Chronicle journal → engine → account views → reply) on the realistic mix,
 * measured two ways on fresh nodes with real journals:
 *
 * <ul>
 *   <li>throughput: one producer offers a million commands as fast as the ring takes them; commands
 *       per second from the first offer to the last reply (median over runs);
 *   <li>latency, open loop: commands are offered on a fixed schedule (e.g. 200,000 a second) and each
 *       latency is measured from its scheduled time to its reply, so a producer that falls behind
 *       shows up as latency instead of hiding it (no coordinated omission). HdrHistogram percentiles.
 * </ul>
 *
 * Both topologies are measured in the same run, fused first, then staged (each its throughput runs and
 * its latency rates), and the engine alone on the same commands between the throughput runs, so the
 * pipeline's share of the engine's rate is a ratio from one run on one machine state.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar pipeline [--runs 5] [--rates 100000,200000,500000]
 * [--wait phased|yielding|...] [--durability mapped|sync] [--commands N] [--topologies fused,staged] [--generator spin|park]
 * [--snapshot-rate 200000]}. The last adds one open-loop run per topology at that rate (0: none) with a
 * snapshot requested halfway, and reports the commands scheduled while it was taken (request to durable
 * file) apart from the rest.
 */
public final class PipelineBenchmark {
    /** The fused core thread's batch bound ({@code --fused-batch}). */
    private static int fusedBatch = Pipeline.DEFAULT_FUSED_BATCH;
    /** How the open-loop generator waits for a command's intended time ({@code --generator}); null: by topology. */
    private static Generator generator;

    /** How the open-loop generator waits until a command is due. */
    enum Generator {
        /**
         * Park until due. Parking oversleeps by the kernel's timer slack (~50-60 µs here), so commands go out in
         * bursts and each burst's first command is charged that delay: right when stage threads outnumber cores.
         */
        PARK,
        /**
         * Spin the last 200 µs before a command is due (park before that), so commands go out on time: with the
         * fused topology the generator and the core thread are the only busy threads, one per core.
         */
        SPIN;

        static Generator forTopology(final Topology topology) {
            return topology == Topology.FUSED ? SPIN : PARK;
        }
    }

    private PipelineBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        int runs = 5;
        int commands = 1_000_000;
        long[] rates = {100_000, 200_000, 500_000};
        WaitStrategies wait = WaitStrategies.SIGNALLING;
        Durability durability = Durability.MAPPED;
        int ring = 1 << 12;
        List<Topology> topologies = List.of(Topology.FUSED, Topology.STAGED);
        long snapshotRate = 200_000;
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--commands" -> commands = Integer.parseInt(args[++i]);
                case "--rates" -> rates = Arrays.stream(args[++i].split(",")).filter(r -> !r.isBlank())
                    .mapToLong(Long::parseLong).toArray();
                case "--wait" -> wait = WaitStrategies.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--durability" -> durability = Durability.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--data-dir" -> base = Path.of(args[++i]);
                case "--ring" -> ring = Integer.parseInt(args[++i]);
                case "--fused-batch" -> fusedBatch = Integer.parseInt(args[++i]);
                case "--generator" -> generator = Generator.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--snapshot-rate" -> snapshotRate = Long.parseLong(args[++i]);
                case "--topologies" -> topologies = Arrays.stream(args[++i].split(",")).filter(t -> !t.isBlank())
                    .map(t -> Topology.valueOf(t.trim().toUpperCase(Locale.ROOT)).resolve()).distinct().toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final RealisticMix.Workload workload = RealisticMix.generate(42, commands, 1_000, 6_000);
        System.out.printf(Locale.ROOT, "pipeline benchmark: %s; wait strategy %s, durability %s, %d cores, topologies %s "
                + "(fused batch %d), open-loop generator %s%n%s%n",
            "ring " + ring + ", journal on " + base, wait, durability, Runtime.getRuntime().availableProcessors(),
            topologies.stream().map(Topology::wireName).toList(), fusedBatch,
            generator != null ? generator.name().toLowerCase(Locale.ROOT) : "spin for fused, park for staged",
            workload.description());

        final List<Double> engineRates = new ArrayList<>();
        final List<String> summary = new ArrayList<>();
        for (final Topology topology : topologies) {
            System.out.println("topology " + topology.wireName() + ": warm-up run (not recorded)...");
            throughput(workload, wait, durability, ring, base, topology);
            final List<Double> throughputs = new ArrayList<>();
            final List<Double> ratios = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                final double rate = throughput(workload, wait, durability, ring, base, topology);
                throughputs.add(rate);
                final double alone = engineAlone(workload);
                engineRates.add(alone);
                ratios.add(rate / alone);
                System.out.printf(Locale.ROOT, "  throughput run %d (%s): %,.0f commands/s; engine alone %,.0f commands/s%n",
                    run + 1, topology.wireName(), rate, alone);
            }
            throughputs.sort(null);
            final double median = throughputs.get(throughputs.size() / 2);
            summary.add(String.format(Locale.ROOT,
                "throughput: median %,.0f commands/s (min %,.0f, max %,.0f, n=%d) through ring, journal, engine, views, "
                    + "reply; topology %s",
                median, throughputs.get(0), throughputs.get(throughputs.size() - 1), throughputs.size(),
                topology.wireName()));
            summary.add(String.format(Locale.ROOT, "ratio (%s): %.3f of the engine alone (median of each run's pipeline "
                    + "rate over the engine-alone rate measured right after it; min %.3f, max %.3f)",
                topology.wireName(), median(ratios), ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
            if (rates.length > 0 || snapshotRate > 0) {
                // the engine-alone runs above made the engine's listener calls polymorphic: the JIT deoptimises
                // and recompiles the engine (100-300 ms per method) at the next pipeline run, stalling its core
                // thread for tens of ms, which a node in service never sees; let that happen here, unrecorded
                System.out.println("topology " + topology.wireName() + ": latency warm-up run (not recorded)...");
                latency(workload, wait, durability, ring, base, rates.length > 0 ? rates[0] : snapshotRate, topology, false);
            }
            for (final long rate : rates) {
                final String line = latency(workload, wait, durability, ring, base, rate, topology, false)
                    + "; topology " + topology.wireName();
                summary.add(line);
                System.out.println("  " + line);
            }
            if (snapshotRate > 0) {
                final String line = latency(workload, wait, durability, ring, base, snapshotRate, topology, true)
                    + "; topology " + topology.wireName();
                summary.add(line);
                System.out.println("  " + line);
            }
        }
        System.out.println();
        System.out.println("Summary:");
        summary.forEach(line -> System.out.println("  " + line));
        final List<Double> sorted = new ArrayList<>(engineRates);
        sorted.sort(null);
        System.out.printf(Locale.ROOT, "  engine alone: median %,.0f commands/s (min %,.0f, max %,.0f, n=%d), same commands, "
                + "same JVM, between the pipeline runs%n", median(engineRates), sorted.get(0), sorted.get(sorted.size() - 1),
            sorted.size());
    }

    private static double median(final List<Double> values) {
        final List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** The engine alone on the same commands (as {@code EngineThroughput} runs it), commands per second. */
    private static double engineAlone(final RealisticMix.Workload workload) {
        final ChecksumListener listener = new ChecksumListener();
        final MatchingEngine engine = workload.freshEngine(listener);
        final Command[] commands = workload.commands();
        final Command[] copies = new Command[commands.length];
        for (int i = 0; i < commands.length; i++) {
            copies[i] = new Command().copyFrom(commands[i]);
        }
        System.gc();
        final long start = System.nanoTime();
        for (final Command command : copies) {
            engine.process(command);
        }
        final long elapsed = System.nanoTime() - start;
        if (listener.checksum == 42) {
            System.out.println("(checksum)");
        }
        return commands.length * 1e9 / elapsed;
    }

    /** Counts replies; the reply thread is its only writer. */
    private static final class Completion implements ReplyHandler {
        volatile long replied;
        long firstSequence;
        long[] intended;
        /** Each command's latency, kept only when the run splits them by time (the snapshot run). */
        long[] latencies;
        Histogram histogram;

        @Override
        public void onReply(final CommandSlot slot) {
            if (histogram != null) {
                final int index = (int) (slot.command().sequence - firstSequence);
                final long latency = Math.max(0, System.nanoTime() - intended[index]);
                histogram.recordValue(latency);
                if (latencies != null) {
                    latencies[index] = latency;
                }
            }
            replied = replied + 1;
        }
    }

    private static Node freshNode(final RealisticMix.Workload workload, final WaitStrategies wait,
                                  final Durability durability, final int ring, final Path base,
                                  final Topology topology) throws IOException {
        final Path dir = Files.createTempDirectory(base, "tidemark-pipeline-bench-");
        final Node node = Node.start(new Node.Context().dataDir(dir).config(workload.config()).durability(durability)
            .waitStrategy(wait).ringSize(ring).topology(topology).fusedBatch(fusedBatch).snapshotInterval(Duration.ZERO));
        final Completion setup = new Completion();
        for (final Command command : workload.setup()) {
            while (node.pipeline().submit(command, setup) != Pipeline.Submit.PUBLISHED) {
                Thread.onSpinWait();
            }
        }
        while (setup.replied < workload.setup().length) {
            Thread.onSpinWait();
        }
        return node;
    }

    private static void discard(final Node node) throws IOException {
        final Path dir = node.dataDir();
        node.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static double throughput(final RealisticMix.Workload workload, final WaitStrategies wait,
                                     final Durability durability, final int ring, final Path base,
                                     final Topology topology) throws IOException {
        final Node node = freshNode(workload, wait, durability, ring, base, topology);
        System.gc(); // start each measured run with an empty young generation: warm-up garbage is not the pipeline's
        final Completion completion = new Completion();
        final Command[] commands = workload.commands();
        final Pipeline pipeline = node.pipeline();
        final java.util.Map<String, Long> cpuBefore = threadCpu();
        final long start = System.nanoTime();
        for (final Command command : commands) {
            while (pipeline.submit(command, completion) != Pipeline.Submit.PUBLISHED) {
                // a full ring: a gateway would answer engine_busy; here, sleep rather than take the stages' core
                LockSupport.parkNanos(50_000);
            }
        }
        while (completion.replied < commands.length) {
            LockSupport.parkNanos(20_000);
        }
        final long elapsed = System.nanoTime() - start;
        final java.util.Map<String, Long> cpuAfter = threadCpu();
        final StringBuilder cpu = new StringBuilder("    CPU per command:");
        cpuAfter.forEach((name, nanos) -> cpu.append(String.format(Locale.ROOT, " %s %.0f ns,",
            name.replace("tidemark-", ""), (nanos - cpuBefore.getOrDefault(name, 0L)) / (double) commands.length)));
        System.out.println(cpu);
        discard(node);
        return commands.length * 1e9 / elapsed;
    }

    /** CPU time so far of the producer (this thread) and each stage thread. */
    private static java.util.Map<String, Long> threadCpu() {
        final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        final java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
        cpu.put("producer", threads.getCurrentThreadCpuTime());
        for (final java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("tidemark-") && !info.getThreadName().contains("snapshot")) {
                cpu.put(info.getThreadName(), threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    private static String latency(final RealisticMix.Workload workload, final WaitStrategies wait,
                                  final Durability durability, final int ring, final Path base, final long rate,
                                  final Topology topology, final boolean snapshotHalfway)
        throws Exception {
        final Node node = freshNode(workload, wait, durability, ring, base, topology);
        final Command[] commands = workload.commands();
        final Completion completion = new Completion();
        System.gc();
        completion.firstSequence = workload.setup().length + 1;
        completion.intended = new long[commands.length];
        completion.histogram = new Histogram(60_000_000_000L, 3);
        completion.latencies = snapshotHalfway ? new long[commands.length] : null;
        final long[] window = new long[3];
        Thread snapshotter = null;
        final Pipeline pipeline = node.pipeline();
        final long period = 1_000_000_000L / rate;
        final Generator waiting = generator != null ? generator : Generator.forTopology(topology);
        final long start = System.nanoTime() + 1_000_000;
        long busy = 0;
        for (int i = 0; i < commands.length; i++) {
            final long intended = start + i * period;
            completion.intended[i] = intended;
            if (snapshotHalfway && i == commands.length / 2) {
                // from another thread: requesting a snapshot may wait for a ring slot
                snapshotter = new Thread(() -> {
                    window[0] = System.nanoTime();
                    try {
                        final Path file = node.snapshot().get();
                        window[1] = System.nanoTime();
                        window[2] = file == null ? 0 : Files.size(file);
                    } catch (final Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "benchmark-snapshot");
                snapshotter.start();
            }
            long now;
            while ((now = System.nanoTime()) < intended) {
                // latency is measured from each command's intended time, so a generator that oversleeps counts
                if (waiting == Generator.SPIN && intended - now < 200_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(waiting == Generator.SPIN ? intended - now - 150_000 : intended - now);
                }
            }
            while (pipeline.submit(commands[i], completion) != Pipeline.Submit.PUBLISHED) {
                busy++;
                LockSupport.parkNanos(20_000);
            }
        }
        while (completion.replied < commands.length) {
            LockSupport.parkNanos(20_000);
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        if (snapshotter != null) {
            snapshotter.join();
        }
        discard(node);
        final Histogram h = completion.histogram;
        if (snapshotHalfway) {
            final Histogram during = new Histogram(60_000_000_000L, 3);
            final Histogram outside = new Histogram(60_000_000_000L, 3);
            for (int i = 0; i < commands.length; i++) {
                final long at = completion.intended[i];
                (at >= window[0] && at <= window[1] ? during : outside).recordValue(completion.latencies[i]);
            }
            return String.format(Locale.ROOT,
                "latency during a snapshot at %,d commands/s (snapshot %.1f MB, %.0f ms from request to durable file; "
                    + "%,d commands scheduled in that time): p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs; "
                    + "the rest of the run: p99 %.1f µs, p99.99 %.1f µs, max %.1f µs",
                rate, window[2] / 1e6, (window[1] - window[0]) / 1e6, during.getTotalCount(),
                during.getValueAtPercentile(50) / 1e3, during.getValueAtPercentile(99) / 1e3,
                during.getValueAtPercentile(99.9) / 1e3, during.getMaxValue() / 1e3,
                outside.getValueAtPercentile(99) / 1e3, outside.getValueAtPercentile(99.99) / 1e3,
                outside.getMaxValue() / 1e3);
        }
        return String.format(Locale.ROOT,
            "latency at %,d commands/s (%,d commands, achieved %,.0f/s%s): p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, "
                + "p99.99 %.1f µs, max %.1f µs",
            rate, commands.length, commands.length / seconds, busy > 0 ? ", ring full " + busy + " times" : "",
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
            h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3);
    }
}
