package io.tidemark.engine.api;

import java.util.Arrays;

/**
 * An enum with a stable code: the snake_case name clients see on the API and a small number used
 * in binary encodings (journal, event stream, snapshots). Both are contract: never renumber. The code
 * is written beside each constant, never taken from its position, so reordering or inserting constants
 * cannot change what old journals and snapshots mean ({@code WireCodesTest} pins every value).
 */
public interface WireEnum {
    /** The name used on the public API, e.g. {@code "stop_limit"}. */
    String wireName();

    /** The value used in binary encodings. */
    int code();

    /** Finds the constant whose {@link #wireName()} equals {@code name}, or {@code null}. */
    static <E extends Enum<E> & WireEnum> E fromWire(final E[] values, final CharSequence name) {
        if (name == null) {
            return null;
        }
        for (final E value : values) {
            if (value.wireName().contentEquals(name)) {
                return value;
            }
        }
        return null;
    }

    /**
     * The constants indexed by their {@link #code()}, for {@link #fromCode}; refuses negative or
     * duplicate codes (a class that did so would fail to load, so no build with one can pass a test).
     */
    static <E extends Enum<E> & WireEnum> E[] byCode(final E[] values) {
        int max = -1;
        for (final E value : values) {
            if (value.code() < 0 || value.code() > 255) {
                throw new IllegalStateException(value + " has code " + value.code() + ", outside 0..255");
            }
            max = Math.max(max, value.code());
        }
        final E[] byCode = Arrays.copyOf(values, max + 1);
        Arrays.fill(byCode, null);
        for (final E value : values) {
            if (byCode[value.code()] != null) {
                throw new IllegalStateException(value + " and " + byCode[value.code()] + " share code " + value.code());
            }
            byCode[value.code()] = value;
        }
        return byCode;
    }

    /** Finds the constant with the given {@link #code()} in a table made by {@link #byCode}. */
    static <E extends Enum<E> & WireEnum> E fromCode(final E[] byCode, final int code) {
        if (code < 0 || code >= byCode.length || byCode[code] == null) {
            throw new IllegalArgumentException("unknown code " + code + " for "
                + byCode[0].getDeclaringClass().getSimpleName());
        }
        return byCode[code];
    }
}
