package io.tidemark.engine.api;

/**
 * An enum with a stable code: the snake_case name clients see on the API and a small number used
 * in binary encodings (journal, event stream, snapshots). Both are contract: never renumber.
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

    /** Finds the constant with the given {@link #code()}; the codes are the ordinals by construction. */
    static <E extends Enum<E> & WireEnum> E fromCode(final E[] values, final int code) {
        if (code < 0 || code >= values.length) {
            throw new IllegalArgumentException("unknown code " + code + " for " + values[0].getDeclaringClass().getSimpleName());
        }
        return values[code];
    }
}
