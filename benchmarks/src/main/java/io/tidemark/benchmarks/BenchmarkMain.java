package io.tidemark.benchmarks;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JMH's command line, with the JVM flags the parent pom sets for tests (Chronicle Queue and Agrona
 * need them on Java 17) added to every fork, so benchmarks run the way tests and the server do; each
 * benchmark's own {@code @Fork(jvmArgsAppend)} (heap, GC) still applies.
 * Usage is JMH's: {@code java -jar benchmarks/target/benchmarks.jar EngineThroughput -prof gc}.
 */
public final class BenchmarkMain {
    private static final Set<String> JMH_INFO_FLAGS = Set.of("-h", "-l", "-lp", "-lprof", "-lrf", "-v");

    private BenchmarkMain() {
    }

    /** Harnesses that are not JMH benchmarks: run in a child JVM with the flags, like a JMH fork. */
    private static final java.util.Map<String, String> HARNESSES = java.util.Map.of(
        "pipeline", "io.tidemark.benchmarks.pipeline.PipelineBenchmark",
        "replay", "io.tidemark.benchmarks.pipeline.ReplayBenchmark",
        "hiccups", "io.tidemark.benchmarks.pipeline.HiccupMeter",
        "ws-fanout", "io.tidemark.benchmarks.ws.FanOutBenchmark",
        "rest", "io.tidemark.benchmarks.rest.RestBenchmark",
        "history", "io.tidemark.benchmarks.history.HistoryBenchmark",
        "sandbox-stats", "io.tidemark.benchmarks.sandbox.SandboxStatsBenchmark",
        "views", "io.tidemark.benchmarks.marketdata.ViewsAbBenchmark",
        "cluster", "io.tidemark.benchmarks.cluster.ClusterBenchmark",
        "cluster-soak", "io.tidemark.benchmarks.cluster.ClusterSoak");

    public static void main(final String[] args) throws Exception {
        if (args.length > 0 && HARNESSES.containsKey(args[0])) {
            System.exit(fork(HARNESSES.get(args[0]), Arrays.copyOfRange(args, 1, args.length)));
        }
        if (Arrays.stream(args).anyMatch(JMH_INFO_FLAGS::contains)) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        final Collection<RunResult> results = new Runner(withJvmFlags(new CommandLineOptions(args)).build()).run();
        System.out.println();
        System.out.println("Summary (median of measurement iterations; this machine is shared, so medians and ratios, not means):");
        for (final RunResult result : results) {
            System.out.println("  " + summary(result));
        }
    }

    /**
     * JMH options from its command line with {@link #jvmFlags()} added to every fork. They are prepended,
     * not appended: a jvmArgsAppend given in the options replaces each benchmark's own
     * {@code @Fork(jvmArgsAppend = ...)} (heap size, GC), which JMH uses only when the options have none.
     */
    public static ChainedOptionsBuilder withJvmFlags(final CommandLineOptions cli) throws IOException {
        final List<String> prepend = new ArrayList<>(jvmFlags());
        prepend.addAll(cli.getJvmArgsPrepend().orElse(List.of()));
        return new OptionsBuilder().parent(cli).jvmArgsPrepend(prepend.toArray(String[]::new));
    }

    /** One line: benchmark, median score with min and max over iterations, and allocation per op if profiled. */
    public static String summary(final RunResult result) {
        final String name = result.getParams().getBenchmark().replaceFirst("^.*\\.([^.]+\\.[^.]+)$", "$1");
        final List<Double> scores = new ArrayList<>();
        for (final BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (final IterationResult iteration : benchmark.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        Collections.sort(scores);
        final String unit = result.getPrimaryResult().getScoreUnit();
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-45s median %,.1f %s (min %,.1f, max %,.1f, n=%d)",
            name, median(scores), unit, scores.get(0), scores.get(scores.size() - 1), scores.size()));
        final Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        if (alloc != null) {
            line.append(String.format(Locale.ROOT, ", %.3f B/op allocated", alloc.getScore()));
        }
        return line.toString();
    }

    public static double median(final List<Double> sorted) {
        final int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int fork(final String mainClass, final String[] args) throws Exception {
        final List<String> command = ChildJvm.command(mainClass,
            // the collector the launcher runs the exchange with (./tidemark): Parallel
            List.of("-Xms4g", "-Xmx4g", "-Xmn2g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch", "-Xlog:gc:stderr"),
            Arrays.asList(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** The JVM flags of the parent pom, as filtered into this jar at build time. */
    public static List<String> jvmFlags() throws IOException {
        try (InputStream in = BenchmarkMain.class.getResourceAsStream("/tidemark-jvm.flags")) {
            if (in == null) {
                return List.of();
            }
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
        }
    }
}
