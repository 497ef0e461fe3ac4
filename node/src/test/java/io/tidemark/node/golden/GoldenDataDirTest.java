package io.tidemark.node.golden;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.RecordingListener;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.Node;
import io.tidemark.node.NodeClient;
import io.tidemark.node.Replay;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.snapshot.SnapshotStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory written by the code before the wire layouts had explicit codes (see
 * {@link GoldenDataDirWriter}) still replays and recovers to the very same state: the journal's
 * command records, the snapshot sections and the engine's event bytes are read as they were written,
 * and an engine restored from an old snapshot writes its state back in the very same bytes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GoldenDataDirTest {
    private static final String FIXTURE = "/io/tidemark/node/golden/v1";

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final Properties expected = new Properties();

    @TempDir
    Path dir;

    /** The fixture this runs against; {@code GoldenOperatorDataDirTest} runs the same checks on another. */
    String fixture() {
        return FIXTURE;
    }

    @BeforeEach
    void copyFixture() throws Exception {
        final Path fixture = Path.of(GoldenDataDirTest.class.getResource(fixture()).toURI());
        try (InputStream in = Files.newInputStream(fixture.resolve("expected.properties"))) {
            expected.load(in);
        }
        try (Stream<Path> files = Files.walk(fixture)) {
            files.forEach(source -> copy(source, dir.resolve(fixture.relativize(source).toString())));
        }
    }

    private static void copy(final Path source, final Path target) {
        try {
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long hash(final String key) {
        return Long.parseUnsignedLong(expected.getProperty(key), 16);
    }

    private Node start(final Topology topology) throws IOException {
        return Node.start(new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO)
            .topology(topology));
    }

    @Test
    void theOldJournalReplaysToTheSameStateHash() {
        final Replay.Outcome outcome = Replay.replay(dir, config);
        assertThat(outcome.damage()).isNull();
        assertThat(outcome.lastSequence()).isEqualTo(Long.parseLong(expected.getProperty("last.sequence")));
        assertThat(outcome.stateHash()).isEqualTo(hash("engine.state.hash"));
    }

    @Test
    void theOldJournalReplaysToTheSameEventBytes() {
        assertThat(GoldenEvents.crc32cOfReplay(dir, config)).isEqualTo(hash("events.crc32c"));
    }

    @Test
    void theOldSnapshotsEngineSectionsAreWrittenBackByteForByte() throws Exception {
        try (Stream<Path> snapshots = Files.list(dir.resolve("snapshots"))) {
            for (final Path file : (Iterable<Path>) snapshots::iterator) {
                final byte[] old = SnapshotStore.read(file, config.fingerprint()).sections()
                    .get(SnapshotStore.ENGINE_SECTION);
                final MatchingEngine engine = MatchingEngine.fromSnapshot(config, new RecordingListener(),
                    new SnapshotInput(old));
                final SnapshotOutput rewritten = new SnapshotOutput(old.length);
                engine.writeSnapshot(rewritten);
                assertThat(rewritten.toByteArray()).as(file.getFileName().toString()).isEqualTo(old);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void theOldNewestSnapshotLoadsAndNothingIsReplayedAfterIt(final Topology topology) throws Exception {
        try (Node node = start(topology)) {
            assertThat(node.recovery().skippedSnapshots()).isEmpty();
            assertThat(node.recovery().snapshotSequence()).isEqualTo(Long.parseLong(expected.getProperty("last.sequence")));
            assertThat(node.recovery().replayedCommands()).isZero();
            assertThat(node.recovery().engineStateHash()).isEqualTo(hash("engine.state.hash"));
            assertThat(new NodeClient(node).<Long>query(n -> n.accounts().stateHash())).isEqualTo(hash("views.state.hash"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void theOldMiddleSnapshotPlusTheOldJournalAfterItRecoverTheSameState(final Topology topology) throws Exception {
        final Path middle = dir.resolve("snapshots").resolve(expected.getProperty("middle.snapshot"));
        try (Stream<Path> snapshots = Files.list(dir.resolve("snapshots"))) {
            for (final Path snapshot : (Iterable<Path>) snapshots::iterator) {
                if (!snapshot.equals(middle)) {
                    Files.delete(snapshot);
                }
            }
        }
        try (Node node = start(topology)) {
            assertThat(node.recovery().skippedSnapshots()).isEmpty();
            assertThat(node.recovery().snapshot()).isEqualTo(middle);
            assertThat(node.recovery().replayedCommands()).isEqualTo(
                Long.parseLong(expected.getProperty("last.sequence"))
                    - Long.parseLong(expected.getProperty("middle.snapshot.sequence")));
            assertThat(node.recovery().engineStateHash()).isEqualTo(hash("engine.state.hash"));
            assertThat(new NodeClient(node).<Long>query(n -> n.accounts().stateHash())).isEqualTo(hash("views.state.hash"));
        }
    }
}
