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
 */
final class JournalCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(JournalCatchUp.class);
    private static final int SNAPSHOTS_KEPT = 3;

    private final Path dataDir;
    private final ExchangeConfig config;

    JournalCatchUp(final Path dataDir, final ExchangeConfig config) {
        this.dataDir = dataDir;
        this.config = config;
    }

    /**
     * Hands on the batches of commands after {@code after} up to and including {@code upTo}, in order.
     * Returns the last sequence it reached (less than {@code upTo} only if the journal ends before it).
     */
    long replay(final long after, final long upTo, final Consumer<Batch> sink) {
        final long fingerprint = config.fingerprint();
        final EventEncoder encoder = new EventEncoder();
        MatchingEngine engine = null;
        AccountViews views = null;
        SnapshotStore.Snapshot used = null;
        try {
            final List<Path> files = new SnapshotStore(dataDir.resolve("snapshots"), SNAPSHOTS_KEPT).files();
            for (int i = files.size() - 1; i >= 0 && used == null; i--) {
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
                    final MatchingEngine restoredEngine = MatchingEngine.fromSnapshot(config, encoder,
                        new SnapshotInput(engineState));
                    final AccountViews restored = new AccountViews(config);
                    if (restoredEngine.config().hasListings()) {
                        restored.listed(restoredEngine.config());
                    }
                    restored.readSnapshot(new SnapshotInput(accountState));
                    engine = restoredEngine;
                    views = restored;
                    used = snapshot;
                } catch (final IOException | RuntimeException e) {
                    LOG.debug("snapshot {} not used for the history catch-up: {}", files.get(i).getFileName(), e.toString());
                }
            }
        } catch (final IOException e) {
            LOG.warn("cannot list snapshots; the history catch-up replays the whole journal: {}", e.toString());
        }
        if (used == null) {
            engine = new MatchingEngine(config, encoder);
            views = new AccountViews(config);
        }
        final long[] reached = {used == null ? 0 : used.sequence()};
        final HistoryRecorder recorder = new HistoryRecorder(engine.config(), views, batch -> {
            if (batch.sequence() > after && batch.sequence() <= upTo) {
                sink.accept(batch);
            }
        });
        final FanOut fanOut = new FanOut(List.of(views, recorder));
        final ExpandableDirectByteBuffer events = new ExpandableDirectByteBuffer(4_096);
        final MatchingEngine replaying = engine;
        final long started = System.nanoTime();
        JournalReader.replay(new JournalDirectory(dataDir.resolve("journal")), fingerprint,
            used == null ? 0 : used.sequence(), used == null ? 0 : used.timestamp(),
            used == null ? 0 : used.journalGeneration(), used == null ? 0 : used.journalIndex(), command -> {
                if (command.sequence > upTo) {
                    return; // the rest is the live pipeline's, handed off by the views
                }
                encoder.wrap(events);
                replaying.process(command);
                fanOut.deliver(events, encoder.length(), command);
                reached[0] = command.sequence;
            });
        LOG.info("event=history_catch_up after={} up_to={} reached={} from={} ms={}", after, upTo, reached[0],
            used == null ? "journal start" : "snapshot " + used.sequence(), (System.nanoTime() - started) / 1_000_000);
        return Math.max(reached[0], after);
    }
}
