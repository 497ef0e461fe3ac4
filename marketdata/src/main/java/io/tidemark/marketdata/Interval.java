package io.tidemark.marketdata;

import io.tidemark.engine.api.WireEnum;

/**
 * A candle interval. Candles are aligned to UTC epoch boundaries: a candle starts at a multiple of
 * its length since 1970-01-01T00:00:00Z, so a 4h candle starts at 00:00, 04:00, … UTC and a 1d
 * candle at midnight UTC (epoch time has no leap seconds, so every day is 86,400 s).
 */
public enum Interval implements WireEnum {
    ONE_MINUTE(0, "1m", 60),
    FIVE_MINUTES(1, "5m", 5 * 60),
    FIFTEEN_MINUTES(2, "15m", 15 * 60),
    ONE_HOUR(3, "1h", 3_600),
    FOUR_HOURS(4, "4h", 4 * 3_600),
    ONE_DAY(5, "1d", 86_400);

    private static final Interval[] VALUES = values();
    private static final Interval[] BY_CODE = WireEnum.byCode(values());
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int code;
    private final String wireName;
    private final long nanos;

    Interval(final int code, final String wireName, final long seconds) {
        this.code = code;
        this.wireName = wireName;
        this.nanos = seconds * NANOS_PER_SECOND;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public int code() {
        return code;
    }

    /** The interval's length in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    /** The start (epoch ns) of the candle of this interval that contains {@code epochNanos}. */
    public long startOf(final long epochNanos) {
        return epochNanos - Math.floorMod(epochNanos, nanos);
    }

    /** The interval with this wire name ({@code "1m"}, …, {@code "1d"}), or {@code null}. */
    public static Interval fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static Interval fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
