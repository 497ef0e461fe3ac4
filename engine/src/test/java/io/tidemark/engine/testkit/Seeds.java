package io.tidemark.engine.testkit;

/**
 * Seeds for randomized tests: {@code -Dtidemark.seed=N} replays a failure; otherwise each test uses
 * its fixed default, so CI is repeatable. Failures name the seed and how to replay it.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long seed(final long defaultSeed) {
        return Long.getLong("tidemark.seed", defaultSeed);
    }

    public static int count(final String property, final int defaultCount) {
        return Integer.getInteger(property, defaultCount);
    }

    public static String replayHint(final long seed) {
        return "seed " + seed + " (replay with -Dtidemark.seed=" + seed + ")";
    }
}
