package io.tidemark.history.writer;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.node.ReadModelSet;
import io.tidemark.node.Replica;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import io.tidemark.node.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    /** The account views and a recorder that hands on the batches in (after, upTo] to the current target. */
    private final List<ReadModelSet.Factory> models;
    private Replica replica;
    private long after;
    private long upTo;
    private Consumer<Batch> target;

    JournalCatchUp(final Path dataDir, final ExchangeConfig config) {
        this.dataDir = dataDir;
        this.config = config;
        this.models = List.of(set -> new HistoryRecorder(config, set.accounts(), batch -> {
            if (batch.sequence() > after && batch.sequence() <= upTo) {
                target.accept(batch);
            }
        }));
    }

    /**
     * Hands on the batches of commands after {@code after} up to and including {@code upTo}, in order.
     * Returns the last sequence it reached (less than {@code upTo} only if the journal ends before it).
     */
    long replay(final long after, final long upTo, final Consumer<Batch> sink) {
        final long started = System.nanoTime();
        final boolean continued = replica != null && replica.sequence() <= after;
        final String from;
        if (continued) {
            from = "replica " + replica.sequence();
        } else {
            replica = restore(after);
            from = replica.restoredFrom() == null ? "journal start" : "snapshot " + replica.restoredFrom().sequence();
        }
        this.after = after;
        this.upTo = upTo;
        this.target = sink;
        final JournalReader.Result result;
        try {
            result = replica.advance(upTo);
        } finally {
            this.target = null;
        }
        if (result.damaged()) {
            replica = null; // a torn tail the node has not cut yet: start clean next time
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

    /** The engine and the views at the newest usable snapshot at or before {@code after}, or at the journal's start. */
    private Replica restore(final long after) {
        final JournalDirectory journal = new JournalDirectory(dataDir.resolve("journal"));
        try {
            return Replica.restore(new SnapshotStore(dataDir.resolve("snapshots"), SNAPSHOTS_KEPT), journal, config,
                models, false, after);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list snapshots for the history catch-up", e);
        }
    }
}
