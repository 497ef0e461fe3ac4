package io.tidemark.sandbox.sim;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.sandbox.SandboxConfig;
import io.tidemark.sandbox.stats.MarketFigures;
import io.tidemark.sandbox.stats.MarketStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stylized facts of issue 24, on the default simulation run against the real matching engine in
 * simulated time (no server): 8 minutes of BTC-USD per seed, measured by the statistics code
 * {@code sandbox-stats} uses. Each fact is asserted on the median over {@link #SEEDS} seeds — a property
 * of the model, not of one lucky path (with 96 five-second returns a single run's figures scatter
 * widely) — and each goal must be met by most seeds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SimulatedMarketStatisticsTest {
    /** Seeds 1..N; {@code -Dtidemark.sim.seeds=100} for a wider look (its summary line says how many met every goal). */
    private static final int SEEDS = Integer.getInteger("tidemark.sim.seeds", 20);
    private static final double MINUTES = 8;
    private static final String PAIR = "BTC-USD";

    private static ExchangeConfig exchange;
    private static SandboxConfig.Simulation defaults;
    private static final List<MarketFigures> RUNS = new ArrayList<>();
    /** per seed: the lag-1 autocorrelation of the mid's 5-s returns minus that of the reference price's */
    private static final List<Double> BOOK_LAG1_EXCESS = new ArrayList<>();

    @BeforeAll
    static void runSeeds() {
        final ConfigFile file = ConfigFile.defaults();
        exchange = file.exchange();
        defaults = SandboxConfig.from(file, exchange).simulation();
        for (int seed = 1; seed <= SEEDS; seed++) {
            final SeededMarketRun run = run(seed);
            final MarketFigures figures = run.figures.get(PAIR);
            RUNS.add(figures);
            BOOK_LAG1_EXCESS.add(figures.lag1Autocorrelation() - referenceLag1(run.references.get(PAIR)));
        }
        final Map<String, Integer> unmet = unmetByGoal();
        final double[] lag1 = RUNS.stream().mapToDouble(MarketFigures::lag1Autocorrelation).sorted().toArray();
        System.out.printf(Locale.ROOT, "simulated %s, seeds 1-%d, %.0f min each: %d meet every goal of issue 24; unmet %s;"
                + " medians: trades/min %.1f, excess kurtosis %.2f, |r| autocorrelation %.3f, lag-1 autocorrelation %.3f"
                + " (10th-90th percentile %.3f to %.3f; the book's share: %.3f), Hill %.2f, dispersion %.2f,"
                + " spread %.2f bps%n", PAIR, SEEDS, MINUTES,
            RUNS.stream().filter(run -> run.unmetGoals().isEmpty()).count(), unmet,
            median(MarketFigures::tradesPerMinute), median(MarketFigures::excessKurtosis),
            median(MarketFigures::absReturnAutocorrelation), median(MarketFigures::lag1Autocorrelation),
            lag1[SEEDS / 10], lag1[SEEDS * 9 / 10], median(BOOK_LAG1_EXCESS), median(MarketFigures::hillTailIndex),
            median(MarketFigures::dispersionIndex), median(MarketFigures::medianSpreadBps));
    }

    /** How many seeds missed each goal. */
    private static Map<String, Integer> unmetByGoal() {
        final Map<String, Integer> unmet = new TreeMap<>();
        for (final MarketFigures run : RUNS) {
            for (final String goal : run.unmetGoals().split("; ")) {
                if (!goal.isEmpty()) {
                    unmet.merge(goal.replaceAll("level \\d+", "level N"), 1, Integer::sum);
                }
            }
        }
        return unmet;
    }

    /** The lag-1 autocorrelation of the reference price's 5-s log returns, from its one-a-second samples. */
    private static double referenceLag1(final List<Double> perSecond) {
        final int count = (perSecond.size() - 1) / MarketStatistics.RETURN_SAMPLES;
        final double[] returns = new double[count];
        for (int i = 0; i < count; i++) {
            returns[i] = Math.log(perSecond.get((i + 1) * MarketStatistics.RETURN_SAMPLES)
                / perSecond.get(i * MarketStatistics.RETURN_SAMPLES));
        }
        return MarketStatistics.autocorrelation(returns, 1);
    }

    private static SeededMarketRun run(final long seed) {
        return new SeededMarketRun(exchange, new SandboxConfig.Simulation(seed, defaults.makers(), defaults.takers(),
            defaults.levelsPerSide(), defaults.dynamics(), defaults.accountFunding(), defaults.markets()), MINUTES);
    }

    private static double median(final ToDoubleFunction<MarketFigures> figure) {
        return median(RUNS.stream().mapToDouble(figure).boxed().toList());
    }

    private static double median(final List<Double> list) {
        final double[] values = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return (values[(values.length - 1) / 2] + values[values.length / 2]) / 2;
    }

    @Test
    void tradesAtLeastOncePerSecond() {
        assertThat(median(MarketFigures::tradesPerMinute)).isGreaterThanOrEqualTo(60);
    }

    @Test
    void returnsAreHeavyTailed() {
        assertThat(median(MarketFigures::excessKurtosis)).isGreaterThan(3);
    }

    @Test
    void volatilityClusters() {
        assertThat(median(MarketFigures::absReturnAutocorrelation)).isGreaterThan(0.1);
    }

    /**
     * Over 20 seeds the median's own sampling error is about ±0.05 (one run's lag-1 scatters by about
     * ±0.2 under clustered volatility), so this bound catches a systematic autocorrelation, not noise.
     */
    @Test
    void returnsHaveNoLinearAutocorrelation() {
        assertThat(Math.abs(median(MarketFigures::lag1Autocorrelation))).isLessThan(0.1);
    }

    /**
     * Price impact is permanent: the makers re-quote around where a trade left the price, so the mid's
     * returns are barely more mean-reverting than the reference price's own (same path, same window).
     */
    @Test
    void theBookAddsLittleMeanReversionToThePrice() {
        assertThat(median(BOOK_LAG1_EXCESS)).isGreaterThan(-0.04);
    }

    @Test
    void tradeNotionalIsHeavyTailed() {
        assertThat(median(MarketFigures::hillTailIndex)).isBetween(1.0, 2.5);
    }

    @Test
    void tradesArriveInBursts() {
        assertThat(median(MarketFigures::dispersionIndex)).isGreaterThan(1.5);
    }

    @Test
    void theSpreadIsAFewBasisPoints() {
        assertThat(median(MarketFigures::medianSpreadBps)).isLessThanOrEqualTo(5);
    }

    @Test
    void depthPeaksAFewLevelsFromTheTouch() {
        for (final MarketFigures run : RUNS) {
            final double[] depth = run.depthByLevel();
            assertThat(run.depthPeakLevel()).as(run.describe()).isBetween(2, 8);
            assertThat(depth[9]).as(run.describe()).isLessThan(depth[run.depthPeakLevel() - 1]);
            assertThat(depth[0]).as(run.describe()).isLessThan(depth[run.depthPeakLevel() - 1]);
        }
    }

    @Test
    void everyBookKeepsTwentyLevelsASide() {
        final SeededMarketRun run = run(defaults.seed());
        for (final int[] levels : run.levelsAtEnd.values()) {
            assertThat(levels[0]).isGreaterThanOrEqualTo(20);
            assertThat(levels[1]).isGreaterThanOrEqualTo(20);
        }
    }

    /** Each goal on its own is met by most seeds (a single path may miss one: see the summary line). */
    @Test
    void mostSeedsMeetEachGoal() {
        assertThat(unmetByGoal().values()).allSatisfy(misses -> assertThat(misses).isLessThan(SEEDS / 2));
    }

    @Test
    void theSameSeedGivesTheSameMarket() {
        final SeededMarketRun first = run(7);
        final SeededMarketRun second = run(7);
        for (final String pair : first.figures.keySet()) {
            assertThat(second.figures.get(pair).describe()).isEqualTo(first.figures.get(pair).describe());
            assertThat(second.references.get(pair)).isEqualTo(first.references.get(pair));
        }
        assertThat(run(8).figures.get(PAIR).describe()).isNotEqualTo(first.figures.get(PAIR).describe());
    }
}
