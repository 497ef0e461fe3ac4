package io.tidemark.sandbox.sim;

import java.util.SplittableRandom;

/**
 * The random variates the model draws, each from a {@link SplittableRandom} the caller owns, so a
 * component's decisions depend only on its own stream (SplittableRandom on Java 17 has no Gaussian).
 */
final class Draws {
    private Draws() {
    }

    static double gaussian(final SplittableRandom random) {
        final double u1 = 1 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Student's t with {@code dof} (> 2) degrees of freedom, scaled to unit variance. */
    static double studentT(final SplittableRandom random, final double dof) {
        double chiSquare = 0;
        final int whole = (int) dof;
        for (int i = 0; i < whole; i++) {
            final double g = gaussian(random);
            chiSquare += g * g;
        }
        return gaussian(random) / Math.sqrt(chiSquare / whole) * Math.sqrt((whole - 2.0) / whole);
    }

    /** Pareto: at least {@code min}, tail index {@code alpha} (P(X > x) = (min/x)^alpha). */
    static double pareto(final SplittableRandom random, final double min, final double alpha) {
        return min * Math.pow(1 - random.nextDouble(), -1 / alpha);
    }

    /** Poisson with mean {@code mean} (Knuth's product method: the means here are small). */
    static int poisson(final SplittableRandom random, final double mean) {
        if (mean <= 0) {
            return 0;
        }
        final double limit = Math.exp(-Math.min(mean, 50));
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** A log-normal factor with median 1 and the given spread of its logarithm. */
    static double jitter(final SplittableRandom random, final double logSpread) {
        return Math.exp(logSpread * gaussian(random));
    }
}
