package io.tidemark.history.writer;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import io.tidemark.node.pipeline.FanOut;
import io.tidemark.node.snapshot.SnapshotStore;
import io.tidemark.node.view.AccountViews;
import org.agrona.ExpandableDirectByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Regenerates the history of journaled commands: the engine and account views are restored from the
 * newest snapshot at or before the point the store reached (or start empty), the journal after it is
 * replayed through them, and the batches of the commands after that point are handed on. The same
 * code as recovery (Node.start), on the writer's thread, with its own engine: the running node is
 * not touched. Reading the journal while the node appends to it is safe: a reader sees whole
 * documents only.
 *
 * <p>The restored state is kept between catch-ups (a replica positioned at the last command it
 * replayed): a writer that falls behind again continues from there instead of restoring a snapshot and
 * replaying everything after it once more. The writer releases it when it has kept up for a while, so
 * the second copy of the state is held only while the store is behind.
 */
final class JournalCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(JournalCatchUp.class);
    private static final int SNAPSHOTS_KEPT = 3;

    private final Path dataDir;
    private final ExchangeConfig config;
    private Replica replica;

    JournalCatchUp(final Path dataDir, final ExchangeConfig config) {
        this.dataDir = dataDir;
        this.config = config;
    }

    /**
     * Hands on the batches of commands after {@code after} up to and including {@code upTo}, in order.
     * Returns the last sequence it reached (less than {@code upTo} only if the journal ends before it).
     */
    long replay(final long after, final long upTo, final Consumer<Batch> sink) {
        final long started = System.nanoTime();
        final boolean continued = replica != null && replica.sequence <= after;
        if (!continued) {
            replica = restore(after);
        }
        final Replica r = replica;
        final String from = continued ? "replica " + r.sequence : r.origin;
        r.after = after;
        r.upTo = upTo;
        r.target = sink;
        final JournalReader.Result result = JournalReader.replay(new JournalDirectory(dataDir.resolve("journal")),
            config.fingerprint(), r.sequence, r.timestamp, r.generation, r.index, upTo, command -> {
                r.encoder.wrap(r.events);
                r.engine.process(command);
                r.fanOut.deliver(r.events, r.encoder.length(), command);
            });
        r.target = null;
        if (result.damaged()) {
            replica = null; // a torn tail the node has not cut yet: start clean next time
        } else if (result.commands() > 0) {
            r.sequence = result.lastSequence();
            r.timestamp = result.lastTimestamp();
            r.generation = result.lastGeneration();
            r.index = result.lastIndex();
        }
        final long reached = result.lastSequence();
        LOG.info("event=history_catch_up after={} up_to={} reached={} from={} ms={}", after, upTo, reached, from,
            (System.nanoTime() - started) / 1_000_000);
        return Math.max(reached, after);
    }

    /** Lets go of the replica's state (the writer has kept up); the next catch-up starts from a snapshot. */
    void release() {
        replica = null;
    }

    boolean holdsReplica() {
        return replica != null;
    }

    private Replica restore(final long after) {
        final long fingerprint = config.fingerprint();
        try {
            final List<Path> files = new SnapshotStore(dataDir.resolve("snapshots"), SNAPSHOTS_KEPT).files();
            for (int i = files.size() - 1; i >= 0; i--) {
                try {
                    final SnapshotStore.Snapshot snapshot = SnapshotStore.read(files.get(i), fingerprint);
                    if (snapshot.sequence() > after) {
                        continue;
                    }
                    final byte[] engineState = snapshot.sections().get(SnapshotStore.ENGINE_SECTION);
                    final byte[] accountState = snapshot.sections().get("accounts");
                    if (engineState == null || accountState == null) {
                        continue;
                    }
                    final EventEncoder encoder = new EventEncoder();
                    final MatchingEngine engine = MatchingEngine.fromSnapshot(config, encoder, new SnapshotInput(engineState));
                    final AccountViews views = new AccountViews(config);
                    if (engine.config().hasListings()) {
                        views.listed(engine.config()); // sized for the listed assets before their balances are read
                    }
                    views.readSnapshot(new SnapshotInput(accountState));
                    return new Replica(encoder, engine, views, snapshot.sequence(), snapshot.timestamp(),
                        snapshot.journalGeneration(), snapshot.journalIndex(), "snapshot " + snapshot.sequence());
                } catch (final IOException | RuntimeException e) {
                    LOG.debug("snapshot {} not used for the history catch-up: {}", files.get(i).getFileName(), e.toString());
                }
            }
        } catch (final IOException e) {
            LOG.warn("cannot list snapshots; the history catch-up replays the whole journal: {}", e.toString());
        }
        final EventEncoder encoder = new EventEncoder();
        return new Replica(encoder, new MatchingEngine(config, encoder), new AccountViews(config), 0, 0, 0, 0,
            "journal start");
    }

    /** An engine and account views at {@code sequence}, and where the journal continues after it. */
    private static final class Replica {
        final EventEncoder encoder;
        final MatchingEngine engine;
        final FanOut fanOut;
        final ExpandableDirectByteBuffer events = new ExpandableDirectByteBuffer(4_096);
        final String origin;
        long sequence;
        long timestamp;
        int generation;
        long index;
        long after;
        long upTo;
        Consumer<Batch> target;

        Replica(final EventEncoder encoder, final MatchingEngine engine,
                final AccountViews views, final long sequence, final long timestamp, final int generation,
                final long index, final String origin) {
            this.encoder = encoder;
            this.engine = engine;
            this.sequence = sequence;
            this.timestamp = timestamp;
            this.generation = generation;
            this.index = index;
            this.origin = origin;
            // the engine's configuration: the file's plus what a snapshot's listings added
            final HistoryRecorder recorder = new HistoryRecorder(engine.config(), views, batch -> {
                if (batch.sequence() > after && batch.sequence() <= upTo) {
                    target.accept(batch);
                }
            });
            this.fanOut = new FanOut(List.of(views, recorder));
        }
    }
}
