package io.tidemark.benchmarks.rest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * [--client-threads 1] [--server-threads 2] [--keys N] [--jit-warmup 15] [--max-in-flight 64]}. {@code --rate} counts requests (places and
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
        double jitWarmup = 15;
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
        final int keyTotal = keyCount > 0 ? keyCount : connections;
        try (GeneratorProcess generator = new GeneratorProcess(clientThreads);
             ServerProcess helloServer = hello ? new ServerProcess("hello", serverThreads, base, 0) : null;
             ServerProcess gatewayServer = gateway ? new ServerProcess("gateway", serverThreads, base, keyTotal) : null) {
            final List<LoadGenerator.Credentials> keys = gatewayServer != null
                ? gatewayServer.keys()
                : List.of(new LoadGenerator.Credentials("hello-key", "hello-secret-0123456789abcdef"));
            final Map<String, ServerProcess> servers = new LinkedHashMap<>();
            if (helloServer != null) {
                servers.put("hello", helloServer);
            }
            if (gatewayServer != null) {
                servers.put("gateway", gatewayServer);
            }
            if (jitWarmup > 0) {
                // once per target, not recorded: a few seconds at a rate both targets sustain (so the first requests
                // do not meet an interpreted gateway with a backlog), then the closed loop, so that C2 has compiled
                // what full load runs before anything is measured (after the gentle part alone the gateway's JIT
                // still compiled for seconds of each measured run)
                final LoadGenerator.Options gentle = new LoadGenerator.Options(connections, 5_000, depth, 0, 3, maxInFlight);
                final LoadGenerator.Options full = new LoadGenerator.Options(connections, 0, depth, 0, jitWarmup, maxInFlight);
                for (final Map.Entry<String, ServerProcess> t : servers.entrySet()) {
                    final InetSocketAddress address = new InetSocketAddress("127.0.0.1", t.getValue().port());
                    generator.run(t.getKey(), address, keys, gentle);
                    final long compilingBefore = t.getValue().stats().compilingMillis();
                    final String line = generator.run(t.getKey(), address, keys, full).result().line();
                    System.out.printf(Locale.ROOT, "  JIT warm-up (not recorded; the JIT compiled for %,d ms): %s%n",
                        t.getValue().stats().compilingMillis() - compilingBefore, line);
                }
            }
            for (final long rate : rates) {
                for (int round = 1; round <= rounds; round++) {
                    final LoadGenerator.Options options = new LoadGenerator.Options(connections, rate, depth, warmup, seconds, maxInFlight);
                    for (final Map.Entry<String, ServerProcess> t : servers.entrySet()) {
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

    private static void run(final GeneratorProcess generator, final String target, final ServerProcess server,
                            final List<LoadGenerator.Credentials> keys, final LoadGenerator.Options options, final int round,
                            final Map<String, List<LoadGenerator.Result>> results, final Map<String, List<Double>> loopCpu)
        throws java.io.IOException {
        server.gc();
        final ServerProcess.Stats statsBefore = server.stats();
        final GeneratorProcess.Run run = generator.run(target, new InetSocketAddress("127.0.0.1", server.port()), keys, options);
        final ServerProcess.Stats statsAfter = server.stats();
        final LoadGenerator.Result result = run.result();
        final Map<String, Long> before = statsBefore.cpuByPart();
        final Map<String, Long> after = statsAfter.cpuByPart();
        final Map<String, Long> allocatedBefore = statsBefore.allocatedByPart();
        final Map<String, Long> allocatedAfter = statsAfter.allocatedByPart();
        final long process = statsAfter.processCpuNanos() - statsBefore.processCpuNanos();
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
        cpu.append(String.format(Locale.ROOT, " server process %.1f (GC and JIT included; the JIT compiled for %,d ms of the run)",
            process / 1e3 / result.answered(), statsAfter.compilingMillis() - statsBefore.compilingMillis()));
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




}
