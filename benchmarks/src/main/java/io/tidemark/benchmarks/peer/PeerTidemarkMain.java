package io.tidemark.benchmarks.peer;

import io.tidemark.benchmarks.BenchmarkMain;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.benchmarks.engine.ChecksumListener;
import io.tidemark.peer.workload.Workload;
import io.tidemark.peer.workload.WorkloadFile;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@link PeerTidemarkBenchmark} with JMH's command line (plus the parent pom's JVM flags, as
 * {@link BenchmarkMain} does) and prints, per workload, the usual summary and one machine-readable line
 * for {@code benchmarks/peer-compare.sh}:
 * <pre>PEER-RESULT engine=tidemark mix=… median=… min=… max=… n=… bop=… setupbop=…</pre>
 * commands per second over measurement iterations, {@code gc.alloc.rate.norm} (with {@code -prof gc};
 * NaN without), and the part of it that is the per-invocation set-up — a fresh engine, funding and the
 * set-up book, measured here on this JVM's thread allocation counter and spread over the measured
 * commands.
 */
public final class PeerTidemarkMain {
    private PeerTidemarkMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Collection<RunResult> results =
            new Runner(BenchmarkMain.withJvmFlags(new CommandLineOptions(args)).build()).run();
        System.out.println();
        for (final RunResult result : results) {
            final String file = result.getParams().getParam("workload");
            final Workload.Header header = WorkloadFile.readHeader(Path.of(file));
            System.out.println("  " + BenchmarkMain.summary(result));
            System.out.println(line("tidemark", header.mix(), result,
                setupBytes(file) / (double) PeerTidemarkBenchmark.COMMANDS));
        }
    }

    static String line(final String engine, final String mix, final RunResult result, final double setupPerCommand) {
        final List<Double> scores = new ArrayList<>();
        for (final BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (final IterationResult iteration : benchmark.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        Collections.sort(scores);
        final Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return String.format(Locale.ROOT, "PEER-RESULT engine=%s mix=%s median=%.0f min=%.0f max=%.0f n=%d bop=%.3f setupbop=%.3f",
            engine, mix, BenchmarkMain.median(scores), scores.get(0), scores.get(scores.size() - 1), scores.size(),
            alloc == null ? Double.NaN : alloc.getScore(), setupPerCommand);
    }

    /** Bytes this thread allocates for one invocation's set-up (the third try, past class loading). */
    private static long setupBytes(final String file) throws java.io.IOException {
        final Workload w = WorkloadFile.read(Path.of(file));
        final Command[] setup = TidemarkReplay.commands(w, 0, w.header().setupCount());
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long bytes = 0;
        for (int i = 0; i < 3; i++) {
            final long before = threads.getThreadAllocatedBytes(thread);
            final MatchingEngine engine = TidemarkReplay.freshEngine(w.header().accounts(), new ChecksumListener());
            for (final Command command : setup) {
                engine.process(command);
            }
            bytes = threads.getThreadAllocatedBytes(thread) - before;
        }
        return bytes;
    }
}
