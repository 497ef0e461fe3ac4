package io.tidemark.benchmarks.pipeline;

import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.Command;
import io.tidemark.node.Node;
import io.tidemark.node.Replay;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import io.tidemark.node.snapshot.SnapshotStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Journals ten million realistic-mix commands through a node, then measures: writing a snapshot of the
 * resulting state; replaying the whole journal into a fresh engine (as {@code replay} does, median of
 * runs); starting a node from that snapshot; and starting a node from the journal alone (engine and
 * read models rebuilt). Run: {@code java -jar benchmarks/target/benchmarks.jar replay [--commands N]
 * [--runs 3] [--data-dir D]}.
 */
public final class ReplayBenchmark {
    private ReplayBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        long commands = 10_000_000;
        int runs = 3;
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--commands" -> commands = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--data-dir" -> base = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final Path dir = Files.createTempDirectory(base, "tidemark-replay-bench-");
        final RealisticMix mix = RealisticMix.stream(42, 1_000, 6_000);
        final Node.Context context = new Node.Context().dataDir(dir).config(RealisticMix.config())
            .snapshotInterval(Duration.ZERO);
        final long total;
        final double snapshotWriteMs;
        final long snapshotBytes;
        try (Node node = Node.start(context)) {
            final Counter counter = new Counter();
            final Pipeline pipeline = node.pipeline();
            final List<Command> setup = mix.setup();
            final long started = System.nanoTime();
            for (final Command command : setup) {
                submit(pipeline, command, counter);
            }
            final Command command = new Command();
            for (long i = 0; i < commands; i++) {
                submit(pipeline, mix.next(command), counter);
            }
            total = setup.size() + commands;
            while (counter.replied < total) {
                Thread.onSpinWait();
            }
            System.out.printf(Locale.ROOT, "journaled %,d commands in %.1f s (generation included); %s%n", total,
                (System.nanoTime() - started) / 1e9, mix.describe());
            final long snapshotStart = System.nanoTime();
            final Path snapshot = node.snapshot().get(5, TimeUnit.MINUTES);
            snapshotWriteMs = (System.nanoTime() - snapshotStart) / 1e6;
            snapshotBytes = Files.size(snapshot);
        }
        final long journalBytes = size(dir.resolve("journal"));

        final List<Double> replayRates = new ArrayList<>();
        long hash = 0;
        for (int run = 0; run < runs; run++) {
            final Replay.Outcome outcome = Replay.replay(dir, RealisticMix.config());
            if (outcome.commands() != total) {
                throw new IllegalStateException("replayed " + outcome.commands() + " of " + total);
            }
            hash = outcome.stateHash();
            replayRates.add(outcome.commandsPerSecond());
            System.out.printf(Locale.ROOT, "  replay run %d: %,d commands in %.2f s = %,.0f commands/s%n", run + 1,
                outcome.commands(), outcome.elapsedNanos() / 1e9, outcome.commandsPerSecond());
        }
        replayRates.sort(null);

        final double snapshotLoadMs;
        try (Node node = Node.start(context)) {
            snapshotLoadMs = node.recovery().elapsedNanos() / 1e6;
            if (node.recovery().engineStateHash() != hash || node.recovery().replayedCommands() != 0) {
                throw new IllegalStateException("snapshot recovery differs: " + node.recovery());
            }
        }
        for (final Path snapshot : new SnapshotStore(dir.resolve("snapshots"), 1).files()) {
            Files.delete(snapshot);
        }
        final Node.Recovery full;
        try (Node node = Node.start(context)) {
            full = node.recovery();
            if (full.engineStateHash() != hash) {
                throw new IllegalStateException("journal recovery differs: " + full);
            }
        }
        delete(dir);

        System.out.println();
        System.out.println("Summary:");
        System.out.printf(Locale.ROOT, "  journal: %,d commands, %,.0f MB on disk (%.0f bytes per command)%n", total,
            journalBytes / 1e6, (double) journalBytes / total);
        System.out.printf(Locale.ROOT, "  replay (engine, as `replay` does): median %,.0f commands/s (min %,.0f, max %,.0f, n=%d)%n",
            replayRates.get(replayRates.size() / 2), replayRates.get(0), replayRates.get(replayRates.size() - 1),
            replayRates.size());
        System.out.printf(Locale.ROOT, "  recovery from the journal alone (engine + read models): %,d commands in %.2f s = %,.0f commands/s%n",
            full.replayedCommands(), full.elapsedNanos() / 1e9, full.replayedCommands() * 1e9 / full.elapsedNanos());
        System.out.printf(Locale.ROOT, "  snapshot write (request to durable file, %.1f MB): %.0f ms; node start from it: %.0f ms%n",
            snapshotBytes / 1e6, snapshotWriteMs, snapshotLoadMs);
    }

    private static final class Counter implements ReplyHandler {
        volatile long replied;

        @Override
        public void onReply(final CommandSlot slot) {
            replied = replied + 1;
        }
    }

    private static void submit(final Pipeline pipeline, final Command command, final Counter counter) {
        while (pipeline.submit(command, counter) != Pipeline.Submit.PUBLISHED) {
            Thread.onSpinWait();
        }
    }

    /**
     * Bytes the journal occupies on disk. Chronicle files are pre-sized and sparse, so the logical size
     * overstates it: ask {@code du} for the allocated blocks (Java 17 has no portable attribute for
     * them), and fall back to the logical size where {@code du} is missing.
     */
    private static long size(final Path dir) throws Exception {
        try {
            final Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            final String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            if (du.waitFor() == 0) {
                return Long.parseLong(out.trim().split("\\s+")[0]) * 1024;
            }
        } catch (final java.io.IOException | NumberFormatException e) {
            // no du here: the logical size below
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = 0;
            for (final Path file : files.filter(Files::isRegularFile).toList()) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }

    private static void delete(final Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
