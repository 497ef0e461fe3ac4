package io.tidemark.node;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.file.Path;

/**
 * Replays a data directory's whole journal from its first command into a fresh engine (snapshots are
 * not used): how many commands, how long, and the final state hash — the number a running node's state
 * must match. {@code ./tidemark replay} prints it.
 */
public final class Replay {
    private Replay() {
    }

    /** What a replay produced. */
    public record Outcome(long commands, long lastSequence, long elapsedNanos, long stateHash, String damage) {
        public double commandsPerSecond() {
            return elapsedNanos == 0 ? 0 : commands * 1e9 / elapsedNanos;
        }
    }

    /** Replays the whole journal of {@code dataDir} into a fresh engine, as production applies it. */
    public static Outcome replay(final Path dataDir, final ExchangeConfig config) {
        return replay(dataDir, config, Long.MAX_VALUE);
    }

    /** Replays the journal up to and including {@code lastSequence}. */
    public static Outcome replay(final Path dataDir, final ExchangeConfig config, final long lastSequence) {
        final EventEncoder encoder = new EventEncoder();
        final ExpandableDirectByteBuffer events = new ExpandableDirectByteBuffer(4_096);
        final MatchingEngine engine = new MatchingEngine(config, encoder, 4_096, 65_536);
        final JournalDirectory directory = new JournalDirectory(dataDir.resolve("journal"));
        final long start = System.nanoTime();
        final long[] applied = new long[2];
        final JournalReader.Result result = JournalReader.replay(directory, config.fingerprint(), 0, 0, 0, 0, command -> {
            if (command.sequence <= lastSequence) {
                encoder.wrap(events);
                engine.process(command);
                applied[0]++;
                applied[1] = command.sequence;
            }
        });
        final long elapsed = System.nanoTime() - start;
        return new Outcome(applied[0], applied[1], elapsed, engine.stateHash(), result.damage());
    }
}
