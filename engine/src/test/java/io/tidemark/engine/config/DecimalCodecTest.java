package io.tidemark.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalCodecTest {
    @Test
    void parsesPlainDecimalsExactlyAtTheGivenScale() {
        assertThat(DecimalCodec.parse("63000.5", 2)).isEqualTo(6_300_050);
        assertThat(DecimalCodec.parse("0.01", 8)).isEqualTo(1_000_000);
        assertThat(DecimalCodec.parse("7", 0)).isEqualTo(7);
        assertThat(DecimalCodec.parse("0", 6)).isZero();
    }

    @Test
    void acceptsTrailingZerosBeyondTheScaleBecauseNothingIsRounded() {
        assertThat(DecimalCodec.parse("1.5000", 2)).isEqualTo(150);
    }

    @Test
    void refusesMoreSignificantDecimalsThanTheScaleInsteadOfRounding() {
        assertThat(DecimalCodec.parse("1.005", 2)).isEqualTo(DecimalCodec.TOO_PRECISE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1e5", "1E5", " 1", "1 ", ".5", "5.", "1.2.3", "0x10", "１", "NaN", "1,5"})
    void refusesAnythingButPlainDigitsWithAnOptionalFraction(final String text) {
        assertThat(DecimalCodec.parse(text, 8)).isEqualTo(DecimalCodec.MALFORMED);
    }

    @Test
    void refusesValuesThatDoNotFitInALong() {
        assertThat(DecimalCodec.parse("92233720368.54775808", 8)).isEqualTo(DecimalCodec.OUT_OF_RANGE);
        assertThat(DecimalCodec.parse("99999999999999999999", 0)).isEqualTo(DecimalCodec.OUT_OF_RANGE);
        assertThat(DecimalCodec.parse("9".repeat(50), 0)).isEqualTo(DecimalCodec.OUT_OF_RANGE);
        assertThat(DecimalCodec.parse("92233720368.54775807", 8)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void formatsWithExactlyTheScaleDecimals() {
        assertThat(DecimalCodec.format(6_300_050, 2)).isEqualTo("63000.50");
        assertThat(DecimalCodec.format(5, 3)).isEqualTo("0.005");
        assertThat(DecimalCodec.format(0, 2)).isEqualTo("0.00");
        assertThat(DecimalCodec.format(-1_250, 2)).isEqualTo("-12.50");
        assertThat(DecimalCodec.format(42, 0)).isEqualTo("42");
    }

    @Test
    void formatAndParseRoundTrip() {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            final long units = random.nextLong(Long.MAX_VALUE);
            final int scale = random.nextInt(DecimalCodec.MAX_SCALE + 1);
            assertThat(DecimalCodec.parse(DecimalCodec.format(units, scale), scale)).isEqualTo(units);
        }
    }
}
