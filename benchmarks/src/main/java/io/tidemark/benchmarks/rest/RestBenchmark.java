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
 * same generator with the same requests in the same process, so the gateway's cost reads as a ratio.
 * For each rate and round it runs hello then gateway (A B A B …), prints each run, the CPU each part of
 * the process spent per request, and a summary of medians over rounds with the ratios gateway ÷ hello.
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
        try (LoadGenerator generator = new LoadGenerator(clientThreads);
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
                        + generator.run(t.getKey(), new InetSocketAddress("127.0.0.1", t.getValue()), keys, warm).line());
                }
            }
            for (final long rate : rates) {
                for (int round = 1; round <= rounds; round++) {
                    final LoadGenerator.Options options = new LoadGenerator.Options(connections, rate, depth, warmup, seconds, maxInFlight);
                    for (final Map.Entry<String, Integer> t : ports.entrySet()) {
                        run(generator, t.getKey(), t.getValue(), keys, options, round, results);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("Summary (medians over rounds; shared 2-core machine: generator, server and pipeline share the cores):");
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
            if (!g.isEmpty()) {
                final double orders = median(g, LoadGenerator.Result::placesPerSecond);
                final double p99 = median(g, r -> r.percentileMillis(99));
                System.out.printf(Locale.ROOT, "  target (≥ 30,000 signed orders/s with p99 < 2 ms): %s (%,.0f orders/s, p99 %.3f ms%s)%n",
                    orders >= 30_000 && p99 < 2 ? "met" : "NOT met", orders, p99, rate == 0 ? ", closed loop" : "");
            }
        }
    }

    private static void run(final LoadGenerator generator, final String target, final int port,
                            final List<LoadGenerator.Credentials> keys, final LoadGenerator.Options options, final int round,
                            final Map<String, List<LoadGenerator.Result>> results) throws InterruptedException {
        System.gc();
        final Map<String, Long> before = cpuByPart();
        final long processBefore = processCpu();
        final LoadGenerator.Result result = generator.run(target, new InetSocketAddress("127.0.0.1", port), keys, options);
        final Map<String, Long> after = cpuByPart();
        final long process = processCpu() - processBefore;
        results.computeIfAbsent(key(target, options.rate()), k -> new ArrayList<>()).add(result);
        System.out.printf(Locale.ROOT, "  round %d %s%n", round, result.line());
        final StringBuilder cpu = new StringBuilder("      CPU µs per request:");
        after.forEach((part, nanos) -> {
            final long used = nanos - before.getOrDefault(part, 0L);
            if (used > 0) {
                cpu.append(String.format(Locale.ROOT, " %s %.1f,", part, used / 1e3 / result.answered()));
            }
        });
        cpu.append(String.format(Locale.ROOT, " whole process %.1f (GC and JIT included)", process / 1e3 / result.answered()));
        System.out.println(cpu);
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
            return "pacer";
        }
        if (thread.startsWith("loadgen")) {
            return "client";
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
