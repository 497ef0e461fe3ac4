package io.tidemark.app;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.node.Replay;
import io.tidemark.node.config.ConfigFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code tidemark replay --data-dir D [--config FILE]}: replays the data directory's whole journal into a
 * fresh engine and prints how many commands, how long, and the final state hash.
 */
public final class ReplayCommand {
    private ReplayCommand() {
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
        final Replay.Outcome outcome = Replay.replay(dataDir, config);
        System.out.printf(Locale.ROOT, "replayed %,d commands (sequence 1..%d) in %.3f s: %,.0f commands/s%n",
            outcome.commands(), outcome.lastSequence(), outcome.elapsedNanos() / 1e9, outcome.commandsPerSecond());
        System.out.printf(Locale.ROOT, "state hash %016x%n", outcome.stateHash());
        if (outcome.damage() != null) {
            System.out.println("note: " + outcome.damage());
        }
    }
}
