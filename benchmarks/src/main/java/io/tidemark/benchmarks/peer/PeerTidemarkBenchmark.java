package io.tidemark.benchmarks.peer;

import io.tidemark.benchmarks.engine.ChecksumListener;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.core.MatchingEngine;
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
 * Tidemark's half of the peer comparison: replays a peer workload file ({@code -p workload=FILE}, made by
 * {@link PeerWorkloadTool}) through the production engine — matching, holds, settlement and fees, events
 * to the cheapest honest listener. Before anything is timed, the whole file is replayed once and must
 * produce exactly the trades its header records ({@link TidemarkReplay#verify}), which is also what
 * exchange-core must produce on its side. Each invocation starts from a fresh engine with the accounts
 * funded and the set-up book placed (not timed) and replays the {@value #COMMANDS} measured commands.
 *
 * <p>{@code input=slot} (the default) feeds the engine as the ring does in production: each record is
 * translated from the file's compact arrays into one reused, pre-allocated {@link Command} and processed,
 * translation included in the time. {@code input=array} replays a million pre-built command objects
 * instead, which streams ~200 MB of commands through the caches per invocation — a cost production
 * does not have, shown for comparison. exchange-core's side has the same two modes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
public class PeerTidemarkBenchmark {
    /** Measured commands per invocation; a workload file must hold exactly this many after its set-up. */
    public static final int COMMANDS = 1_000_000;

    @Param("")
    public String workload;

    /** {@code slot}: one reused command filled per record; {@code array}: pre-built command objects. */
    @Param("slot")
    public String input;

    private int accounts;
    private Workload stream;
    private boolean slotInput;
    private final Command slot = new Command();
    private Command[] setup;
    private Command[] measured;
    private ChecksumListener listener;
    private MatchingEngine engine;

    @Setup(Level.Trial)
    public void load() throws IOException {
        final Workload w = WorkloadFile.read(Path.of(workload));
        if (w.header().commandCount() != COMMANDS) {
            throw new IllegalArgumentException(workload + " holds " + w.header().commandCount()
                + " measured commands; this benchmark replays exactly " + COMMANDS);
        }
        final TradeDigest.Result digest = TidemarkReplay.verify(w);
        System.out.println("\n" + w.header().description());
        System.out.println("digest check passed, tidemark: " + digest);
        accounts = w.header().accounts();
        stream = w;
        slotInput = switch (input) {
            case "slot" -> true;
            case "array" -> false;
            default -> throw new IllegalArgumentException("input is slot or array, not " + input);
        };
        setup = TidemarkReplay.commands(w, 0, w.header().setupCount());
        measured = slotInput ? null : TidemarkReplay.commands(w, w.header().setupCount(), w.size());
    }

    @Setup(Level.Invocation)
    public void freshEngine() {
        listener = new ChecksumListener();
        engine = TidemarkReplay.freshEngine(accounts, listener);
        for (final Command command : setup) {
            engine.process(command);
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long replay() {
        final MatchingEngine e = engine;
        if (slotInput) {
            final Workload w = stream;
            final Command c = slot;
            for (int i = w.header().setupCount(); i < w.size(); i++) {
                e.process(TidemarkReplay.command(w.type(i), w.side(i), w.orderType(i), w.timeInForce(i), w.account(i),
                    w.orderId(i), w.price(i), w.size(i), w.newSize(i), i, c));
            }
        } else {
            for (final Command command : measured) {
                e.process(command);
            }
        }
        return listener.checksum;
    }
}
