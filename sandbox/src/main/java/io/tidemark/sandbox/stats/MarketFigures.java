package io.tidemark.sandbox.stats;

import java.util.Locale;

/**
 * The stylized facts of one market over a window, as issue 24 lists them: trade rate, the shape of
 * 5-second mid-price returns (excess kurtosis, volatility clustering as the autocorrelation of |r|,
 * linear autocorrelation), the tail of trade notional (Hill index), burstiness of trades per second
 * (variance / mean), the median spread and the average depth by level.
 */
public record MarketFigures(String pair, double minutes, long trades, double tradesPerMinute, int returns,
                            double excessKurtosis, double absReturnAutocorrelation, double lag1Autocorrelation,
                            double hillTailIndex, double dispersionIndex, double medianSpreadBps, double[] depthByLevel) {

    /** The level (1-based) with the largest average depth. */
    public int depthPeakLevel() {
        int peak = 0;
        for (int i = 1; i < depthByLevel.length; i++) {
            if (depthByLevel[i] > depthByLevel[peak]) {
                peak = i;
            }
        }
        return peak + 1;
    }

    /**
     * Issue 24's goals for a liquid pair: ≥ 60 trades/min, excess kurtosis > 3, mean |r| autocorrelation
     * > 0.1, |lag-1 autocorrelation| < 0.15, Hill index in [1, 2.5], dispersion > 1.5, median spread ≤ 5 bps,
     * depth peaking at levels 2-8 and lower at level 10 than at the peak. Empty when all are met, else what failed.
     */
    public String unmetGoals() {
        final StringBuilder unmet = new StringBuilder();
        check(unmet, tradesPerMinute >= 60, "trades/min < 60");
        check(unmet, excessKurtosis > 3, "excess kurtosis <= 3");
        check(unmet, absReturnAutocorrelation > 0.1, "|r| autocorrelation <= 0.1");
        check(unmet, Math.abs(lag1Autocorrelation) < 0.15, "|lag-1 autocorrelation| >= 0.15");
        check(unmet, hillTailIndex >= 1 && hillTailIndex <= 2.5, "Hill index outside [1, 2.5]");
        check(unmet, dispersionIndex > 1.5, "dispersion <= 1.5");
        check(unmet, medianSpreadBps <= 5, "median spread > 5 bps");
        final int peak = depthPeakLevel();
        check(unmet, peak >= 2 && peak <= 8, "depth peaks at level " + peak);
        check(unmet, depthByLevel.length >= 10 && depthByLevel[9] < depthByLevel[peak - 1], "depth at level 10 not below the peak");
        return unmet.toString();
    }

    private static void check(final StringBuilder unmet, final boolean met, final String what) {
        if (!met) {
            unmet.append(unmet.length() == 0 ? "" : "; ").append(what);
        }
    }

    /** The figures as lines for a person. */
    public String describe() {
        final StringBuilder depth = new StringBuilder();
        for (int i = 0; i < depthByLevel.length; i++) {
            depth.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4g", depthByLevel[i]));
        }
        return String.format(Locale.ROOT, """
            %s over %.1f min: %d trades, %.1f trades/min
              5-s mid log returns (%d): excess kurtosis %.2f, mean |r| autocorrelation (lags 1-5) %.3f, lag-1 autocorrelation %.3f
              Hill tail index of trade notional (top 10 %%) %.2f, dispersion index of trades per second %.2f
              median spread %.2f bps, average depth (base, per side) at levels 1-%d: %s (peak at level %d)""",
            pair, minutes, trades, tradesPerMinute, returns, excessKurtosis, absReturnAutocorrelation,
            lag1Autocorrelation, hillTailIndex, dispersionIndex, medianSpreadBps, depthByLevel.length, depth,
            depthPeakLevel());
    }
}
