package io.tidemark.sandbox.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The estimators behind sandbox-stats recover what known samples are made of. */
class MarketStatisticsTest {
    private final SplittableRandom random = new SplittableRandom(1);

    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void excessKurtosisIsZeroForNormalAndThreeForLaplace() {
        final double[] normal = new double[200_000];
        final double[] laplace = new double[200_000];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = gaussian();
            laplace[i] = (random.nextBoolean() ? 1 : -1) * -Math.log(1 - random.nextDouble());
        }
        assertThat(MarketStatistics.excessKurtosis(normal)).isCloseTo(0, within(0.1));
        assertThat(MarketStatistics.excessKurtosis(laplace)).isCloseTo(3, within(0.3));
    }

    @Test
    void autocorrelationOfAnAr1ProcessIsItsCoefficient() {
        final double[] x = new double[100_000];
        for (int i = 1; i < x.length; i++) {
            x[i] = 0.5 * x[i - 1] + gaussian();
        }
        assertThat(MarketStatistics.autocorrelation(x, 1)).isCloseTo(0.5, within(0.02));
        assertThat(MarketStatistics.autocorrelation(x, 2)).isCloseTo(0.25, within(0.02));
    }

    @Test
    void hillIndexRecoversAParetoTail() {
        final double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.pow(1 - random.nextDouble(), -1 / 1.5);
        }
        assertThat(MarketStatistics.hillTailIndex(values, 0.10)).isCloseTo(1.5, within(0.05));
    }

    @Test
    void poissonArrivalsHaveDispersionOneAndBurstsMore() {
        final List<TradePrint> poisson = new ArrayList<>();
        final List<TradePrint> bursts = new ArrayList<>();
        double t = 0;
        while (t < 10_000) {
            t += -Math.log(1 - random.nextDouble()) / 2;  // 2 a second
            poisson.add(new TradePrint((long) (t * 1000), 1, 1));
            if (random.nextDouble() < 0.2) {
                for (int i = 0; i < 10; i++) {
                    bursts.add(new TradePrint((long) (t * 1000), 1, 1));
                }
            }
        }
        assertThat(MarketStatistics.dispersionIndex(poisson, 0, 10_000_000)).isCloseTo(1, within(0.05));
        assertThat(MarketStatistics.dispersionIndex(bursts, 0, 10_000_000)).isGreaterThan(5);
    }

    @Test
    void figuresComeFromFiveSecondMidReturnsTheSpreadAndDepthByLevel() {
        final List<BookSample> samples = new ArrayList<>();
        for (int second = 0; second <= 10; second++) {
            final double mid = second < 5 ? 100 : 101;
            samples.add(new BookSample(second * 1000L, mid - 0.01, mid + 0.01, new double[] {1, 3, 2}, new double[] {1, 5, 2}));
        }
        final MarketFigures figures = MarketStatistics.of("X-Y", samples, List.of(new TradePrint(500, 100, 2)));
        assertThat(figures.returns()).isEqualTo(2);
        assertThat(MarketStatistics.midReturns(samples)).containsExactly(new double[] {Math.log(101 / 100.0), 0}, within(1e-12));
        assertThat(figures.minutes()).isCloseTo(11 / 60.0, within(1e-9));
        // six of the eleven samples are at 101
        assertThat(figures.medianSpreadBps()).isCloseTo(0.02 / 101 * 1e4, within(1e-9));
        assertThat(figures.depthByLevel()).startsWith(1, 4, 2).hasSize(MarketStatistics.DEPTH_LEVELS);
        assertThat(figures.depthPeakLevel()).isEqualTo(2);
    }
}
