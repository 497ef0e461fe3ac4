package io.tidemark.benchmarks.engine;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.core.EngineInspector;
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
 * Average cost of single engine operations on a deep book (the realistic mix's setup: 1,000 accounts,
 * 6,000 resting orders over 1,000+ levels a side). Each benchmark leaves the book as it found it, so
 * every iteration measures the same state: place-then-cancel, take-one-order (a maker at the touch
 * and a taker that fills it) and amend (re-price a resting order one tick and back).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class EngineOperationBenchmark {
    private static final long MAKER = 7;
    private static final long TAKER = 8;
    private MatchingEngine engine;
    private EngineInspector inspector;
    private ChecksumListener listener;
    private final Command command = new Command();
    private long insideSpread;
    private long restingBid;
    private long restingBidPrice;
    private long time;

    @Setup(Level.Trial)
    public void book() {
        final RealisticMix.Workload workload = RealisticMix.generate(42, 0, 1_000, 6_000);
        listener = new ChecksumListener();
        engine = workload.freshEngine(listener);
        inspector = new EngineInspector(engine);
        final long bid = inspector.bestPrice(RealisticMix.MARKET, Side.BUY);
        final long ask = inspector.bestPrice(RealisticMix.MARKET, Side.SELL);
        if (ask - bid < 2) {
            throw new IllegalStateException("the set-up book leaves no price inside the spread");
        }
        insideSpread = (bid + ask) / 2;
        // a bid of our own 50 ticks behind the touch, to amend back and forth
        restingBidPrice = inspector.bestPrice(RealisticMix.MARKET, Side.BUY) - 50;
        restingBid = inspector.nextOrderId();
        run(command.placeOrder(MAKER, RealisticMix.MARKET, Side.BUY, OrderType.LIMIT, restingBidPrice, 100));
    }

    private void run(final Command c) {
        c.timestamp = ++time;
        engine.process(c);
        if (c.result != ResultCode.ACCEPTED) {
            throw new IllegalStateException("rejected: " + c);
        }
    }

    /** A passive order one tick behind the best bid, then its cancel. */
    @Benchmark
    @OperationsPerInvocation(2)
    public long placeThenCancel() {
        final long id = inspector.nextOrderId();
        run(command.placeOrder(MAKER, RealisticMix.MARKET, Side.BUY, OrderType.LIMIT, restingBidPrice + 1, 100));
        run(command.cancelOrder(MAKER, id));
        return listener.checksum;
    }

    /**
     * A maker inside the spread and a taker that fills exactly it, once each way, so balances only move
     * by fees and the book is unchanged: four commands, two trades.
     */
    @Benchmark
    @OperationsPerInvocation(4)
    public long takeOneOrder() {
        run(command.placeOrder(MAKER, RealisticMix.MARKET, Side.SELL, OrderType.LIMIT, insideSpread, 100));
        run(command.placeOrder(TAKER, RealisticMix.MARKET, Side.BUY, OrderType.LIMIT, insideSpread, 100));
        run(command.placeOrder(TAKER, RealisticMix.MARKET, Side.SELL, OrderType.LIMIT, insideSpread, 100));
        run(command.placeOrder(MAKER, RealisticMix.MARKET, Side.BUY, OrderType.LIMIT, insideSpread, 100));
        return listener.checksum;
    }

    /** Re-prices a resting order one tick away and back: each amend re-queues it. */
    @Benchmark
    @OperationsPerInvocation(2)
    public long amendPrice() {
        run(command.amendOrder(MAKER, restingBid, restingBidPrice - 1, 0));
        run(command.amendOrder(MAKER, restingBid, restingBidPrice, 0));
        return listener.checksum;
    }
}
