package io.tidemark.sandbox.sim;

import java.util.SplittableRandom;

/**
 * A self-exciting (Hawkes) arrival process with an exponential kernel, stepped on the simulation's
 * time grid: intensity = base × activity + excess; every arrival adds {@code jump} to the excess, which
 * decays with the given half-life. The branching ratio (arrivals caused per arrival) is
 * jump / decay-rate, so a long-run mean rate r needs base = r × (1 − branching). Arrivals come in bursts
 * (trades beget trades) while the average stays the configured rate.
 */
final class Hawkes {
    private final double base;
    private final double jump;
    private final double decayPerSecond;
    private double excess;

    /**
     * @param meanPerSecond the long-run mean rate
     * @param branching     arrivals triggered per arrival, 0 (Poisson) to below 1
     * @param halfLifeSeconds how long an arrival's excitation lasts
     */
    Hawkes(final double meanPerSecond, final double branching, final double halfLifeSeconds) {
        if (branching < 0 || branching >= 1) {
            throw new IllegalArgumentException("branching ratio must be in [0, 1): " + branching);
        }
        this.decayPerSecond = Math.log(2) / halfLifeSeconds;
        this.base = meanPerSecond * (1 - branching);
        this.jump = branching * decayPerSecond;
    }

    /** The arrivals in the next {@code seconds}, drawn at the intensity now; they excite what follows. */
    int arrivals(final double seconds, final double activity, final SplittableRandom random) {
        final int count = Draws.poisson(random, (base * activity + excess) * seconds);
        excess = excess * Math.exp(-decayPerSecond * seconds) + jump * count;
        return count;
    }

    /** Excitation from outside (another process's event), as if {@code arrivals} had happened here. */
    void excite(final double arrivals) {
        excess += jump * arrivals;
    }
}
