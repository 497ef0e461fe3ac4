package io.tidemark.node.pipeline;

import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventProcessorFactory;
import com.lmax.disruptor.dsl.ProducerType;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.core.MatchingEngine;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sequenced pipeline around the engine: a multi-producer Disruptor ring of pre-allocated
 * {@link CommandSlot}s and four stages —
 * journal (sequence, timestamp, append) → engine (apply, encode events) → views (read models,
 * queries) → reply (hand back to the submitter). A command is acknowledged only after it was
 * journaled, and a reply is only given after the read models reflect it, so a client always reads
 * its own writes. The {@link Topology} maps the stages to threads: {@link Topology#FUSED} runs all four
 * on one core thread, batch by batch; {@link Topology#STAGED} gives each its own thread. Each stage has
 * one owning thread either way.
 *
 * <p>Producers (any threads) call {@link #submit}; it never blocks: a full ring answers
 * {@link Submit#BUSY} at once, and nothing published is ever dropped. {@link #close()} stops
 * accepting, lets everything already published run through all four stages, then stops.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The outcome of offering a slot to the ring. */
    public enum Submit {
        /** In the ring: the handler will be called. */
        PUBLISHED,
        /** The ring is full (back-pressure): nothing was submitted, answer engine_busy. */
        BUSY,
        /** The pipeline is stopping or stopped accepting after a failure: nothing was submitted. */
        STOPPED
    }

    /** The fused core thread's default batch bound, in slots; see {@link Context#fusedBatch}. */
    public static final int DEFAULT_FUSED_BATCH = 256;

    private static final EventTranslatorTwoArg<CommandSlot, Command, ReplyHandler> COMMAND =
        (slot, sequence, command, handler) -> {
            slot.reset(SlotKind.COMMAND, handler, null);
            slot.command.copyFrom(command);
        };

    private static final EventTranslatorOneArg<CommandSlot, ReplyHandler> QUERY = (slot, sequence, handler) -> {
        slot.reset(SlotKind.QUERY, handler, null);
        slot.command.clear();
    };

    private static final EventTranslatorOneArg<CommandSlot, SnapshotTask> SNAPSHOT = (slot, sequence, task) -> {
        slot.reset(SlotKind.SNAPSHOT, null, task);
        slot.command.clear();
    };

    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ring;
    private final Stages.ReplyStage replyStage = new Stages.ReplyStage(this);
    private final Topology topology;
    private final AtomicInteger producersInside = new AtomicInteger();
    /** Counts down as each stage thread starts running; see {@link #start()}. */
    private final CountDownLatch stagesRunning;
    /** Told at the end of each batch of replies, on the reply thread; see {@link #addReplyBatchListener}. */
    private volatile Runnable[] replyBatchListeners = new Runnable[0];
    private volatile boolean accepting;
    private volatile String stopReason;

    /** Everything a pipeline needs; {@link #conclude()} fills defaults and validates once. */
    public static final class Context {
        private MatchingEngine engine;
        private EngineEvents events;
        private final List<ReadModel> readModels = new ArrayList<>();
        private Journal journal;
        private EpochNanoClock clock;
        private int ringSize = 1 << 12;
        private WaitStrategies waitStrategy = WaitStrategies.SIGNALLING;
        private Topology topology = Topology.AUTO;
        private int fusedBatch = DEFAULT_FUSED_BATCH;
        private boolean sequencedUpstream;

        /**
         * The engine and the events it reports to: build (or restore) the engine with these as its listener,
         * so that the engine stage can direct each command's events into its slot and the read models.
         */
        public Context engine(final MatchingEngine value, final EngineEvents valueEvents) {
            if (value.listener() != valueEvents) {
                throw new IllegalArgumentException("the engine must report its events to the pipeline's EngineEvents");
            }
            engine = value;
            events = valueEvents;
            return this;
        }

        public Context readModel(final ReadModel value) {
            readModels.add(value);
            return this;
        }

        public Context journal(final Journal value) {
            journal = value;
            return this;
        }

        /** Where command timestamps come from (default: the system clock, epoch nanoseconds). */
        public Context clock(final EpochNanoClock value) {
            clock = value;
            return this;
        }

        /** Slots in the ring, a power of two; when all are in flight, submit answers BUSY. */
        public Context ringSize(final int value) {
            ringSize = value;
            return this;
        }

        public Context waitStrategy(final WaitStrategies value) {
            waitStrategy = value;
            return this;
        }

        /** Which threads run the stages (default {@link Topology#AUTO}: decided by the machine's cores). */
        public Context topology(final Topology value) {
            topology = value;
            return this;
        }

        /**
         * The most slots the fused core thread takes as one batch (journal all, flush, then each later stage
         * over all): bounds how long the first command of a batch waits for its reply, and keeps a batch's
         * slots in the core's caches between the stages.
         */
        public Context fusedBatch(final int value) {
            fusedBatch = value;
            return this;
        }

        /**
         * Commands arrive already sequenced and timestamped by an upstream log (a replica of a cluster's engine):
         * the journal stage keeps their stamps instead of taking the clock, and stops at a gap in the sequence.
         */
        public Context sequencedUpstream(final boolean value) {
            sequencedUpstream = value;
            return this;
        }

        Context conclude() {
            if (fusedBatch < 1) {
                throw new IllegalArgumentException("fused batch must be at least 1: " + fusedBatch);
            }
            Objects.requireNonNull(engine, "engine");
            topology = Objects.requireNonNull(topology, "topology").resolve();
            Objects.requireNonNull(journal, "journal");
            if (readModels.isEmpty()) {
                throw new IllegalArgumentException("at least one read model");
            }
            if (Integer.bitCount(ringSize) != 1) {
                throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
            }
            if (clock == null) {
                clock = new OffsetEpochNanoClock();
            }
            return this;
        }
    }

    public Pipeline(final Context context) {
        final Context ctx = context.conclude();
        topology = ctx.topology;
        final boolean fused = topology == Topology.FUSED;
        stagesRunning = new CountDownLatch(fused ? 1 : 4);
        final String[] names = fused ? new String[] {"tidemark-core"}
            : new String[] {"tidemark-journal", "tidemark-engine", "tidemark-views", "tidemark-reply"};
        final AtomicInteger threads = new AtomicInteger();
        final ThreadFactory factory = runnable -> {
            final int n = threads.getAndIncrement();
            final Thread thread = new Thread(runnable, n < names.length ? names[n] : "tidemark-stage-" + n);
            thread.setDaemon(true);
            return thread;
        };
        disruptor = new Disruptor<>(CommandSlot::new, ctx.ringSize, factory, ProducerType.MULTI, ctx.waitStrategy.create());
        final Stages.JournalStage journalStage = new Stages.JournalStage(ctx.journal, ctx.clock, ctx.sequencedUpstream, this);
        final FanOut views = new FanOut(List.copyOf(ctx.readModels));
        final Stages.EngineStage engineStage = new Stages.EngineStage(ctx.engine, ctx.events, fused ? views : null, this);
        final Stages.ViewStage viewStage = new Stages.ViewStage(List.copyOf(ctx.readModels), fused ? null : views, this);
        ring = disruptor.getRingBuffer();
        if (fused) {
            final Stages.FusedStage core = new Stages.FusedStage(ring, journalStage, engineStage, viewStage, replyStage, this);
            final int maxBatch = ctx.fusedBatch;
            disruptor.handleEventsWith((EventProcessorFactory<CommandSlot>) (buffer, barrier) ->
                new BatchEventProcessorBuilder().setMaxBatchSize(maxBatch).build(buffer, buffer.newBarrier(barrier), core));
        } else {
            disruptor.handleEventsWith(journalStage).then(engineStage).then(viewStage).then(replyStage);
        }
    }

    /** The topology the stages run in ({@link Topology#AUTO} already decided). */
    public Topology topology() {
        return topology;
    }

    /**
     * Adds a listener told on the reply thread after the last reply of each batch, so that replies
     * collected during a batch can be handed on once per batch (e.g. one task per network event loop).
     * Add it before submitting anything whose reply depends on it.
     */
    public synchronized void addReplyBatchListener(final Runnable listener) {
        final Runnable[] current = replyBatchListeners;
        final Runnable[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = Objects.requireNonNull(listener, "listener");
        replyBatchListeners = next;
    }

    void endOfReplyBatch() {
        for (final Runnable listener : replyBatchListeners) {
            try {
                listener.run();
            } catch (final RuntimeException e) {
                LOG.error("reply batch listener failed", e);
            }
        }
    }

    /**
     * Starts the stage threads (one, fused) and returns once all of them run. Waiting matters: the Disruptor
     * starts its threads asynchronously, and a consumer that is not running yet does not count as a
     * backlog when draining, so a close right after start could otherwise skip accepted commands.
     */
    public Pipeline start() {
        disruptor.start();
        try {
            if (!stagesRunning.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pipeline stages did not start");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the pipeline", e);
        }
        accepting = true;
        return this;
    }

    void stageStarted() {
        stagesRunning.countDown();
    }

    /** Offers a command; the handler hears back once it was journaled, applied and reflected in the read models. */
    public Submit submit(final Command command, final ReplyHandler handler) {
        producersInside.incrementAndGet();
        try {
            if (!accepting) {
                return Submit.STOPPED;
            }
            return ring.tryPublishEvent(COMMAND, command, handler) ? Submit.PUBLISHED : Submit.BUSY;
        } finally {
            producersInside.decrementAndGet();
        }
    }

    /** Offers a read: the handler's {@code onViews} runs after every command submitted before it. */
    public Submit submitQuery(final ReplyHandler handler) {
        producersInside.incrementAndGet();
        try {
            if (!accepting) {
                return Submit.STOPPED;
            }
            return ring.tryPublishEvent(QUERY, handler) ? Submit.PUBLISHED : Submit.BUSY;
        } finally {
            producersInside.decrementAndGet();
        }
    }

    /**
     * Takes a snapshot of the engine and read models at the current point of the stream. Unlike a
     * command, a snapshot waits for a slot: under sustained load the ring is always full and producers
     * retrying {@code tryPublish} would take every freed slot first. A blocking publish claims its
     * sequence at once and then waits for capacity, so the snapshot gets the next slot that frees.
     * Call it from a thread that may wait (never a network event loop).
     */
    public Submit requestSnapshot(final SnapshotTask task) {
        producersInside.incrementAndGet();
        try {
            if (!accepting) {
                return Submit.STOPPED;
            }
            ring.publishEvent(SNAPSHOT, task);
            return Submit.PUBLISHED;
        } finally {
            producersInside.decrementAndGet();
        }
    }

    /** Slots currently in flight, for metrics. */
    public long inFlight() {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    public int ringSize() {
        return ring.getBufferSize();
    }

    public boolean isAccepting() {
        return accepting;
    }

    /** Why the pipeline stopped accepting after a failure, or null. */
    public String stopReason() {
        return stopReason;
    }

    void stopAccepting(final String reason, final Throwable cause) {
        stopReason = reason;
        accepting = false;
        LOG.error("pipeline stops accepting commands: {}", reason, cause);
    }

    /**
     * Stops accepting, waits until every published slot has passed all four stages (so every
     * accepted command is journaled, applied and answered), then stops the stage threads. With
     * {@code finalSnapshot} a snapshot is taken as the very last slot, unless the pipeline had stopped
     * after a failure (its state is then not to be snapshotted).
     *
     * @return whether the final snapshot was taken
     */
    public boolean close(final SnapshotTask finalSnapshot, final long timeout, final TimeUnit unit) {
        final boolean wasHealthy = accepting;
        accepting = false;
        while (producersInside.get() > 0) {
            Thread.onSpinWait();
        }
        final boolean snapshot = finalSnapshot != null && wasHealthy && disruptor.hasStarted();
        if (snapshot) {
            // no producer is inside any more, so this is the last slot
            ring.publishEvent(SNAPSHOT, finalSnapshot);
        }
        try {
            disruptor.shutdown(timeout, unit);
        } catch (final com.lmax.disruptor.TimeoutException e) {
            LOG.warn("pipeline did not drain within {} {}; halting", timeout, unit);
            disruptor.halt();
        }
        return snapshot;
    }

    @Override
    public void close() {
        close(null, 30, TimeUnit.SECONDS);
    }
}
