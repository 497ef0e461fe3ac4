package io.tidemark.node;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.node.journal.ChronicleJournal;
import io.tidemark.node.journal.Durability;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReadModel;
import io.tidemark.node.pipeline.SnapshotTask;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.pipeline.WaitStrategies;
import io.tidemark.node.snapshot.SnapshotPacer;
import io.tidemark.node.snapshot.SnapshotStore;
import io.tidemark.node.view.AccountViews;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One running exchange core on a data directory: the engine, the read models, the journal and the
 * snapshots, recovered and wired into the {@link Pipeline}.
 *
 * <p>Start = recovery: take the newest snapshot that is whole and restores cleanly (skipping, with a
 * warning, any that does not), replay the journal after it through the engine and into every read
 * model, event by event as the view stage feeds them (a damaged tail is reported and sealed off), then
 * open the journal for appending and start the pipeline. So everything acknowledged before a crash,
 * and everything the read models showed, is there again. Snapshots are taken on a schedule and on
 * demand, and written off the pipeline threads.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final int SNAPSHOTS_KEPT = 3;
    private static final long REPLICA_FOLLOW_MILLIS = 1_000;

    private final Context context;
    private final MatchingEngine engine;
    private final List<ReadModel> readModels;
    private final Pipeline pipeline;
    private final ChronicleJournal journal;
    private final JournalDirectory journalDirectory;
    private final SnapshotStore snapshots;
    private final Recovery recovery;
    private final ScheduledExecutorService snapshotThread;
    private volatile long lastSnapshotSequence;
    private volatile boolean closed;
    /** The snapshot thread's copy of the state, following the journal; only that thread touches it. */
    private Replica replica;
    /** Paces the replica's work on the snapshot thread, so it never holds a core the pipeline needs for long. */
    private final SnapshotPacer pacer = new SnapshotPacer();

    /** What recovery found and did. */
    public record Recovery(Path snapshot, long snapshotSequence, List<String> skippedSnapshots, long replayedCommands,
                           long lastSequence, long elapsedNanos, String damage, long engineStateHash) {
        @Override
        public String toString() {
            return String.format("recovered to sequence %d from %s, replaying %d journaled commands, in %.1f ms%s%s",
                lastSequence, snapshot == null ? "the start" : "the snapshot at " + snapshotSequence,
                replayedCommands, elapsedNanos / 1e6,
                skippedSnapshots.isEmpty() ? "" : "; skipped snapshots " + skippedSnapshots,
                damage == null ? "" : "; " + damage);
        }
    }

    /** Everything a node needs; {@link #conclude()} fills defaults and validates once. */
    public static final class Context {
        private Path dataDir;
        private ExchangeConfig config;
        private Durability durability = Durability.MAPPED;
        private int ringSize = 1 << 12;
        private WaitStrategies waitStrategy = WaitStrategies.SIGNALLING;
        private Topology topology = Topology.AUTO;
        private int fusedBatch = Pipeline.DEFAULT_FUSED_BATCH;
        private EpochNanoClock clock;
        private Duration snapshotInterval = Duration.ofMinutes(1);
        private boolean sequencedUpstream;
        private final List<ReadModelSet.Factory> readModels = new ArrayList<>();

        public Context dataDir(final Path value) {
            dataDir = value;
            return this;
        }

        public Context config(final ExchangeConfig value) {
            config = value;
            return this;
        }

        public Context durability(final Durability value) {
            durability = value;
            return this;
        }

        public Context ringSize(final int value) {
            ringSize = value;
            return this;
        }

        public Context waitStrategy(final WaitStrategies value) {
            waitStrategy = value;
            return this;
        }

        /** Which threads run the pipeline's stages (default {@link Topology#AUTO}, the config's {@code node.topology}). */
        public Context topology(final Topology value) {
            topology = value;
            return this;
        }

        /** The most slots the fused core thread takes as one batch (see {@link Pipeline.Context#fusedBatch}). */
        public Context fusedBatch(final int value) {
            fusedBatch = value;
            return this;
        }

        public Context clock(final EpochNanoClock value) {
            clock = value;
            return this;
        }

        /** Commands arrive sequenced by an upstream log (see {@link Pipeline.Context#sequencedUpstream}). */
        public Context sequencedUpstream(final boolean value) {
            sequencedUpstream = value;
            return this;
        }

        /** How often a snapshot is taken while commands arrive; zero for on demand only. */
        public Context snapshotInterval(final Duration value) {
            snapshotInterval = value;
            return this;
        }

        /**
         * A further read model (market data, private streams), fed and snapshotted after the account
         * views. The factory is called once for the node's live set (it may read the set's account views
         * and the models made before it, on the view thread: every event reaches them first, live and in
         * recovery replay alike) and once for the snapshot replica's quiet copy, whose models must tell no
         * one outside them ({@link ReadModelSet#live}). Recovery may also make fresh sets if a snapshot
         * fails to restore.
         */
        public Context readModel(final ReadModelSet.Factory factory) {
            readModels.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        Context conclude() {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(topology, "topology");
            return this;
        }
    }

    private Node(final Context context, final MatchingEngine engine, final List<ReadModel> readModels,
                 final Pipeline pipeline, final ChronicleJournal journal, final JournalDirectory journalDirectory,
                 final SnapshotStore snapshots, final Recovery recovery) {
        this.context = context;
        this.engine = engine;
        this.readModels = readModels;
        this.pipeline = pipeline;
        this.journal = journal;
        this.journalDirectory = journalDirectory;
        this.snapshots = snapshots;
        this.recovery = recovery;
        this.lastSnapshotSequence = recovery.snapshot() == null ? -1 : recovery.snapshotSequence();
        this.snapshotThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "tidemark-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        final long interval = context.snapshotInterval.toMillis();
        if (interval > 0) {
            // snapshots are due regularly: keep the replica close, so that each catch-up is short and its CPU spread
            snapshotThread.scheduleWithFixedDelay(this::followJournal, REPLICA_FOLLOW_MILLIS, REPLICA_FOLLOW_MILLIS,
                TimeUnit.MILLISECONDS);
            snapshotThread.scheduleWithFixedDelay(this::scheduledSnapshot, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Recovers the data directory and starts the pipeline. */
    public static Node start(final Context context) throws IOException {
        final Context ctx = context.conclude();
        final long started = System.nanoTime();
        final ExchangeConfig config = ctx.config;
        final SnapshotStore snapshots = new SnapshotStore(ctx.dataDir.resolve("snapshots"), SNAPSHOTS_KEPT);
        final JournalDirectory directory = new JournalDirectory(ctx.dataDir.resolve("journal"));

        // the newest snapshot that restores cleanly, then the journal after it, as the replica does
        final Replica state = Replica.restore(snapshots, directory, config, ctx.readModels, true);
        final JournalReader.Result replay = state.advance(Long.MAX_VALUE);
        int generation = directory.current();
        boolean hasRecords = replay.lastGeneration() == generation && replay.lastGenerationHasRecords();
        if (replay.damaged()) {
            LOG.warn("{}", replay.damage());
            generation = directory.sealAndStartNext(replay.lastGeneration(), replay.lastSequence());
            hasRecords = false;
        }
        final ChronicleJournal journal = new ChronicleJournal(directory, generation, ctx.durability, config.fingerprint(),
            replay.lastSequence(), replay.lastTimestamp(), replay.lastIndex(), hasRecords);
        final SnapshotStore.Snapshot used = state.restoredFrom();
        final MatchingEngine engine = state.engine();
        final Recovery recovery = new Recovery(used == null ? null : used.file(), used == null ? 0 : used.sequence(),
            state.skipped(), replay.commands(), replay.lastSequence(), System.nanoTime() - started,
            replay.damage(), engine.stateHash());
        LOG.info("{}", recovery);

        final Pipeline.Context pipelineContext = new Pipeline.Context().engine(engine, state.events()).journal(journal)
            .ringSize(ctx.ringSize).waitStrategy(ctx.waitStrategy).topology(ctx.topology)
            .fusedBatch(ctx.fusedBatch).sequencedUpstream(ctx.sequencedUpstream);
        state.models().forEach(pipelineContext::readModel);
        if (ctx.clock != null) {
            pipelineContext.clock(ctx.clock);
        }
        final Pipeline pipeline = new Pipeline(pipelineContext).start();
        LOG.info("pipeline topology {} ({} configured, {} cores; ring {} slots, {} wait)",
            pipeline.topology().wireName(), ctx.topology.wireName(), Runtime.getRuntime().availableProcessors(),
            pipeline.ringSize(), ctx.waitStrategy.name().toLowerCase(Locale.ROOT));
        return new Node(ctx, engine, List.copyOf(state.models()), pipeline, journal, directory, snapshots, recovery);
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The account read models: read them only from a reply handler's {@code onViews}. */
    public AccountViews accounts() {
        return readModel(AccountViews.class);
    }

    /** The read model of this type: read it only from a reply handler's {@code onViews}. */
    public <T extends ReadModel> T readModel(final Class<T> type) {
        for (final ReadModel model : readModels) {
            if (type.isInstance(model)) {
                return type.cast(model);
            }
        }
        throw new IllegalArgumentException("no read model of type " + type.getSimpleName());
    }

    /** The configuration of the file; assets and markets listed since are in the engine's and the views'. */
    public ExchangeConfig config() {
        return context.config;
    }

    public Recovery recovery() {
        return recovery;
    }

    public Path dataDir() {
        return context.dataDir;
    }

    /** The engine, for tools and tests once the node is closed; while it runs it belongs to the engine thread. */
    public MatchingEngine engineAfterClose() {
        if (!closed) {
            throw new IllegalStateException("the engine belongs to the pipeline's engine thread while the node runs");
        }
        return engine;
    }

    /**
     * Takes a snapshot of everything journaled by now, from the replica on the snapshot thread: the core
     * thread is not held, whatever the size of the state. Completes with its file once written, or with
     * null when nothing was journaled since the last. It includes at least every command answered before
     * the call (a command is journaled before it is answered).
     */
    public CompletableFuture<Path> snapshot() {
        final CompletableFuture<Path> written = new CompletableFuture<>();
        try {
            snapshotThread.execute(() -> snapshotFromReplica(written));
        } catch (final RejectedExecutionException e) {
            written.completeExceptionally(new IllegalStateException("snapshot not taken: the node is closed", e));
        }
        return written;
    }

    private void scheduledSnapshot() {
        if (!closed && pipeline.isAccepting()) {
            snapshotFromReplica(new CompletableFuture<>());
        }
    }

    /** Keeps the replica a moment behind the journal, so a snapshot's catch-up is short and the CPU is spread. */
    private void followJournal() {
        if (closed) {
            return;
        }
        try {
            replica().advance(journaledSoFar());
        } catch (final IOException | RuntimeException e) {
            dropReplica("follow", e);
        }
    }

    private void snapshotFromReplica(final CompletableFuture<Path> written) {
        final long started = System.nanoTime();
        try {
            final Replica state = replica();
            final JournalReader.Result caughtUp = state.advance(journaledSoFar());
            if (caughtUp.damaged()) {
                throw new IllegalStateException(caughtUp.damage());
            }
            if (state.sequence() == lastSnapshotSequence) {
                written.complete(null);
                return;
            }
            final Path file = snapshots.write(state.sequence(), state.timestamp(), state.generation(), state.index(),
                context.config.fingerprint(), state.sections(), pacer);
            lastSnapshotSequence = state.sequence();
            LOG.info("snapshot at sequence {} written to {} from the replica in {} ms", state.sequence(),
                file.getFileName(), (System.nanoTime() - started) / 1_000_000);
            written.complete(file);
        } catch (final IOException | RuntimeException e) {
            LOG.error("snapshot could not be taken", e);
            dropReplica("snapshot", e);
            written.completeExceptionally(e);
        }
    }

    /**
     * Where the replica stops: the journal's end when asked, not wherever it has got to by the time the replica
     * arrives. A paced replica chasing a journal that grows as fast as it replays would never arrive. Read from the
     * snapshot thread without a fence: a stale value only makes the target a little earlier.
     */
    private long journaledSoFar() {
        return journal.lastSequence();
    }

    /** The snapshot thread's replica, restored as recovery would be the first time it is needed. */
    private Replica replica() throws IOException {
        if (replica == null) {
            replica = Replica.restore(snapshots, journalDirectory, context.config, context.readModels, false);
            replica.pace(pacer);
        }
        return replica;
    }

    private void dropReplica(final String during, final Exception e) {
        // a replica that failed mid-command is in no known state: the next use restores a fresh one
        if (replica != null) {
            LOG.warn("snapshot replica dropped after a failed {}: {}", during, e.toString());
        }
        replica = null;
    }

    private void persist(final SnapshotTask task, final CompletableFuture<Path> written) {
        if (task.sequence() == lastSnapshotSequence) {
            written.complete(null);
            return;
        }
        try {
            final Map<String, SnapshotOutput> sections = new LinkedHashMap<>();
            sections.put(SnapshotStore.ENGINE_SECTION, task.engine());
            sections.putAll(task.readModels());
            final Path file = snapshots.write(task.sequence(), task.timestamp(), journal.generation(),
                task.journalPosition(), context.config.fingerprint(), sections);
            lastSnapshotSequence = task.sequence();
            LOG.info("snapshot at sequence {} written to {}", task.sequence(), file.getFileName());
            written.complete(file);
        } catch (final IOException | RuntimeException e) {
            LOG.error("snapshot at sequence {} could not be written", task.sequence(), e);
            written.completeExceptionally(e);
        }
    }

    /**
     * Stops accepting, drains every accepted command through all stages, takes a final snapshot of the
     * live state (nothing is waiting any more), closes the journal.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        final CompletableFuture<Path> finalSnapshot = new CompletableFuture<>();
        final SnapshotTask task = new SnapshotTask(ready -> snapshotThread.execute(() -> persist(ready, finalSnapshot)));
        if (pipeline.close(task, 30, TimeUnit.SECONDS)) {
            try {
                finalSnapshot.get(60, TimeUnit.SECONDS);
            } catch (final Exception e) {
                LOG.warn("final snapshot not written: {}", e.toString());
            }
        } else {
            LOG.warn("no final snapshot: the pipeline had stopped ({})", pipeline.stopReason());
        }
        snapshotThread.shutdown();
        try {
            snapshotThread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replica = null;
        journal.close();
    }
}
