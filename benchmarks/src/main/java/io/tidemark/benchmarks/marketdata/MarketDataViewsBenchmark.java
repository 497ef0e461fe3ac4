package io.tidemark.benchmarks.marketdata;

import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventDecoder;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.marketdata.BookDelta;
import io.tidemark.marketdata.Candle;
import io.tidemark.marketdata.MarketData;
import io.tidemark.marketdata.MarketDataListener;
import io.tidemark.marketdata.Ticker;
import io.tidemark.marketdata.Trade;
import io.tidemark.marketdata.analytics.AnalyticsConfig;
import io.tidemark.marketdata.analytics.MarketAnalytics;
import io.tidemark.node.pipeline.FanOut;
import io.tidemark.node.pipeline.ReadModel;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
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

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The market-data view handler with and without the market analytics, per engine event. The engine's
 * encoded events for the realistic mix ({@link RealisticMix}, seed 42) are recorded once, command by
 * command, exactly as the engine stage writes them into ring slots; each invocation then delivers the
 * measured commands' events through the view stage's {@link FanOut} into fresh read models that already
 * hold the set-up book: {@code marketData} into the market data alone (as the gateway registers it,
 * with a listener, so deltas, ticker and candles are built; a fan-out of one model calls it directly),
 * {@code marketDataAndEmptyModel} into the market data and a model that does nothing (the fan-out's loop
 * over its models, which the real view stage always runs: it holds the account views, market data,
 * private streams and history too), {@code marketDataAndAnalytics} into the market data and the
 * analytics after it. Command time advances 1 ms per command (1,000 commands a
 * second), so the analytics roll minutes, sample the book for the heatmap and close hourly periods.
 * Reported as ns per event (a trade, level change, order or balance event; command ends not counted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
public class MarketDataViewsBenchmark {
    static final int COMMANDS = 200_000;
    /** Events of the measured commands (set by {@link #record()}, checked against the annotation there). */
    static final int EVENTS = 1_105_650;
    private static final long START = 1_795_219_200_000_000_000L;
    private static final long COMMAND_SPACING_NANOS = 1_000_000L;

    private ExchangeConfig config;
    private Tape setup;
    private Tape measured;
    private final MarketDataListener sink = new CountingListener();
    private FanOut withoutAnalytics;
    private FanOut withEmptyModel;
    private FanOut withAnalytics;
    private MarketAnalytics analytics;

    /** A command's events as the engine stage encodes them, back to back, with each command beside them. */
    static final class Tape {
        final Command[] commands;
        final int[] offsets;
        final UnsafeBuffer events;
        final int eventCount;

        Tape(final Command[] commands, final int[] offsets, final byte[] bytes, final int eventCount) {
            this.commands = commands;
            this.offsets = offsets;
            this.events = new UnsafeBuffer(bytes);
            this.eventCount = eventCount;
        }

        void deliver(final FanOut fanOut) {
            final UnsafeBuffer view = new UnsafeBuffer(0, 0);
            for (int i = 0; i < commands.length; i++) {
                view.wrap(events, offsets[i], offsets[i + 1] - offsets[i]);
                fanOut.deliver(view, view.capacity(), commands[i]);
            }
        }
    }

    /** Counts what the market data tells its listener, so building it is not dead code. */
    static final class CountingListener implements MarketDataListener {
        long seen;

        @Override
        public void onTrade(final Trade trade) {
            seen += trade.price();
        }

        @Override
        public void onBookDelta(final BookDelta delta) {
            seen++;
        }

        @Override
        public void onTicker(final Ticker ticker) {
            seen++;
        }

        @Override
        public void onCandle(final Candle candle) {
            seen++;
        }
    }

    /** A read model that ignores every event. */
    static final class EmptyModel extends IgnoringListener implements ReadModel {
        @Override
        public String name() {
            return "empty";
        }

        @Override
        public void writeSnapshot(final SnapshotOutput out) {
        }

        @Override
        public void readSnapshot(final SnapshotInput in) {
        }
    }

    /** Counts decoded events (not command ends). */
    static final class EventCounter extends IgnoringListener {
        int events;

        @Override
        public void onOrderAccepted(final long ts, final io.tidemark.engine.api.OrderView order) {
            events++;
        }

        @Override
        public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) {
            events++;
        }

        @Override
        public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId,
                                   final long price, final long size, final long filled, final boolean priorityKept) {
            events++;
        }

        @Override
        public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                            final io.tidemark.engine.api.Side takerSide, final long takerOrderId, final long takerAccountId,
                            final long takerFee, final long makerOrderId, final long makerAccountId, final long makerFee) {
            events++;
        }

        @Override
        public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                                  final io.tidemark.engine.api.OrderStatus status,
                                  final io.tidemark.engine.api.CancelReason reason, final long filled) {
            events++;
        }

        @Override
        public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId,
                                    final io.tidemark.engine.api.ResultCode reason) {
            events++;
        }

        @Override
        public void onBalanceChanged(final long ts, final long accountId, final int assetId,
                                     final io.tidemark.engine.api.Wallet wallet, final long available, final long hold) {
            events++;
        }

        @Override
        public void onLevelChanged(final long ts, final int marketId, final io.tidemark.engine.api.Side side,
                                   final long price, final long totalSize, final int orderCount) {
            events++;
        }

        @Override
        public void onMarketStatusChanged(final long ts, final int marketId,
                                          final io.tidemark.engine.api.MarketStatus status) {
            events++;
        }
    }

    @Setup(Level.Trial)
    public void record() {
        final RealisticMix.Workload workload = RealisticMix.generate(42, COMMANDS, 1_000, 6_000);
        config = workload.config();
        final EventEncoder encoder = new EventEncoder();
        final MatchingEngine engine = new MatchingEngine(config, encoder, 2_048, 16_384);
        long time = START;
        setup = record(engine, encoder, workload.setup(), time);
        time += workload.setup().length * COMMAND_SPACING_NANOS;
        measured = record(engine, encoder, workload.commands(), time);
        System.out.println("\n" + workload.description() + "; measured: " + measured.commands.length + " commands, "
            + measured.eventCount + " events");
        if (measured.eventCount != EVENTS) {
            throw new IllegalStateException("the workload has " + measured.eventCount + " events; set EVENTS to it");
        }
    }

    private static Tape record(final MatchingEngine engine, final EventEncoder encoder, final Command[] source,
                               final long startTime) {
        final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(1 << 16);
        final Command[] commands = new Command[source.length];
        final int[] offsets = new int[source.length + 1];
        byte[] bytes = new byte[1 << 20];
        int length = 0;
        final EventCounter counter = new EventCounter();
        final EventDecoder decoder = new EventDecoder();
        for (int i = 0; i < source.length; i++) {
            final Command c = new Command();
            c.copyFrom(source[i]);
            c.sequence = source[i].sequence;
            c.timestamp = startTime + i * COMMAND_SPACING_NANOS;
            encoder.wrap(scratch);
            engine.process(c);
            if (c.result.isRejection()) {
                throw new IllegalStateException("the re-timed workload must not contain rejections: " + c);
            }
            final int n = encoder.length();
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
            scratch.getBytes(0, bytes, length, n);
            decoder.decode(scratch, n, c, counter);
            commands[i] = c;
            offsets[i] = length;
            length += n;
            offsets[i + 1] = length;
        }
        return new Tape(commands, offsets, Arrays.copyOf(bytes, length), counter.events);
    }

    @Setup(Level.Invocation)
    public void freshModels() {
        final MarketData alone = new MarketData(config).listener(sink);
        withoutAnalytics = new FanOut(List.<ReadModel>of(alone));
        setup.deliver(withoutAnalytics);
        withEmptyModel = new FanOut(List.<ReadModel>of(new MarketData(config).listener(sink), new EmptyModel()));
        setup.deliver(withEmptyModel);
        final MarketData first = new MarketData(config).listener(sink);
        analytics = new MarketAnalytics(config, AnalyticsConfig.defaults(config), first);
        withAnalytics = new FanOut(List.<ReadModel>of(first, analytics));
        setup.deliver(withAnalytics);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public FanOut marketData() {
        measured.deliver(withoutAnalytics);
        return withoutAnalytics;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public FanOut marketDataAndEmptyModel() {
        measured.deliver(withEmptyModel);
        return withEmptyModel;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long marketDataAndAnalytics() {
        measured.deliver(withAnalytics);
        return analytics.now();
    }
}
