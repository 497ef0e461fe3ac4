package io.tidemark.node;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalFiles;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.snapshot.SnapshotStore;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Recovery after a clean stop: the state and the read models come back exactly. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NodeRecoveryTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    private Node start(final Path dir, final Topology topology) throws Exception {
        return Node.start(new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO).topology(topology));
    }

    /** Feeds {@code count} random commands through the node, synchronously. */
    private static void feed(final Node node, final RandomCommandGenerator generator, final int count, final boolean fund) {
        final NodeClient client = new NodeClient(node);
        if (fund) {
            for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
                client.submit(deposit);
            }
        }
        final Command command = new Command();
        for (int i = 0; i < count; i++) {
            generator.next(command);
            generator.observe(client.submit(command));
        }
    }

    private static long viewsHash(final Node node) {
        return new NodeClient(node).query(n -> n.accounts().stateHash());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void replayingTheJournalAloneRebuildsTheIdenticalState(final Topology topology, @TempDir final Path dir) throws Exception {
        final RandomCommandGenerator generator = new RandomCommandGenerator(41, config, 25);
        final long engineHash;
        final long viewsHash;
        try (Node node = start(dir, topology)) {
            feed(node, generator, 20_000, true);
            viewsHash = viewsHash(node);
            node.close();
            engineHash = node.engineAfterClose().stateHash();
        }
        // a fresh engine replaying only the journal
        assertThat(Replay.replay(dir, config).stateHash()).isEqualTo(engineHash);
        // a restart that ignores snapshots: remove them
        for (final Path snapshot : new SnapshotStore(dir.resolve("snapshots"), 3).files()) {
            Files.delete(snapshot);
        }
        try (Node node = start(dir, topology)) {
            assertThat(node.recovery().snapshot()).isNull();
            assertThat(node.recovery().replayedCommands()).isEqualTo(20_000 + 25L * 3);
            assertThat(node.recovery().engineStateHash()).isEqualTo(engineHash);
            assertThat(viewsHash(node)).isEqualTo(viewsHash);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void aSnapshotPlusTheJournalAfterItRebuildsTheIdenticalState(final Topology topology, @TempDir final Path dir) throws Exception {
        final RandomCommandGenerator generator = new RandomCommandGenerator(42, config, 25);
        final long engineHash;
        final long viewsHash;
        final Path middle;
        try (Node node = start(dir, topology)) {
            feed(node, generator, 10_000, true);
            middle = node.snapshot().get(30, TimeUnit.SECONDS);
            feed(node, generator, 10_000, false);
            viewsHash = viewsHash(node);
            node.close();
            engineHash = node.engineAfterClose().stateHash();
        }
        // keep only the middle snapshot, so that recovery must replay the journal after it
        for (final Path snapshot : new SnapshotStore(dir.resolve("snapshots"), 3).files()) {
            if (!snapshot.equals(middle)) {
                Files.delete(snapshot);
            }
        }
        try (Node node = start(dir, topology)) {
            assertThat(node.recovery().snapshot()).isEqualTo(middle);
            assertThat(node.recovery().replayedCommands()).isEqualTo(10_000);
            assertThat(node.recovery().engineStateHash()).isEqualTo(engineHash);
            assertThat(viewsHash(node)).isEqualTo(viewsHash);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void aCorruptSnapshotIsSkippedWithAWarningAndAnOlderOneUsed(final Topology topology, @TempDir final Path dir) throws Exception {
        final RandomCommandGenerator generator = new RandomCommandGenerator(43, config, 10);
        final long engineHash;
        try (Node node = start(dir, topology)) {
            feed(node, generator, 3_000, true);
            node.snapshot().get(30, TimeUnit.SECONDS);
            feed(node, generator, 3_000, false);
            node.close();
            engineHash = node.engineAfterClose().stateHash();
        }
        final List<Path> snapshots = new SnapshotStore(dir.resolve("snapshots"), 3).files();
        final Path newest = snapshots.get(snapshots.size() - 1);
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);
        // and a half-written one, as a crash during the rename-less write would leave under a real name
        Files.write(dir.resolve("snapshots").resolve(String.format("snapshot-%020d.snap", 999_999_999L)),
            new byte[] {'T', 'M', 'S', 'N'});

        try (Node node = start(dir, topology)) {
            assertThat(node.recovery().skippedSnapshots()).hasSize(2);
            assertThat(node.recovery().skippedSnapshots().get(1)).contains(newest.getFileName().toString())
                .contains("checksum");
            assertThat(node.recovery().snapshot()).isEqualTo(snapshots.get(snapshots.size() - 2));
            assertThat(node.recovery().engineStateHash()).isEqualTo(engineHash);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void aTruncatedJournalTailRecoversToTheLastWholeCommandSaysSoAndKeepsGoing(final Topology topology, @TempDir final Path dir) throws Exception {
        final RandomCommandGenerator generator = new RandomCommandGenerator(44, config, 10);
        try (Node node = start(dir, topology)) {
            feed(node, generator, 2_000, true);
            node.close();
        }
        for (final Path snapshot : new SnapshotStore(dir.resolve("snapshots"), 3).files()) {
            Files.delete(snapshot);
        }
        JournalFiles.truncateInsideLastRecord(new JournalDirectory(dir.resolve("journal")).path(0));
        final long lastWhole = 2_000 + 10 * 3 - 1;
        try (Node node = start(dir, topology)) {
            assertThat(node.recovery().damage()).contains("damaged record after sequence " + lastWhole)
                .contains("last whole command");
            assertThat(node.recovery().lastSequence()).isEqualTo(lastWhole);
            final Command deposit = new NodeClient(node).submit(new Command().deposit(1, 0, 5));
            assertThat(deposit.result).isEqualTo(ResultCode.ACCEPTED);
            assertThat(deposit.sequence).isEqualTo(lastWhole + 1);
        }
        // the next start reads the sealed generation and the new one
        try (Node node = start(dir, topology)) {
            assertThat(node.recovery().damage()).isNull();
            assertThat(node.recovery().lastSequence()).isEqualTo(lastWhole + 1);
        }
        assertThat(Replay.replay(dir, config).lastSequence()).isEqualTo(lastWhole + 1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void ordersAndFillsShownBeforeARestartAreShownAfterIt(final Topology topology, @TempDir final Path dir) throws Exception {
        final long orderId;
        try (Node node = start(dir, topology)) {
            final NodeClient client = new NodeClient(node);
            client.submit(new Command().deposit(1, TestConfigs.USD, 1_000_000_000L));
            client.submit(new Command().deposit(2, TestConfigs.BTC, 100_000_000L));
            orderId = client.submit(new Command().placeOrder(1, TestConfigs.BTC_USD, Side.BUY, OrderType.LIMIT,
                10_000, 500)).resultId;
            client.submit(new Command().placeOrder(2, TestConfigs.BTC_USD, Side.SELL, OrderType.LIMIT, 10_000, 200));
        }
        try (Node node = start(dir, topology)) {
            final NodeClient client = new NodeClient(node);
            final long filled = client.<Long>query(n -> n.accounts().order(1, orderId).filled());
            final int fills = client.<Integer>query(n -> n.accounts().fills(2, Command.ALL_MARKETS, 0, 10, fill -> { }));
            assertThat(filled).isEqualTo(200);
            assertThat(fills).isEqualTo(1);
        }
    }
}
