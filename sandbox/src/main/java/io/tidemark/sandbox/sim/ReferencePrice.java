package io.tidemark.sandbox.sim;

import java.util.SplittableRandom;

/**
 * Where a market "should" trade: the log price moves with Student-t innovations whose volatility is
 * itself random — its logarithm mean-reverts (Ornstein-Uhlenbeck) around the configured annual level,
 * so calm and turbulent stretches last a while (volatility clustering, heavy-tailed returns). Order flow
 * moves it for good ({@link #absorb}: price impact is permanent, so the makers re-quote around where a
 * trade left the price instead of pulling the mid back). News ({@link #jump}) moves the price at once and
 * lifts the volatility, which then decays back.
 */
final class ReferencePrice {
    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private static final double MAX_DEVIATIONS = 3;

    private final double meanVolatility;
    private final double volOfVol;
    private final double reversionPerSecond;
    private final double tailDof;
    private double logPrice;
    private double logVolDeviation;

    ReferencePrice(final double start, final double annualVolatility, final double volOfVol, final double halfLifeSeconds,
                   final double tailDof) {
        this.logPrice = Math.log(start);
        this.meanVolatility = annualVolatility;
        this.volOfVol = volOfVol;
        this.reversionPerSecond = Math.log(2) / halfLifeSeconds;
        this.tailDof = tailDof;
    }

    /** Advances {@code seconds}: the volatility's mean reversion, then one return drawn at the volatility now. */
    void step(final double seconds, final SplittableRandom random) {
        final double decay = Math.exp(-reversionPerSecond * seconds);
        // exact OU transition: the stationary deviation of the log volatility is volOfVol
        logVolDeviation = logVolDeviation * decay + volOfVol * Math.sqrt(1 - decay * decay) * Draws.gaussian(random);
        final double sigma = volatility() * Math.sqrt(seconds / SECONDS_PER_YEAR);
        logPrice += sigma * Draws.studentT(random, tailDof) - sigma * sigma / 2;
    }

    /** A trade's permanent price impact: the log price moves by {@code logReturn} and stays there. */
    void absorb(final double logReturn) {
        logPrice += logReturn;
    }

    /** A jump of the log price by {@code logReturn}, lifting the log volatility by {@code volBoost}. */
    void jump(final double logReturn, final double volBoost) {
        logPrice += logReturn;
        // bounded, so that news arriving in a turbulent stretch cannot compound without limit
        logVolDeviation = Math.min(logVolDeviation + volBoost, MAX_DEVIATIONS * volOfVol);
    }

    double price() {
        return Math.exp(logPrice);
    }

    /** The annual volatility now; its mean square is the configured level squared. */
    double volatility() {
        return meanVolatility * Math.exp(logVolDeviation - volOfVol * volOfVol);
    }

    /** How busy traders are now relative to average: e^deviation scaled to mean 1 (activity follows volatility). */
    double activity() {
        return Math.exp(logVolDeviation - volOfVol * volOfVol / 2);
    }
}
