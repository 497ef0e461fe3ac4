package io.tidemark.gateway.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTest {
    private static final DateTimeFormatter REFERENCE =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatsWithMicrosecondsInUtc() {
        assertThat(Times.ofEpochNanos(1_763_717_400_123_456_789L)).isEqualTo("2025-11-21T09:30:00.123456Z");
        assertThat(Times.ofEpochMillis(0)).isEqualTo("1970-01-01T00:00:00.000000Z");
        assertThat(Times.ofEpochMillis(1_714_521_600_007L)).isEqualTo("2024-05-01T00:00:00.007000Z");
    }

    @Test
    void agreesWithTheJdkFormatterEverywhere() {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            final long nanos = random.nextLong(0, 4_102_444_800_000_000_000L);
            assertThat(Times.ofEpochNanos(nanos)).isEqualTo(REFERENCE.format(Instant.ofEpochSecond(0, nanos)));
        }
    }
}
