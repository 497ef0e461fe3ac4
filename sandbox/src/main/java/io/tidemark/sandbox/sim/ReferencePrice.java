package io.tidemark.sandbox.sim;

import java.util.SplittableRandom;

/**
 * Where a market "should" trade: the log price moves with Student-t innovations whose volatility is
 * itself random — its logarithm mean-reverts (Ornstein-Uhlenbeck) around the configured annual level,
 * so calm and turbulent stretches last a while (volatility clustering, heavy-tailed returns). A share
 * of each innovation follows it over the next seconds (momentum: order flow persists), which also offsets
 * the slight mean reversion the book adds to the mid. News ({@link #jump}) moves the price at once and
 * lifts the volatility, which then decays back.
 */
final class ReferencePrice {
    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private static final double MAX_DEVIATIONS = 3;

    private final double meanVolatility;
    private final double volOfVol;
    private final double reversionPerSecond;
    private final double tailDof;
    private final double momentum;
    private final double momentumDecayPerSecond;
    private double logPrice;
    private double logVolDeviation;
    /** the echo of past innovations still to come, as a log-return per second */
    private double drift;

    ReferencePrice(final double start, final double annualVolatility, final double volOfVol, final double halfLifeSeconds,
                   final double tailDof, final double momentum, final double momentumHalfLifeSeconds) {
        this.logPrice = Math.log(start);
        this.momentum = momentum;
        this.momentumDecayPerSecond = Math.log(2) / momentumHalfLifeSeconds;
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
        // the innovation is scaled down so that, with its echo, the long-run volatility is the configured one
        final double sigma = volatility() * Math.sqrt(seconds / SECONDS_PER_YEAR) / (1 + momentum);
        final double innovation = sigma * Draws.studentT(random, tailDof);
        logPrice += innovation + drift * seconds - sigma * sigma / 2;
        // order flow persists: a share (momentum) of each innovation follows it over the next seconds
        drift = drift * Math.exp(-momentumDecayPerSecond * seconds) + momentum * momentumDecayPerSecond * innovation;
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
