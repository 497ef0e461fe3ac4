package io.tidemark.gateway.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** API times: ISO-8601 UTC with microseconds, e.g. {@code 2026-11-21T09:30:00.123456Z}. */
public final class Times {
    private static final DateTimeFormatter ISO_MICROS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String ofEpochNanos(final long nanos) {
        return ISO_MICROS.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
            Math.floorMod(nanos, 1_000_000_000L)));
    }

    public static String ofEpochMillis(final long millis) {
        return ISO_MICROS.format(Instant.ofEpochMilli(millis));
    }
}
