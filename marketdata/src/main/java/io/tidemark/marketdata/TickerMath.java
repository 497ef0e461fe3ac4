package io.tidemark.marketdata;

import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.Market;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The exact integer arithmetic behind the ticker's derived fields. Long arithmetic whenever the
 * result fits (the common case, no allocation); a BigInteger fallback for the extreme values a
 * configuration permits, so nothing ever overflows or throws on the view thread.
 */
final class TickerMath {
    /** change_pct_24h is in units of 10^-{@value} percent. */
    static final int CHANGE_PCT_SCALE = 4;
    /** 10^(2 + CHANGE_PCT_SCALE): from a ratio to percent at that scale. */
    private static final long PCT_FACTOR = 1_000_000L;

    private TickerMath() {
    }

    /**
     * (last − open) / open × 100 in units of 10^-4 percent, rounded half away from zero; saturates at
     * {@link Long#MAX_VALUE} (a rise of more than 9.2 × 10^14 percent). Both prices are ≥ 1 tick, so
     * the fall is at most −100 %.
     */
    static long changePct(final long open, final long last) {
        final long diff = last - open;
        final long scaled = multiplyOrNegative(Math.abs(diff), PCT_FACTOR);
        if (scaled >= 0) {
            final long quotient = scaled / open;
            final long remainder = scaled % open;
            final long rounded = remainder >= open - remainder ? quotient + 1 : quotient;
            return diff < 0 ? -rounded : rounded;
        }
        final BigDecimal exact = BigDecimal.valueOf(diff).multiply(BigDecimal.valueOf(PCT_FACTOR))
            .divide(BigDecimal.valueOf(open), 0, RoundingMode.HALF_UP);
        return exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 ? exact.longValueExact() : Long.MAX_VALUE;
    }

    /**
     * Appends supply × price in the quote asset's minor units, rounded down, formatted at the quote
     * asset's scale: {@code supplyUnits × priceTicks × quoteUnitsPerTickLot / baseUnitsPerLot}.
     * Split as (supply / lot) × p + (supply mod lot) × p / lot, which is exact and keeps the
     * products small, so the long path covers realistic supplies and prices.
     */
    static StringBuilder appendMarketCap(final StringBuilder out, final Market market, final long supplyUnits,
                                         final long priceTicks) {
        final long perLot = market.baseUnitsPerLot();
        final long quotePerLot = multiplyOrNegative(priceTicks, market.quoteUnitsPerTickLot());
        final long whole = multiplyOrNegative(supplyUnits / perLot, quotePerLot);
        final long partial = multiplyOrNegative(supplyUnits % perLot, quotePerLot);
        final int scale = market.quote().scale();
        if (quotePerLot >= 0 && whole >= 0 && partial >= 0 && whole <= Long.MAX_VALUE - partial / perLot) {
            return DecimalCodec.appendTo(out, whole + partial / perLot, scale);
        }
        final BigInteger units = BigInteger.valueOf(supplyUnits).multiply(BigInteger.valueOf(priceTicks))
            .multiply(BigInteger.valueOf(market.quoteUnitsPerTickLot())).divide(BigInteger.valueOf(perLot));
        return out.append(new BigDecimal(units, scale).toPlainString());
    }

    /** a × b for non-negative operands, or −1 when the product does not fit in a long. */
    private static long multiplyOrNegative(final long a, final long b) {
        if (a < 0 || b < 0) {
            return -1;
        }
        final long product = a * b;
        return Math.multiplyHigh(a, b) == 0 && product >= 0 ? product : -1;
    }
}
