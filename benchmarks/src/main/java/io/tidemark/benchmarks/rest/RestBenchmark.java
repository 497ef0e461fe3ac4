package io.tidemark.benchmarks.rest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Signed REST order entry through the real gateway, against a bare Netty "hello" server driven by the
 * same generator with the same requests, so the gateway's cost reads as a ratio. Both servers run in this
 * process, the generator in a JVM of its own ({@link GeneratorProcess}). For each rate and round it runs
 * hello then gateway (A B A B …), prints each run, the CPU and the heap each part of the server process
 * spent per request (and the generator process's CPU), and a summary of medians over rounds with the
 * ratios gateway ÷ hello.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar rest [--rate 10000[,20000,…]] [--seconds 20]
 * [--warmup 5] [--connections 16] [--depth 4] [--target both|gateway|hello] [--rounds 3]
 * [--client-threads 1] [--server-threads 2] [--keys N] [--jit-warmup 10] [--max-in-flight 64]}. {@code --rate} counts requests (places and
 * cancels, alternating) per second; {@code --rate 0} is the closed-loop ceiling with {@code --depth}
 * requests in flight per connection.
 */
public final class RestBenchmark {
    private RestBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        long[] rates = {10_000};
        double seconds = 20;
        double warmup = 5;
        int connections = 16;
        int depth = 4;
        int rounds = 1;
        int clientThreads = 1;
        int serverThreads = 2;
        int keyCount = -1;
        double jitWarmup = 10;
        int maxInFlight = LoadGenerator.DEFAULT_MAX_IN_FLIGHT;
        String target = "both";
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate", "--rates" -> rates = Arrays.stream(args[++i].split(",")).filter(r -> !r.isBlank())
                    .mapToLong(Long::parseLong).toArray();
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--depth" -> depth = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--client-threads" -> clientThreads = Integer.parseInt(args[++i]);
                case "--server-threads" -> serverThreads = Integer.parseInt(args[++i]);
                case "--keys" -> keyCount = Integer.parseInt(args[++i]);
                case "--jit-warmup" -> jitWarmup = Double.parseDouble(args[++i]);
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(args[++i]);
                case "--target" -> target = args[++i];
                case "--data-dir" -> base = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!java.util.Set.of("both", "gateway", "hello").contains(target)) {
            throw new IllegalArgumentException("--target must be both, gateway or hello");
        }
        final boolean hello = !target.equals("gateway");
        final boolean gateway = !target.equals("hello");
        System.out.printf(Locale.ROOT, "rest benchmark: target %s; %d connections (keep-alive, pipelined), %s; "
                + "rates %s req/s (0 = closed loop, %d in flight per connection); %.0f s warm-up + %.0f s measured per run; "
                + "%d round(s); client %d event-loop thread(s) + 1 pacer, server %d worker thread(s); %s transport; %d cores%n",
            target, connections, "each request HMAC-signed by the generator, places and cancels alternating",
            Arrays.toString(rates), depth, warmup, seconds, rounds, clientThreads, serverThreads, LoadGenerator.transport(),
            Runtime.getRuntime().availableProcessors());

        final Map<String, List<LoadGenerator.Result>> results = new LinkedHashMap<>();
        final Map<String, List<Double>> loopCpu = new LinkedHashMap<>();
        try (GeneratorProcess generator = new GeneratorProcess(clientThreads);
             HelloServer helloServer = hello ? new HelloServer(serverThreads) : null;
             GatewayTarget gatewayTarget = gateway ? new GatewayTarget(base, serverThreads) : null) {
            final List<LoadGenerator.Credentials> keys = gatewayTarget != null
                ? gatewayTarget.keys(keyCount > 0 ? keyCount : connections)
                : List.of(new LoadGenerator.Credentials("hello-key", "hello-secret-0123456789abcdef"));
            final Map<String, Integer> ports = new LinkedHashMap<>();
            if (helloServer != null) {
                ports.put("hello", helloServer.port());
            }
            if (gatewayTarget != null) {
                ports.put("gateway", gatewayTarget.port());
            }
            if (jitWarmup > 0) {
                // once per target, not recorded: compiles the hot paths at a rate both targets sustain, so the
                // first recorded run does not start with an interpreted gateway and a backlog
                final LoadGenerator.Options warm = new LoadGenerator.Options(connections, 5_000, depth, 0, jitWarmup, maxInFlight);
                for (final Map.Entry<String, Integer> t : ports.entrySet()) {
                    System.out.println("  JIT warm-up (not recorded): "
                        + generator.run(t.getKey(), new InetSocketAddress("127.0.0.1", t.getValue()), keys, warm).result().line());
                }
            }
            for (final long rate : rates) {
                for (int round = 1; round <= rounds; round++) {
                    final LoadGenerator.Options options = new LoadGenerator.Options(connections, rate, depth, warmup, seconds, maxInFlight);
                    for (final Map.Entry<String, Integer> t : ports.entrySet()) {
                        run(generator, t.getKey(), t.getValue(), keys, options, round, results, loopCpu);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("Summary (medians over rounds; shared 2-core machine: the generator's process, the server and the pipeline share the cores):");
        for (final long rate : rates) {
            final List<LoadGenerator.Result> h = results.getOrDefault(key("hello", rate), List.of());
            final List<LoadGenerator.Result> g = results.getOrDefault(key("gateway", rate), List.of());
            for (final List<LoadGenerator.Result> list : List.of(h, g)) {
                if (!list.isEmpty()) {
                    System.out.println("  " + summary(list));
                }
            }
            if (!h.isEmpty() && !g.isEmpty()) {
                System.out.printf(Locale.ROOT, "  %s: gateway ÷ hello: throughput %.2f, p50 %.1f×, p99 %.1f×%n",
                    rate == 0 ? "closed loop" : String.format(Locale.ROOT, "at %,d req/s", rate),
                    median(g, LoadGenerator.Result::requestsPerSecond) / median(h, LoadGenerator.Result::requestsPerSecond),
                    median(g, r -> r.percentileMillis(50)) / median(h, r -> r.percentileMillis(50)),
                    median(g, r -> r.percentileMillis(99)) / median(h, r -> r.percentileMillis(99)));
            }
            if (!h.isEmpty() && !g.isEmpty()) {
                final double throughput = median(g, LoadGenerator.Result::requestsPerSecond)
                    / median(h, LoadGenerator.Result::requestsPerSecond);
                final double p99 = median(g, r -> r.percentileMillis(99)) / median(h, r -> r.percentileMillis(99));
                final double cpu = RestBenchmark.medianOf(loopCpu.get(key("gateway", rate)))
                    / RestBenchmark.medianOf(loopCpu.get(key("hello", rate)));
                System.out.printf(Locale.ROOT, "  event-loop CPU per request: gateway %.1f µs, hello %.1f µs, ratio %.2f%n",
                    medianOf(loopCpu.get(key("gateway", rate))), medianOf(loopCpu.get(key("hello", rate))), cpu);
                System.out.printf(Locale.ROOT, "  goals (gateway ÷ hello: throughput ≥ 0.7, p99 ≤ 2×, event-loop CPU per request ≤ 1.5×): "
                    + "throughput %s (%.2f), p99 %s (%.1f×), CPU %s (%.2f×)%n",
                    throughput >= 0.7 ? "met" : "NOT met", throughput, p99 <= 2 ? "met" : "NOT met", p99,
                    cpu <= 1.5 ? "met" : "NOT met", cpu);
            }
        }
    }

    private static void run(final GeneratorProcess generator, final String target, final int port,
                            final List<LoadGenerator.Credentials> keys, final LoadGenerator.Options options, final int round,
                            final Map<String, List<LoadGenerator.Result>> results, final Map<String, List<Double>> loopCpu)
        throws java.io.IOException {
        System.gc();
        final Map<String, Long> before = cpuByPart();
        final Map<String, Long> allocatedBefore = allocatedByPart();
        final long processBefore = processCpu();
        final GeneratorProcess.Run run = generator.run(target, new InetSocketAddress("127.0.0.1", port), keys, options);
        final LoadGenerator.Result result = run.result();
        final Map<String, Long> after = cpuByPart();
        final Map<String, Long> allocatedAfter = allocatedByPart();
        final long process = processCpu() - processBefore;
        results.computeIfAbsent(key(target, options.rate()), k -> new ArrayList<>()).add(result);
        System.out.printf(Locale.ROOT, "  round %d %s%n", round, result.line());
        final StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT,
            "      CPU µs per request: client (own process) %.1f,", run.clientCpuNanos() / 1e3 / result.answered()));
        after.forEach((part, nanos) -> {
            final long used = nanos - before.getOrDefault(part, 0L);
            if (used > 0 && used / 1e3 / result.answered() >= 0.05) {
                cpu.append(String.format(Locale.ROOT, " %s %.1f,", part, used / 1e3 / result.answered()));
            }
        });
        cpu.append(String.format(Locale.ROOT, " server process %.1f (GC and JIT included)", process / 1e3 / result.answered()));
        System.out.println(cpu);
        final String loops = target.equals("hello") ? "hello-server" : "gateway-netty";
        loopCpu.computeIfAbsent(key(target, options.rate()), k -> new ArrayList<>())
            .add((after.getOrDefault(loops, 0L) - before.getOrDefault(loops, 0L)) / 1e3 / result.answered());
        final StringBuilder heap = new StringBuilder("      heap bytes allocated per request:");
        allocatedAfter.forEach((part, bytes) -> {
            final double perRequest = (double) (bytes - allocatedBefore.getOrDefault(part, 0L)) / result.answered();
            if (perRequest >= 1) {
                heap.append(String.format(Locale.ROOT, " %s %,.0f,", part, perRequest));
            }
        });
        heap.setLength(heap.length() - (heap.charAt(heap.length() - 1) == ',' ? 1 : 0));
        System.out.println(heap);
    }

    static double medianOf(final List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Heap bytes allocated so far by part of the process (threads alive now; a thread that ended is lost). */
    private static Map<String, Long> allocatedByPart() {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final Map<String, Long> bytes = new TreeMap<>();
        final long[] ids = threads.getAllThreadIds();
        final long[] allocated = threads.getThreadAllocatedBytes(ids);
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && allocated[i] > 0) {
                bytes.merge(part(infos[i].getThreadName()), allocated[i], Long::sum);
            }
        }
        return bytes;
    }

    private static String key(final String target, final long rate) {
        return target + "@" + rate;
    }

    private static String summary(final List<LoadGenerator.Result> list) {
        final LoadGenerator.Result first = list.get(0);
        return String.format(Locale.ROOT,
            "%-7s %s: median %,.0f req/s (%,.0f orders/s; min %,.0f, max %,.0f req/s), p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, "
                + "p99.9 %.3f ms, max %.3f ms, n=%d, non-2xx %d",
            first.target(), first.options().rate() == 0 ? "closed loop" : String.format(Locale.ROOT, "at %,d req/s", first.options().rate()),
            median(list, LoadGenerator.Result::requestsPerSecond), median(list, LoadGenerator.Result::placesPerSecond),
            list.stream().mapToDouble(LoadGenerator.Result::requestsPerSecond).min().orElse(0),
            list.stream().mapToDouble(LoadGenerator.Result::requestsPerSecond).max().orElse(0),
            median(list, r -> r.percentileMillis(50)), median(list, r -> r.percentileMillis(90)),
            median(list, r -> r.percentileMillis(99)), median(list, r -> r.percentileMillis(99.9)),
            median(list, r -> r.latency().getMaxValue() / 1e6), list.size(),
            list.stream().mapToLong(r -> r.requests() - r.ok() + r.unanswered()).sum());
    }

    static double median(final List<LoadGenerator.Result> list, final ToDoubleFunction<LoadGenerator.Result> f) {
        final double[] values = list.stream().mapToDouble(f).sorted().toArray();
        final int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** CPU time so far by part of the process: generator, hello server, gateway event loops, pipeline stages. */
    private static Map<String, Long> cpuByPart() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> cpu = new TreeMap<>();
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            final long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                cpu.merge(part(info.getThreadName()), nanos, Long::sum);
            }
        }
        return cpu;
    }

    private static String part(final String thread) {
        if (thread.equals("main")) {
            return "main";
        }
        if (thread.startsWith("hello")) {
            return "hello-server";
        }
        if (thread.startsWith("multiThreadIoEventLoopGroup")) {
            return "gateway-netty";
        }
        if (thread.startsWith("tidemark-")) {
            return thread.replace("tidemark-", "stage-");
        }
        return "other";
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
