package io.tidemark.peer.exchangecore;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import io.tidemark.peer.workload.Workload;
import io.tidemark.peer.workload.WorkloadFile;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * JMH's command line for {@link PeerExchangeCoreBenchmark}, with the JVM flags exchange-core needs on
 * Java 17 added to every fork. Prints, per run, a one-line summary and a machine-readable line for
 * {@code benchmarks/peer-compare.sh}:
 * <pre>PEER-RESULT engine=ec-direct|ec-naive|ec-risk mix=… median=… min=… max=… n=… bop=… setupbop=…</pre>
 * commands per second over measurement iterations, {@code gc.alloc.rate.norm} (with {@code -prof gc};
 * NaN without), and the part of it that is the per-invocation set-up (a fresh book and its set-up
 * orders; for the risk pipeline also its accounts funded again), measured here on this JVM's thread allocation counter and spread over the measured commands.
 */
public final class PeerExchangeCoreMain {
    private PeerExchangeCoreMain() {
    }

    public static void main(final String[] args) throws Exception {
        final CommandLineOptions cli = new CommandLineOptions(args);
        // prepended, not appended: a jvmArgsAppend in the options would replace the benchmark's own
        // @Fork(jvmArgsAppend = ...) (heap size, GC)
        final List<String> prepend = new ArrayList<>(jvmFlags());
        prepend.addAll(cli.getJvmArgsPrepend().orElse(List.of()));
        final Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli)
            .jvmArgsPrepend(prepend.toArray(String[]::new)).build()).run();
        System.out.println();
        for (final RunResult result : results) {
            final String file = result.getParams().getParam("workload");
            final ExchangeCoreReplay.Impl impl = ExchangeCoreReplay.Impl.of(result.getParams().getParam("impl"));
            final Workload.Header header = WorkloadFile.readHeader(Path.of(file));
            System.out.println(line(impl.engineName(), header.mix(), result,
                setupBytes(file, impl) / (double) PeerExchangeCoreBenchmark.COMMANDS));
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
        final int n = scores.size();
        final double median = n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
        final Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return String.format(Locale.ROOT, "PEER-RESULT engine=%s mix=%s median=%.0f min=%.0f max=%.0f n=%d bop=%.3f setupbop=%.3f",
            engine, mix, median, scores.get(0), scores.get(n - 1), n, alloc == null ? Double.NaN : alloc.getScore(),
            setupPerCommand);
    }

    /** Bytes this thread allocates for one invocation's set-up (the third try, past class loading). */
    private static long setupBytes(final String file, final ExchangeCoreReplay.Impl impl) throws IOException {
        final Workload w = WorkloadFile.read(Path.of(file));
        final OrderCommand[] setup = ExchangeCoreReplay.commands(w, 0, w.header().setupCount());
        final ObjectsPool pool = ExchangeCoreReplay.productionPool();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        // lives for the trial in the benchmark, as the pool does: only reset() is per invocation
        final ExchangeCoreReplay.Runner runner = new ExchangeCoreReplay.Runner(impl, pool, w.header().accounts());
        long bytes = 0;
        for (int i = 0; i < 3; i++) {
            final long before = threads.getThreadAllocatedBytes(thread);
            runner.reset();
            for (final OrderCommand command : setup) {
                command.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
                runner.process(command);
                command.matcherEvent = null;
            }
            bytes = threads.getThreadAllocatedBytes(thread) - before;
        }
        return bytes;
    }

    /** The flags exchange-core needs on Java 17, as filtered into this jar from the module's pom. */
    static List<String> jvmFlags() throws IOException {
        try (InputStream in = PeerExchangeCoreMain.class.getResourceAsStream("/exchange-core-jvm.flags")) {
            if (in == null) {
                return List.of();
            }
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
        }
    }
}
