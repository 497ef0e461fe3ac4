package io.tidemark.engine.config;

/**
 * The one decimal codec: exact conversion between decimal strings ({@code "63000.5"}) and integer
 * units at a given scale (units = value × 10^scale), with no floating point anywhere.
 *
 * <p>Accepted: {@code digits} or {@code digits.digits}. Rejected: signs, exponents, blanks, a bare or
 * trailing dot, and more significant decimals than the scale allows (trailing zeros beyond the scale
 * are exact and accepted). Parsing returns a negative sentinel instead of throwing, because it runs
 * on request paths where bad input is ordinary.
 */
public final class DecimalCodec {
    /** Not a plain non-negative decimal number. */
    public static final long MALFORMED = -1;
    /** More significant decimals than the scale allows: the value would have to be rounded. */
    public static final long TOO_PRECISE = -2;
    /** Does not fit in a long at this scale. */
    public static final long OUT_OF_RANGE = -3;

    /** Longest text considered; anything longer cannot be a sane amount and is refused before parsing. */
    public static final int MAX_TEXT_LENGTH = 40;
    public static final int MAX_SCALE = 18;

    private static final long[] POW10 = new long[MAX_SCALE + 1];

    static {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private DecimalCodec() {
    }

    /** True for the sentinels returned by {@link #parse}. */
    public static boolean isError(final long parsed) {
        return parsed < 0;
    }

    /**
     * Parses {@code text} into units at {@code scale}; returns a value ≥ 0, or one of
     * {@link #MALFORMED}, {@link #TOO_PRECISE}, {@link #OUT_OF_RANGE}.
     */
    public static long parse(final CharSequence text, final int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale " + scale);
        }
        final int length = text == null ? 0 : text.length();
        if (length == 0) {
            return MALFORMED;
        }
        if (length > MAX_TEXT_LENGTH) {
            return isPlainDecimal(text) ? OUT_OF_RANGE : MALFORMED;
        }
        long units = 0;
        int i = 0;
        boolean overflow = false;
        for (; i < length; i++) {
            final char c = text.charAt(i);
            if (c == '.') {
                break;
            }
            if (c < '0' || c > '9') {
                return MALFORMED;
            }
            if (!overflow) {
                final long next = units * 10 + (c - '0');
                overflow = units > Long.MAX_VALUE / 10 || next < 0;
                units = next;
            }
        }
        if (i == 0) {
            return MALFORMED;
        }
        int decimals = 0;
        boolean tooPrecise = false;
        if (i < length) {
            i++; // the dot
            if (i == length) {
                return MALFORMED;
            }
            for (; i < length; i++) {
                final char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return MALFORMED;
                }
                if (decimals < scale) {
                    if (!overflow) {
                        final long next = units * 10 + (c - '0');
                        overflow = units > Long.MAX_VALUE / 10 || next < 0;
                        units = next;
                    }
                    decimals++;
                } else if (c != '0') {
                    tooPrecise = true;
                }
            }
        }
        if (tooPrecise) {
            return TOO_PRECISE;
        }
        if (overflow) {
            return OUT_OF_RANGE;
        }
        final long factor = POW10[scale - decimals];
        if (units > Long.MAX_VALUE / factor) {
            return OUT_OF_RANGE;
        }
        return units * factor;
    }

    private static boolean isPlainDecimal(final CharSequence text) {
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots <= 1 && text.charAt(0) != '.' && text.charAt(text.length() - 1) != '.';
    }

    /** Formats {@code units} at {@code scale} with exactly {@code scale} decimals ({@code 12345, 2 → "123.45"}). */
    public static String format(final long units, final int scale) {
        return appendTo(new StringBuilder(24), units, scale).toString();
    }

    /** Appends {@code units} at {@code scale}; negative values get a leading minus. */
    public static StringBuilder appendTo(final StringBuilder out, final long units, final int scale) {
        if (units < 0) {
            out.append('-');
            if (units == Long.MIN_VALUE) {
                throw new ArithmeticException("cannot format Long.MIN_VALUE");
            }
        }
        final long magnitude = Math.abs(units);
        if (scale == 0) {
            return out.append(magnitude);
        }
        final long factor = POW10[scale];
        out.append(magnitude / factor).append('.');
        final long fraction = magnitude % factor;
        for (long p = factor / 10; p > 1 && fraction < p; p /= 10) {
            out.append('0');
        }
        return out.append(fraction);
    }
}
