package io.tidemark.node;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import io.tidemark.node.pipeline.EngineEvents;
import io.tidemark.node.pipeline.FanOut;
import io.tidemark.node.pipeline.ReadModel;
import io.tidemark.node.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine and one set of read models at a journal sequence, and where the journal continues after it.
 * Recovery builds the node's live state as one ({@link Node#start}); the snapshot thread keeps a quiet
 * one level with the journal and writes snapshots from it, so that taking a snapshot never holds the
 * core thread. Both restore and replay by this one code path, so a snapshot from the replica is the
 * state recovery would rebuild at its sequence.
 *
 * <p>Reading the journal while the node appends to it is safe: a reader sees whole documents only, and
 * a command is journaled before it is applied or answered. Not thread safe: owned by one thread.
 */
public final class Replica {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    private final JournalDirectory journal;
    private final long fingerprint;
    private final EngineEvents events;
    private final MatchingEngine engine;
    private final ReadModelSet models;
    private final SnapshotStore.Snapshot restoredFrom;
    private final List<String> skipped;
    private long sequence;
    private long timestamp;
    private int generation;
    private long index;
    /** Run every few commands replayed and every chunk of a section written (see {@link #pace}). */
    private Runnable pacer = () -> { };

    private Replica(final JournalDirectory journal, final long fingerprint, final EngineEvents events,
                    final MatchingEngine engine, final ReadModelSet models, final SnapshotStore.Snapshot restoredFrom,
                    final List<String> skipped) {
        this.journal = journal;
        this.fingerprint = fingerprint;
        this.events = events;
        this.engine = engine;
        this.models = models;
        // replayed on this thread: the events go straight to the models, none is encoded
        events.encoding(false);
        events.views(new FanOut(models.models()));
        this.restoredFrom = restoredFrom;
        this.skipped = List.copyOf(skipped);
        if (restoredFrom != null) {
            sequence = restoredFrom.sequence();
            timestamp = restoredFrom.timestamp();
            generation = restoredFrom.journalGeneration();
            index = restoredFrom.journalIndex();
        }
    }

    /**
     * The newest snapshot that is whole and restores cleanly into fresh models (skipping, with a warning,
     * any that does not), or an empty state at the journal's start when there is none. Nothing is replayed yet.
     */
    public static Replica restore(final SnapshotStore snapshots, final JournalDirectory journal,
                                  final ExchangeConfig config, final List<ReadModelSet.Factory> factories,
                                  final boolean live) throws IOException {
        return restore(snapshots, journal, config, factories, live, Long.MAX_VALUE);
    }

    /** As {@link #restore}, from the newest usable snapshot at or before {@code atOrBefore}. */
    public static Replica restore(final SnapshotStore snapshots, final JournalDirectory journal,
                                  final ExchangeConfig config, final List<ReadModelSet.Factory> factories,
                                  final boolean live, final long atOrBefore) throws IOException {
        final long fingerprint = config.fingerprint();
        final List<String> skipped = new ArrayList<>();
        final List<Path> files = snapshots.files();
        for (int i = files.size() - 1; i >= 0; i--) {
            final Path file = files.get(i);
            try {
                final SnapshotStore.Snapshot snapshot = SnapshotStore.read(file, fingerprint);
                if (snapshot.sequence() > atOrBefore) {
                    continue;
                }
                final EngineEvents events = new EngineEvents();
                final ReadModelSet models = ReadModelSet.create(config, factories, live);
                final MatchingEngine engine = restore(config, events, models.models(), snapshot);
                return new Replica(journal, fingerprint, events, engine, models, snapshot, skipped);
            } catch (final IOException | RuntimeException e) {
                skipped.add(file.getFileName() + ": " + e.getMessage());
                LOG.warn("skipping snapshot {}: {}", file.getFileName(), e.getMessage());
            }
        }
        final EngineEvents events = new EngineEvents();
        return new Replica(journal, fingerprint, events, new MatchingEngine(config, events),
            ReadModelSet.create(config, factories, live), null, skipped);
    }

    private static MatchingEngine restore(final ExchangeConfig config, final EngineEvents events,
                                          final List<ReadModel> models, final SnapshotStore.Snapshot snapshot) {
        final byte[] engineState = snapshot.sections().get(SnapshotStore.ENGINE_SECTION);
        if (engineState == null) {
            throw new IllegalStateException("no engine section");
        }
        final MatchingEngine engine = MatchingEngine.fromSnapshot(config, events, new SnapshotInput(engineState));
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

    /**
     * Replays the journaled commands after this state's sequence up to and including {@code upTo} through
     * the engine and every model, event by event as the view stage feeds them, and moves to where it got.
     */
    public JournalReader.Result advance(final long upTo) {
        final Runnable pace = pacer;
        final int[] replayed = {0};
        final JournalReader.Result result = JournalReader.replay(journal, fingerprint, sequence, timestamp, generation,
            index, upTo, command -> {
                engine.process(command);
                if ((++replayed[0] & 15) == 0) {
                    pace.run();
                }
            });
        if (result.commands() > 0) {
            sequence = result.lastSequence();
            timestamp = result.lastTimestamp();
            generation = result.lastGeneration();
            index = result.lastIndex();
        }
        return result;
    }

    /**
     * Paces this replica's replay and its sections' writing (a {@link io.tidemark.node.snapshot.SnapshotPacer}
     * on the snapshot thread, which runs beside the live pipeline); recovery and catch-ups run unpaced.
     */
    public void pace(final Runnable value) {
        pacer = value;
    }

    /** Each section of a snapshot of this state: the engine's first, then each model's, in registration order. */
    public Map<String, SnapshotOutput> sections() {
        final Map<String, SnapshotOutput> sections = new LinkedHashMap<>();
        final SnapshotOutput engineSection = new SnapshotOutput(1 << 20, pacer);
        engine.writeSnapshot(engineSection);
        sections.put(SnapshotStore.ENGINE_SECTION, engineSection);
        for (final ReadModel model : models.models()) {
            final SnapshotOutput out = new SnapshotOutput(1 << 16, pacer);
            model.writeSnapshot(out);
            sections.put(model.name(), out);
        }
        return sections;
    }

    /** The engine's listener: hand it to the pipeline with the engine. */
    public EngineEvents events() {
        return events;
    }

    public MatchingEngine engine() {
        return engine;
    }

    public List<ReadModel> models() {
        return models.models();
    }

    /** The snapshot this state was restored from, or null when it started empty. */
    public SnapshotStore.Snapshot restoredFrom() {
        return restoredFrom;
    }

    /** The snapshots passed over because they were damaged or did not restore, each with why. */
    public List<String> skipped() {
        return skipped;
    }

    /** The sequence of the last command this state includes. */
    public long sequence() {
        return sequence;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The journal generation and index where a replay after {@link #sequence} starts its search. */
    public int generation() {
        return generation;
    }

    public long index() {
        return index;
    }
}
