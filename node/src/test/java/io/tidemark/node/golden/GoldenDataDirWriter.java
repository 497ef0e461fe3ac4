package io.tidemark.node.golden;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.Node;
import io.tidemark.node.NodeClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes the golden data directory that {@code GoldenDataDirTest} replays: a journal and a snapshot
 * made by the code of the day the fixture was committed, so that every later change of the wire
 * layouts is checked against bytes it did not write. Run once, by hand, never by the build:
 * {@code java -cp <test classpath> io.tidemark.node.golden.GoldenDataDirWriter DIR}. The state
 * hashes it prints go into {@code expected.properties} beside the fixture.
 */
public final class GoldenDataDirWriter {
    static final long SEED = 20261207L;
    static final int ACCOUNTS = 12;
    static final int COMMANDS_BEFORE_SNAPSHOT = 1_500;
    static final int COMMANDS_AFTER_SNAPSHOT = 1_500;

    private GoldenDataDirWriter() {
    }

    public static void main(final String[] args) throws Exception {
        final Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final RandomCommandGenerator generator = new RandomCommandGenerator(SEED, config, ACCOUNTS);
        final long viewsHash;
        final long engineHash;
        try (Node node = Node.start(new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO))) {
            final NodeClient client = new NodeClient(node);
            for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
                client.submit(deposit);
            }
            final Command command = new Command();
            for (int i = 0; i < COMMANDS_BEFORE_SNAPSHOT; i++) {
                generator.next(command);
                generator.observe(client.submit(command));
            }
            node.snapshot().get(30, TimeUnit.SECONDS);
            for (int i = 0; i < COMMANDS_AFTER_SNAPSHOT; i++) {
                generator.next(command);
                generator.observe(client.submit(command));
            }
            viewsHash = client.query(n -> n.accounts().stateHash());
            node.close();
            engineHash = node.engineAfterClose().stateHash();
        }
        System.out.printf(Locale.ROOT, "engine.state.hash=%016x%n", engineHash);
        System.out.printf(Locale.ROOT, "views.state.hash=%016x%n", viewsHash);
        System.out.printf(Locale.ROOT, "events.crc32c=%08x%n", GoldenEvents.crc32cOfReplay(dir, config));
    }
}
