package io.tidemark.sandbox.sim;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Self-exciting arrivals keep the configured mean rate and are as bursty as a Hawkes process with an
 * exponential kernel should be; without excitation they are Poisson.
 */
class HawkesTest {
    private static final double STEP = 0.05;
    private static final double TOTAL_SECONDS = 40_000;

    /** Arrivals per window of {@code window} seconds: {mean rate per second, variance / mean of the counts}. */
    private static double[] counts(final Hawkes process, final double window) {
        final SplittableRandom random = new SplittableRandom(3);
        final int windows = (int) (TOTAL_SECONDS / window);
        final int steps = (int) Math.round(window / STEP);
        final double[] counts = new double[windows];
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < steps; i++) {
                counts[w] += process.arrivals(STEP, 1, random);
            }
        }
        double mean = 0;
        for (final double c : counts) {
            mean += c / windows;
        }
        double variance = 0;
        for (final double c : counts) {
            variance += (c - mean) * (c - mean) / (windows - 1);
        }
        return new double[] {mean / window, variance / mean};
    }

    /**
     * The dispersion index of counts in windows of T seconds for branching ratio n and kernel decay β:
     * (1 − (1 − (1−n)²)(1 − e^(−κT)) / (κT)) / (1−n)², with κ = β(1−n).
     */
    private static double theoreticalDispersion(final double branching, final double halfLife, final double window) {
        final double kappa = Math.log(2) / halfLife * (1 - branching);
        final double shrink = (1 - Math.exp(-kappa * window)) / (kappa * window);
        final double squared = (1 - branching) * (1 - branching);
        return (1 - (1 - squared) * shrink) / squared;
    }

    @Test
    void selfExcitationKeepsTheMeanRate() {
        assertThat(counts(new Hawkes(2, 0.6, 1.5), 1)[0]).isCloseTo(2, within(0.1));
    }

    @Test
    void selfExcitedArrivalsAreAsBurstyAsAHawkesProcess() {
        final double oneSecond = counts(new Hawkes(2, 0.6, 1.5), 1)[1];
        final double tenSeconds = counts(new Hawkes(2, 0.6, 1.5), 10)[1];
        assertThat(oneSecond).isCloseTo(theoreticalDispersion(0.6, 1.5, 1), within(0.15));
        assertThat(tenSeconds).isCloseTo(theoreticalDispersion(0.6, 1.5, 10), within(0.6));
        assertThat(tenSeconds).isGreaterThan(oneSecond);
    }

    @Test
    void withoutExcitationArrivalsArePoisson() {
        final double[] poisson = counts(new Hawkes(2, 0, 1.5), 1);
        assertThat(poisson[0]).isCloseTo(2, within(0.05));
        assertThat(poisson[1]).isCloseTo(1, within(0.05));
    }
}
