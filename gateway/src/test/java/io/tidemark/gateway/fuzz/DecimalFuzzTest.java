package io.tidemark.gateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemark.engine.config.DecimalCodec;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one decimal codec against BigDecimal: any text either parses to exactly the value BigDecimal
 * reads from a plain decimal, or is refused with a sentinel; it never throws, never rounds, never wraps.
 * A short run over the seed corpus is part of {@code mvn verify}; {@code JAZZER_FUZZ=1} fuzzes (README).
 */
class DecimalFuzzTest {
    private static final Pattern PLAIN = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    @FuzzTest(maxDuration = "60s")
    void parsingIsExactOrRefused(final FuzzedDataProvider data) {
        final int scale = data.consumeInt(0, DecimalCodec.MAX_SCALE);
        final String text = data.consumeRemainingAsString();
        final long parsed = DecimalCodec.parse(text, scale);
        if (!PLAIN.matcher(text).matches()) {
            assertThat(parsed).as("'%s' at scale %d", text, scale).isIn(DecimalCodec.MALFORMED, DecimalCodec.OUT_OF_RANGE);
            return;
        }
        if (text.length() > DecimalCodec.MAX_TEXT_LENGTH) {
            // the codec bounds its input before reading it: any longer plain decimal is out of range
            assertThat(parsed).as("'%s'", text).isEqualTo(DecimalCodec.OUT_OF_RANGE);
            return;
        }
        final BigDecimal exact = new BigDecimal(text);
        final BigDecimal units = exact.movePointRight(scale);
        if (units.stripTrailingZeros().scale() > 0) {
            assertThat(parsed).as("'%s' at scale %d", text, scale).isEqualTo(DecimalCodec.TOO_PRECISE);
        } else if (units.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            assertThat(parsed).as("'%s' at scale %d", text, scale).isIn(DecimalCodec.OUT_OF_RANGE, DecimalCodec.MALFORMED);
        } else if (parsed >= 0) {
            assertThat(BigDecimal.valueOf(parsed)).isEqualByComparingTo(units);
            assertThat(new BigDecimal(DecimalCodec.format(parsed, scale))).isEqualByComparingTo(exact);
        } else {
            throw new AssertionError("'" + text + "' at scale " + scale + " refused with " + parsed);
        }
    }
}
