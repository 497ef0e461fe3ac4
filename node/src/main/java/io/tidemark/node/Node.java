package io.tidemark.node;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.node.journal.ChronicleJournal;
import io.tidemark.node.journal.Durability;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import io.tidemark.node.pipeline.FanOut;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReadModel;
import io.tidemark.node.pipeline.SnapshotTask;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.pipeline.WaitStrategies;
import io.tidemark.node.snapshot.SnapshotStore;
import io.tidemark.node.view.AccountViews;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

    private final Context context;
    private final MatchingEngine engine;
    private final List<ReadModel> readModels;
    private final Pipeline pipeline;
    private final ChronicleJournal journal;
    private final SnapshotStore snapshots;
    private final Recovery recovery;
    private final ScheduledExecutorService snapshotThread;
    private volatile long lastSnapshotSequence;
    private volatile boolean closed;

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
        private final List<Function<AccountViews, ? extends ReadModel>> readModels = new ArrayList<>();

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
         * views. The factory is given the node's account views, which the model may read on the view
         * thread: every event reaches them first, live and in recovery replay alike. A factory, because
         * recovery may need fresh instances if a snapshot fails to restore.
         */
        public Context readModel(final Function<AccountViews, ? extends ReadModel> factory) {
            readModels.add(factory);
            return this;
        }

        Context conclude() {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(topology, "topology");
            return this;
        }

        List<ReadModel> newReadModels() {
            final List<ReadModel> models = new ArrayList<>();
            final AccountViews accounts = new AccountViews(config);
            models.add(accounts);
            readModels.forEach(factory -> models.add(factory.apply(accounts)));
            return models;
        }
    }

    private Node(final Context context, final MatchingEngine engine, final List<ReadModel> readModels,
                 final Pipeline pipeline, final ChronicleJournal journal, final SnapshotStore snapshots,
                 final Recovery recovery) {
        this.context = context;
        this.engine = engine;
        this.readModels = readModels;
        this.pipeline = pipeline;
        this.journal = journal;
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
            snapshotThread.scheduleWithFixedDelay(this::scheduledSnapshot, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Recovers the data directory and starts the pipeline. */
    public static Node start(final Context context) throws IOException {
        final Context ctx = context.conclude();
        final long started = System.nanoTime();
        final ExchangeConfig config = ctx.config;
        final long fingerprint = config.fingerprint();
        final SnapshotStore snapshots = new SnapshotStore(ctx.dataDir.resolve("snapshots"), SNAPSHOTS_KEPT);

        // the newest snapshot that is whole and restores cleanly; each restore into fresh instances
        final List<String> skipped = new ArrayList<>();
        EventEncoder encoder = null;
        MatchingEngine engine = null;
        List<ReadModel> models = null;
        SnapshotStore.Snapshot used = null;
        final List<Path> files = snapshots.files();
        for (int i = files.size() - 1; i >= 0 && used == null; i--) {
            final Path file = files.get(i);
            try {
                final SnapshotStore.Snapshot snapshot = SnapshotStore.read(file, fingerprint);
                encoder = new EventEncoder();
                models = ctx.newReadModels();
                engine = restore(config, encoder, models, snapshot);
                used = snapshot;
            } catch (final IOException | RuntimeException e) {
                skipped.add(file.getFileName() + ": " + e.getMessage());
                LOG.warn("skipping snapshot {}: {}", file.getFileName(), e.getMessage());
            }
        }
        if (used == null) {
            encoder = new EventEncoder();
            models = ctx.newReadModels();
            engine = new MatchingEngine(config, encoder);
        }

        final JournalDirectory directory = new JournalDirectory(ctx.dataDir.resolve("journal"));
        final ExpandableDirectByteBuffer events = new ExpandableDirectByteBuffer(4_096);
        final MatchingEngine replaying = engine;
        final EventEncoder replayEncoder = encoder;
        final FanOut fanOut = new FanOut(models);
        final JournalReader.Result replay = JournalReader.replay(directory, fingerprint,
            used == null ? 0 : used.sequence(), used == null ? 0 : used.timestamp(),
            used == null ? 0 : used.journalGeneration(), used == null ? 0 : used.journalIndex(), command -> {
                replayEncoder.wrap(events);
                replaying.process(command);
                fanOut.deliver(events, replayEncoder.length(), command);
            });
        int generation = directory.current();
        boolean hasRecords = replay.lastGeneration() == generation && replay.lastGenerationHasRecords();
        if (replay.damaged()) {
            LOG.warn("{}", replay.damage());
            generation = directory.sealAndStartNext(replay.lastGeneration(), replay.lastSequence());
            hasRecords = false;
        }
        final ChronicleJournal journal = new ChronicleJournal(directory, generation, ctx.durability, fingerprint,
            replay.lastSequence(), replay.lastTimestamp(), replay.lastIndex(), hasRecords);
        final Recovery recovery = new Recovery(used == null ? null : used.file(), used == null ? 0 : used.sequence(),
            List.copyOf(skipped), replay.commands(), replay.lastSequence(), System.nanoTime() - started,
            replay.damage(), engine.stateHash());
        LOG.info("{}", recovery);

        final Pipeline.Context pipelineContext = new Pipeline.Context().engine(engine, encoder).journal(journal)
            .ringSize(ctx.ringSize).waitStrategy(ctx.waitStrategy).topology(ctx.topology)
            .fusedBatch(ctx.fusedBatch).sequencedUpstream(ctx.sequencedUpstream);
        models.forEach(pipelineContext::readModel);
        if (ctx.clock != null) {
            pipelineContext.clock(ctx.clock);
        }
        final Pipeline pipeline = new Pipeline(pipelineContext).start();
        LOG.info("pipeline topology {} ({} configured, {} cores; ring {} slots, {} wait)",
            pipeline.topology().wireName(), ctx.topology.wireName(), Runtime.getRuntime().availableProcessors(),
            pipeline.ringSize(), ctx.waitStrategy.name().toLowerCase(Locale.ROOT));
        return new Node(ctx, engine, List.copyOf(models), pipeline, journal, snapshots, recovery);
    }

    private static MatchingEngine restore(final ExchangeConfig config, final EventEncoder encoder,
                                          final List<ReadModel> models, final SnapshotStore.Snapshot snapshot) {
        final byte[] engineState = snapshot.sections().get(SnapshotStore.ENGINE_SECTION);
        if (engineState == null) {
            throw new IllegalStateException("no engine section");
        }
        final MatchingEngine engine = MatchingEngine.fromSnapshot(config, encoder, new SnapshotInput(engineState));
        for (final ReadModel model : models) {
            if (engine.config().hasListings()) {
                // the models' sections were written with the listed assets and markets: grow to them first
                model.listed(engine.config());
            }
            final byte[] section = snapshot.sections().get(model.name());
            if (section == null) {
                throw new IllegalStateException("no section for read model " + model.name());
            }
            model.readSnapshot(new SnapshotInput(section));
        }
        return engine;
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
     * Takes a snapshot now; completes with its file once written, or with null when nothing changed
     * since the last. May wait for a ring slot under load: not for network event loops.
     */
    public CompletableFuture<Path> snapshot() {
        final CompletableFuture<Path> written = new CompletableFuture<>();
        final SnapshotTask task = new SnapshotTask(ready -> snapshotThread.execute(() -> persist(ready, written)));
        final Pipeline.Submit submitted = pipeline.requestSnapshot(task);
        if (submitted != Pipeline.Submit.PUBLISHED) {
            written.completeExceptionally(new IllegalStateException("snapshot not taken: pipeline " + submitted));
        }
        return written;
    }

    private void scheduledSnapshot() {
        if (!closed && pipeline.isAccepting()) {
            snapshot();
        }
    }

    private void persist(final SnapshotTask task, final CompletableFuture<Path> written) {
        if (task.sequence() == lastSnapshotSequence) {
            written.complete(null);
            return;
        }
        try {
            final Path file = snapshots.write(task, journal.generation(), context.config.fingerprint());
            lastSnapshotSequence = task.sequence();
            LOG.info("snapshot at sequence {} written to {}", task.sequence(), file.getFileName());
            written.complete(file);
        } catch (final IOException | RuntimeException e) {
            LOG.error("snapshot at sequence {} could not be written", task.sequence(), e);
            written.completeExceptionally(e);
        }
    }

    /** Stops accepting, drains every accepted command through all stages, takes a final snapshot, closes the journal. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
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
        journal.close();
        closed = true;
    }
}
