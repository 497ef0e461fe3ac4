package io.tidemark.marketdata;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.Node;
import io.tidemark.node.NodeClient;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.snapshot.SnapshotStore;
import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market data registered in a real node (journal, snapshots, pipeline): it equals a model fed
 * in-process with the same commands, and after a restart — from the final snapshot, from an older
 * snapshot plus the journal, or from the journal alone — it is identical (seq, books, checksums,
 * tape, ticker windows, candles) and keeps numbering and aggregating from where it was.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MarketDataNodeTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    /** Command time for the sequencer: steps of up to two minutes, so a few thousand commands span days. */
    private static final class SteppingClock implements EpochNanoClock {
        private final SplittableRandom random = new SplittableRandom(99);
        private long time;

        SteppingClock(final long start) {
            this.time = start;
        }

        @Override
        public synchronized long nanoTime() {
            time += random.nextLong(120_000_000_000L);
            return time;
        }
    }

    /** The node's commands, applied in-process to an engine and a model of our own. */
    private final class Reference {
        final MarketData md = new MarketData(config);
        final MatchingEngine engine = new MatchingEngine(config, md);
        final RandomCommandGenerator generator = new RandomCommandGenerator(17, config, 20);
        final Command copy = new Command();
        long lastTime = RandomCommandGenerator.START_NANOS;

        void feed(final Node node, final int count, final boolean fund) {
            final NodeClient client = new NodeClient(node);
            if (fund) {
                for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
                    apply(client.submit(deposit));
                }
            }
            final Command command = new Command();
            for (int i = 0; i < count; i++) {
                generator.next(command);
                generator.observe(apply(client.submit(command)));
            }
        }

        /** Applies what the node applied (same sequence and timestamp), and checks the outcome agrees. */
        private Command apply(final Command applied) {
            copy.copyFrom(applied);
            engine.process(copy);
            assertThat(copy.result).isEqualTo(applied.result);
            lastTime = applied.timestamp;
            return applied;
        }
    }

    private Node start(final Path dir, final long clockStart, final Topology topology) throws Exception {
        return Node.start(new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO).topology(topology)
            .clock(new SteppingClock(clockStart)).readModel(set -> new MarketData(config)));
    }

    private static String describe(final Node node) {
        return new NodeClient(node).query(n -> {
            final MarketData md = n.readModel(MarketData.class);
            return md.stateHash() + "\n" + Published.describe(md);
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void marketDataComesBackIdenticalAfterEveryKindOfRestartAndContinues(final Topology topology, @TempDir final Path dir) throws Exception {
        final Reference reference = new Reference();
        final String atClose;
        final Path middle;
        try (Node node = start(dir, RandomCommandGenerator.START_NANOS, topology)) {
            reference.feed(node, 2_500, true);
            middle = node.snapshot().get(30, TimeUnit.SECONDS);
            reference.feed(node, 2_500, false);
            atClose = describe(node);
        }
        assertThat(atClose).isEqualTo(reference.md.stateHash() + "\n" + Published.describe(reference.md));
        assertThat(reference.lastTime - RandomCommandGenerator.START_NANOS).as("command time spanned")
            .isGreaterThan(3L * 86_400_000_000_000L);
        assertThat(reference.md.candles(0, Interval.ONE_DAY, 0, 10, c -> { })).isGreaterThanOrEqualTo(3);
        assertThat(reference.md.bookSeq(0)).isGreaterThan(500);

        // from the final snapshot
        try (Node node = start(dir, reference.lastTime, topology)) {
            assertThat(node.recovery().replayedCommands()).isZero();
            assertThat(describe(node)).isEqualTo(atClose);
        }

        // from the middle snapshot and the journal after it; then it carries on exactly like the reference
        deleteSnapshotsExcept(dir, middle);
        final String continued;
        try (Node node = start(dir, reference.lastTime, topology)) {
            assertThat(node.recovery().snapshot()).isEqualTo(middle);
            assertThat(node.recovery().replayedCommands()).isEqualTo(2_500);
            assertThat(describe(node)).isEqualTo(atClose);

            final NodeClient client = new NodeClient(node);
            final long seqBefore = client.query(n -> n.readModel(MarketData.class).bookSeq(0));
            final Published.Recorder stream = new Published.Recorder();
            client.query(n -> n.readModel(MarketData.class).listener(stream));
            reference.feed(node, 1_500, false);
            continued = describe(node);
            final List<Published.PublishedDelta> deltas = client.query(
                n -> List.copyOf(stream.ofType(Published.PublishedDelta.class)));
            final List<Published.PublishedDelta> first = deltas.stream().filter(d -> d.marketId() == 0).limit(1).toList();
            assertThat(first).singleElement().satisfies(d -> assertThat(d.prevSeq()).isEqualTo(seqBefore));
        }
        assertThat(continued).isEqualTo(reference.md.stateHash() + "\n" + Published.describe(reference.md))
            .isNotEqualTo(atClose);

        // from the journal alone
        deleteSnapshotsExcept(dir, null);
        try (Node node = start(dir, reference.lastTime, topology)) {
            assertThat(node.recovery().snapshot()).isNull();
            assertThat(describe(node)).isEqualTo(continued);
        }
    }

    private static void deleteSnapshotsExcept(final Path dir, final Path keep) throws Exception {
        for (final Path snapshot : new SnapshotStore(dir.resolve("snapshots"), 3).files()) {
            if (!snapshot.equals(keep)) {
                Files.delete(snapshot);
            }
        }
    }
}
