package io.tidemark.marketdata.analytics;

/**
 * Integer helpers for grids of prices (profile rows, heatmap buckets) and exact rounding of the
 * derived values: everything in ticks or other integers, so results are exact and replay equal.
 */
public final class PriceGrid {
    private PriceGrid() {
    }

    /** The largest 1, 2 or 5 × 10^k not above {@code value} (1 for anything below 2). */
    public static long niceAtMost(final long value) {
        long best = 1;
        for (long step = 1; step <= Long.MAX_VALUE / 50; step *= 10) {
            if (step > value) {
                return best;
            }
            best = step;
            if (2 * step > value) {
                return best;
            }
            best = 2 * step;
            if (5 * step > value) {
                return best;
            }
            best = 5 * step;
        }
        return best;
    }

    /** The smallest 1, 2 or 5 × 10^k not below {@code value} (1 for anything below 2). */
    public static long niceAtLeast(final long value) {
        long step = 1;
        while (true) {
            if (value <= step) {
                return step;
            }
            if (value <= 2 * step) {
                return 2 * step;
            }
            if (value <= 5 * step) {
                return 5 * step;
            }
            step *= 10;
        }
    }

    /** {@code numerator / denominator} rounded half up (towards +∞ at exactly .5); denominator > 0. */
    public static long roundHalfUp(final long numerator, final long denominator) {
        return Math.floorDiv(2 * numerator + denominator, 2 * denominator);
    }

    /** {@code numerator / denominator} rounded half away from zero; denominator > 0. */
    public static long roundHalfAway(final long numerator, final long denominator) {
        final long magnitude = (2 * Math.abs(numerator) + denominator) / (2 * denominator);
        return numerator < 0 ? -magnitude : magnitude;
    }
}
