package io.tidemark.sandbox.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Computes {@link MarketFigures} from book samples taken once a second and the trades of a window —
 * the one implementation behind {@code sandbox-stats} and the simulation model's own test.
 */
public final class MarketStatistics {
    /** Returns are of the mid price over this many one-second samples. */
    public static final int RETURN_SAMPLES = 5;
    public static final int DEPTH_LEVELS = 10;
    private static final int MAX_LAG = 5;
    private static final double TAIL_SHARE = 0.10;

    private MarketStatistics() {
    }

    /**
     * @param samples one a second, in time order; the window is from the first sample to one second after the last
     * @param trades  the window's trades, any order
     */
    public static MarketFigures of(final String pair, final List<BookSample> samples, final List<TradePrint> trades) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no book samples of " + pair);
        }
        final long start = samples.get(0).timeMillis();
        final long end = samples.get(samples.size() - 1).timeMillis() + 1_000;
        final double minutes = (end - start) / 60_000.0;
        final double[] returns = midReturns(samples);
        final double[] absolute = Arrays.stream(returns).map(Math::abs).toArray();
        double absCorrelation = 0;
        for (int lag = 1; lag <= MAX_LAG; lag++) {
            absCorrelation += autocorrelation(absolute, lag);
        }
        final double[] notional = trades.stream().mapToDouble(TradePrint::notional).toArray();
        return new MarketFigures(pair, minutes, trades.size(), trades.size() / minutes, returns.length,
            excessKurtosis(returns), absCorrelation / MAX_LAG, autocorrelation(returns, 1), hillTailIndex(notional, TAIL_SHARE),
            dispersionIndex(trades, start, end), medianSpreadBps(samples), averageDepth(samples));
    }

    /** Log returns of the mid over non-overlapping runs of {@link #RETURN_SAMPLES} samples (one-sided books skipped). */
    static double[] midReturns(final List<BookSample> samples) {
        final double[] mids = samples.stream().filter(BookSample::twoSided).mapToDouble(BookSample::mid).toArray();
        final int count = Math.max(0, (mids.length - 1) / RETURN_SAMPLES);
        final double[] returns = new double[count];
        for (int i = 0; i < count; i++) {
            returns[i] = Math.log(mids[(i + 1) * RETURN_SAMPLES] / mids[i * RETURN_SAMPLES]);
        }
        return returns;
    }

    /** m4 / m2² − 3 about the sample mean (0 for a normal distribution); NaN with fewer than 4 values. */
    public static double excessKurtosis(final double[] x) {
        if (x.length < 4) {
            return Double.NaN;
        }
        final double mean = mean(x);
        double m2 = 0;
        double m4 = 0;
        for (final double v : x) {
            final double d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= x.length;
        m4 /= x.length;
        return m2 == 0 ? Double.NaN : m4 / (m2 * m2) - 3;
    }

    /** The sample autocorrelation at {@code lag}: Σ(x_t − x̄)(x_{t+lag} − x̄) / Σ(x_t − x̄)². */
    public static double autocorrelation(final double[] x, final int lag) {
        if (x.length <= lag + 1) {
            return Double.NaN;
        }
        final double mean = mean(x);
        double numerator = 0;
        double denominator = 0;
        for (int t = 0; t < x.length; t++) {
            denominator += (x[t] - mean) * (x[t] - mean);
            if (t + lag < x.length) {
                numerator += (x[t] - mean) * (x[t + lag] - mean);
            }
        }
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    /**
     * Hill's estimator of the tail index over the largest {@code share} of the values: k / Σ ln(x_i / x_(k+1))
     * for the k largest; a Pareto tail P(X > x) ~ x^-α gives α. NaN when there are too few values.
     */
    public static double hillTailIndex(final double[] values, final double share) {
        final double[] sorted = Arrays.stream(values).filter(v -> v > 0).sorted().toArray();
        final int k = (int) Math.floor(sorted.length * share);
        if (k < 2) {
            return Double.NaN;
        }
        final double threshold = sorted[sorted.length - k - 1];
        double sum = 0;
        for (int i = sorted.length - k; i < sorted.length; i++) {
            sum += Math.log(sorted[i] / threshold);
        }
        return sum == 0 ? Double.NaN : k / sum;
    }

    /** Variance / mean of the number of trades in each whole second of [start, end); 1 for Poisson arrivals. */
    static double dispersionIndex(final List<TradePrint> trades, final long start, final long end) {
        final int seconds = (int) ((end - start) / 1_000);
        if (seconds < 2) {
            return Double.NaN;
        }
        final double[] counts = new double[seconds];
        for (final TradePrint trade : trades) {
            final long bin = (trade.timeMillis() - start) / 1_000;
            if (bin >= 0 && bin < seconds) {
                counts[(int) bin]++;
            }
        }
        final double mean = mean(counts);
        double variance = 0;
        for (final double c : counts) {
            variance += (c - mean) * (c - mean);
        }
        variance /= seconds - 1;
        return mean == 0 ? Double.NaN : variance / mean;
    }

    static double medianSpreadBps(final List<BookSample> samples) {
        final double[] spreads = samples.stream().filter(BookSample::twoSided).mapToDouble(BookSample::spreadBps).sorted()
            .toArray();
        if (spreads.length == 0) {
            return Double.NaN;
        }
        final int n = spreads.length;
        return n % 2 == 1 ? spreads[n / 2] : (spreads[n / 2 - 1] + spreads[n / 2]) / 2;
    }

    /** Average size at each of the first {@link #DEPTH_LEVELS} levels, over samples and both sides. */
    static double[] averageDepth(final List<BookSample> samples) {
        final double[] depth = new double[DEPTH_LEVELS];
        for (final BookSample sample : samples) {
            for (int level = 0; level < DEPTH_LEVELS; level++) {
                depth[level] += (size(sample.bidSizes(), level) + size(sample.askSizes(), level)) / 2;
            }
        }
        for (int level = 0; level < DEPTH_LEVELS; level++) {
            depth[level] /= samples.size();
        }
        return depth;
    }

    private static double size(final double[] sizes, final int level) {
        return level < sizes.length ? sizes[level] : 0;
    }

    private static double mean(final double[] x) {
        double sum = 0;
        for (final double v : x) {
            sum += v;
        }
        return x.length == 0 ? 0 : sum / x.length;
    }
}
