package io.tidemark.marketdata;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.marketdata.analytics.AnalyticsConfig;
import io.tidemark.marketdata.analytics.HeatmapView;
import io.tidemark.marketdata.analytics.Levels;
import io.tidemark.marketdata.analytics.MarketAnalytics;
import io.tidemark.marketdata.analytics.Overview;
import io.tidemark.marketdata.analytics.PeriodKind;
import io.tidemark.node.Node;
import io.tidemark.node.NodeClient;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.snapshot.SnapshotStore;
import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analytics registered in a real node after the market data: a restart from the final snapshot, from
 * an older snapshot plus the journal, or from the journal alone shows exactly what was there before
 * (CVD, large trades, every period's profile, heatmap samples), and it carries on aggregating.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AnalyticsNodeTest {
    private static final long[] THRESHOLDS = {60_000_000, 40_000_000, 30_000_000};
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    private static final class SteppingClock implements EpochNanoClock {
        private final SplittableRandom random = new SplittableRandom(7);
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

    private Node start(final Path dir, final long clockStart) throws Exception {
        // both factories run once per set of read models, in order: the analytics read the market data made just before
        return Node.start(new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO)
            .topology(Topology.FUSED).clock(new SteppingClock(clockStart))
            .readModel(set -> new MarketData(config))
            .readModel(set -> new MarketAnalytics(config, AnalyticsConfig.of(config, THRESHOLDS), set.get(MarketData.class))));
    }

    /** Everything the analytics answer, as text, plus the state hash. */
    private static String describe(final Node node) {
        return new NodeClient(node).query(n -> {
            final MarketAnalytics analytics = n.readModel(MarketAnalytics.class);
            final StringBuilder out = new StringBuilder().append(analytics.stateHash()).append('\n');
            for (int m = 0; m < 3; m++) {
                final Overview o = analytics.overview(m, new Overview());
                out.append(m).append(" cvd ").append(o.cvd1h).append('/').append(o.cvd24h).append(" large ")
                    .append(o.largeTrades24h).append(" imbalance ").append(o.imbalance).append('\n');
                for (final PeriodKind kind : PeriodKind.values()) {
                    final Levels l = analytics.levels(m, kind);
                    out.append(kind).append(' ').append(l.hasTrades).append(' ').append(l.poc).append(' ').append(l.val)
                        .append(' ').append(l.vah).append(' ').append(Arrays.toString(l.rowVolumes)).append('\n');
                }
                final HeatmapView h = analytics.heatmap(m, 720, new HeatmapView());
                out.append("heatmap ").append(h.samples).append(' ').append(Arrays.toString(h.bidAvgLots)).append(' ')
                    .append(Arrays.toString(h.askLow)).append('\n');
                analytics.largeTrades(m, 0, 0, null, 50, t -> out.append(t.tradeId()).append(t.label().wireName()).append(' '));
                out.append('\n');
            }
            return out.toString();
        });
    }

    private static long feed(final Node node, final RandomCommandGenerator generator, final int count, final boolean fund) {
        final NodeClient client = new NodeClient(node);
        long last = 0;
        if (fund) {
            for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
                last = client.submit(deposit).timestamp;
            }
        }
        final Command command = new Command();
        for (int i = 0; i < count; i++) {
            generator.next(command);
            final Command applied = client.submit(command);
            generator.observe(applied);
            last = applied.timestamp;
        }
        return last;
    }

    @Test
    void analyticsComeBackIdenticalAfterEveryKindOfRestartAndContinue(@TempDir final Path dir) throws Exception {
        final RandomCommandGenerator generator = new RandomCommandGenerator(23, config, 20);
        final String atClose;
        final Path middle;
        long lastTime;
        try (Node node = start(dir, RandomCommandGenerator.START_NANOS)) {
            feed(node, generator, 2_500, true);
            middle = node.snapshot().get(30, TimeUnit.SECONDS);
            lastTime = feed(node, generator, 2_500, false);
            atClose = describe(node);
        }
        assertThat(atClose).contains("true").containsPattern("\\d+(block|sweep|aggressive_buy|aggressive_sell)");

        try (Node node = start(dir, lastTime)) {
            assertThat(node.recovery().replayedCommands()).isZero();
            assertThat(describe(node)).isEqualTo(atClose);
        }

        deleteSnapshotsExcept(dir, middle);
        final String continued;
        try (Node node = start(dir, lastTime)) {
            assertThat(node.recovery().snapshot()).isEqualTo(middle);
            assertThat(node.recovery().replayedCommands()).isEqualTo(2_500);
            assertThat(describe(node)).isEqualTo(atClose);
            lastTime = feed(node, generator, 1_000, false);
            continued = describe(node);
        }
        assertThat(continued).isNotEqualTo(atClose);

        deleteSnapshotsExcept(dir, null);
        try (Node node = start(dir, lastTime)) {
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
