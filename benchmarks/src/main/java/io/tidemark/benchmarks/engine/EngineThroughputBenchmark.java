package io.tidemark.benchmarks.engine;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.core.MatchingEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Engine throughput on the realistic mix ({@link RealisticMix}): each invocation replays one million
 * commands into an engine freshly set up with 1,000 funded accounts and a book of 6,000 orders,
 * matching and settling balances and fees exactly as in production. Reported as commands per second;
 * run with {@code -prof gc} for bytes allocated per command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
public class EngineThroughputBenchmark {
    static final int COMMANDS = 1_000_000;

    private RealisticMix.Workload workload;
    private ChecksumListener listener;
    private MatchingEngine engine;

    @Setup(Level.Trial)
    public void generate() {
        workload = RealisticMix.generate(42, COMMANDS, 1_000, 6_000);
        System.out.println("\n" + workload.description());
    }

    @Setup(Level.Invocation)
    public void freshEngine() {
        listener = new ChecksumListener();
        engine = workload.freshEngine(listener);
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long realisticMix() {
        final Command[] commands = workload.commands();
        final MatchingEngine e = engine;
        for (final Command command : commands) {
            e.process(command);
        }
        return listener.checksum;
    }
}
