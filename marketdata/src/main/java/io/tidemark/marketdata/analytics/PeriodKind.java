package io.tidemark.marketdata.analytics;

/**
 * The periods of the levels endpoint, all UTC: hours on the hour, days from 00:00, weeks from Monday
 * 00:00. The code is written to snapshots, so it is fixed beside each constant.
 */
public enum PeriodKind {
    HOUR(0, "1h"), DAY(1, "1d"), WEEK(2, "1w");

    static final long HOUR_NANOS = 3_600_000_000_000L;
    static final long DAY_NANOS = 24 * HOUR_NANOS;
    private static final long WEEK_NANOS = 7 * DAY_NANOS;
    /** 1970-01-01 was a Thursday: Monday-aligned weeks start 3 days before multiples of 7 days. */
    private static final long WEEK_OFFSET_NANOS = 3 * DAY_NANOS;

    private final int code;
    private final String wireName;

    PeriodKind(final int code, final String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    public static PeriodKind fromWire(final String name) {
        for (final PeriodKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    public long lengthNanos() {
        return switch (this) {
            case HOUR -> HOUR_NANOS;
            case DAY -> DAY_NANOS;
            case WEEK -> WEEK_NANOS;
        };
    }

    /** The start (epoch ns) of the period that holds {@code epochNanos}. */
    public long startOf(final long epochNanos) {
        return switch (this) {
            case HOUR, DAY -> Math.floorDiv(epochNanos, lengthNanos()) * lengthNanos();
            case WEEK -> Math.floorDiv(epochNanos + WEEK_OFFSET_NANOS, WEEK_NANOS) * WEEK_NANOS - WEEK_OFFSET_NANOS;
        };
    }
}
