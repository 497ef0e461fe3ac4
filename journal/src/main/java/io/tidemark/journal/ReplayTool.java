package io.tidemark.journal;

import io.tidemark.engine.config.ConfigFile;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code replay --data-dir D [--config FILE]}: replays a data directory's whole journal from its first
 * command into a fresh engine (snapshots are not used) and prints how many commands, how long, and the
 * final state hash — the number a running node's state must match.
 */
public final class ReplayTool {
    private ReplayTool() {
    }

    /** What a replay produced. */
    public record Outcome(long commands, long lastSequence, long elapsedNanos, long stateHash, String damage) {
        public double commandsPerSecond() {
            return elapsedNanos == 0 ? 0 : commands * 1e9 / elapsedNanos;
        }
    }

    public static void main(final String[] args) {
        Path dataDir = null;
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--config" -> configFile = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: replay --data-dir DIR [--config FILE]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: replay --data-dir DIR [--config FILE]");
                    System.exit(2);
                }
            }
        }
        if (dataDir == null || !Files.isDirectory(dataDir.resolve("journal"))) {
            System.err.println("replay: --data-dir must name a data directory with a journal/ in it");
            System.exit(2);
        }
        final ExchangeConfig config = ConfigFile.loadOrDefaults(configFile).exchange();
        final Outcome outcome = replay(dataDir, config);
        System.out.printf(Locale.ROOT, "replayed %,d commands (sequence 1..%d) in %.3f s: %,.0f commands/s%n",
            outcome.commands(), outcome.lastSequence(), outcome.elapsedNanos() / 1e9, outcome.commandsPerSecond());
        System.out.printf(Locale.ROOT, "state hash %016x%n", outcome.stateHash());
        if (outcome.damage() != null) {
            System.out.println("note: " + outcome.damage());
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
