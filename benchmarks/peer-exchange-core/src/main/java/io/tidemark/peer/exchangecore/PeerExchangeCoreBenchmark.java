package io.tidemark.peer.exchangecore;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import io.tidemark.peer.workload.TradeDigest;
import io.tidemark.peer.workload.Workload;
import io.tidemark.peer.workload.WorkloadFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * exchange-core's half of the peer comparison: replays a peer workload file ({@code -p workload=FILE})
 * through one of exchange-core 0.5.3's order books ({@code -p impl=direct|naive}) or its risk engine around
 * the Direct book ({@code -p impl=risk}, see {@link RiskPipeline}), single-threaded, and
 * consumes every matcher event the way the next pipeline stage would (folded into a checksum, then the
 * chain let go). Before anything is timed, the whole file is replayed once and must produce exactly the
 * trades its header records — the ones Tidemark produced. Each invocation starts from a fresh book with
 * the set-up orders placed (not timed) and replays the {@value #COMMANDS} measured commands. The object
 * pool lives for the trial, as it lives for a matching shard's lifetime in exchange-core.
 *
 * <p>{@code input=slot} (the default) feeds the book as exchange-core's ring does: each record is
 * translated from the file's compact arrays into one reused {@link OrderCommand}, translation included
 * in the time; {@code input=array} replays a million pre-built command objects instead. Tidemark's side
 * has the same two modes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
public class PeerExchangeCoreBenchmark {
    /** Measured commands per invocation; the same constant as Tidemark's side. */
    public static final int COMMANDS = 1_000_000;

    @Param({"direct", "naive", "risk"})
    public String impl;

    @Param("")
    public String workload;

    /** {@code slot}: one reused command filled per record; {@code array}: pre-built command objects. */
    @Param("slot")
    public String input;

    private ExchangeCoreReplay.Impl implementation;
    private ObjectsPool pool;
    private Workload stream;
    private boolean slotInput;
    private final OrderCommand slot = new OrderCommand();
    private OrderCommand[] setup;
    private OrderCommand[] measured;
    private ExchangeCoreReplay.Runner runner;

    @Setup(Level.Trial)
    public void load() throws IOException {
        final Workload w = WorkloadFile.read(Path.of(workload));
        if (w.header().commandCount() != COMMANDS) {
            throw new IllegalArgumentException(workload + " holds " + w.header().commandCount()
                + " measured commands; this benchmark replays exactly " + COMMANDS);
        }
        implementation = ExchangeCoreReplay.Impl.of(impl);
        final TradeDigest.Result digest = ExchangeCoreReplay.verify(w, implementation);
        System.out.println("\n" + w.header().description());
        System.out.println("digest check passed, " + implementation.engineName() + ": " + digest);
        pool = ExchangeCoreReplay.productionPool();
        runner = new ExchangeCoreReplay.Runner(implementation, pool, w.header().accounts());
        stream = w;
        slotInput = switch (input) {
            case "slot" -> true;
            case "array" -> false;
            default -> throw new IllegalArgumentException("input is slot or array, not " + input);
        };
        setup = ExchangeCoreReplay.commands(w, 0, w.header().setupCount());
        measured = slotInput ? null : ExchangeCoreReplay.commands(w, w.header().setupCount(), w.size());
    }

    @Setup(Level.Invocation)
    public void freshBook() {
        runner.reset();
        for (final OrderCommand command : setup) {
            // the set-up commands are reused by every invocation: each starts as the file made it
            command.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
            runner.process(command);
            command.matcherEvent = null;
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long replay() {
        final ExchangeCoreReplay.Runner b = runner;
        long checksum = 0;
        if (slotInput) {
            final Workload w = stream;
            final OrderCommand c = slot;
            for (int i = w.header().setupCount(); i < w.size(); i++) {
                checksum += process(b, ExchangeCoreReplay.fill(w, i, c));
            }
        } else {
            for (final OrderCommand command : measured) {
                checksum += process(b, command);
            }
        }
        return checksum;
    }

    /** One command, then its matcher events consumed as the next pipeline stage would, and let go. */
    private static long process(final ExchangeCoreReplay.Runner runner, final OrderCommand command) {
        long checksum = runner.process(command).ordinal();
        for (MatcherTradeEvent e = command.matcherEvent; e != null; e = e.nextEvent) {
            checksum += e.matchedOrderId ^ e.price ^ e.size;
        }
        command.matcherEvent = null;
        return checksum;
    }
}
