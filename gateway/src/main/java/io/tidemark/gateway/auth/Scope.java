package io.tidemark.gateway.auth;

import io.tidemark.engine.api.WireEnum;

/** What a key may do. {@code trade} implies {@code read}; {@code withdraw} is separate. */
public enum Scope implements WireEnum {
    READ(0, "read"),
    TRADE(1, "trade"),
    WITHDRAW(2, "withdraw");

    private static final Scope[] VALUES = values();
    private final int code;
    private final String wireName;

    Scope(final int code, final String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public int code() {
        return code;
    }

    public static Scope fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    /** Whether a key holding this scope may call an endpoint that requires {@code required}. */
    public boolean grants(final Scope required) {
        return this == required || (this == TRADE && required == READ);
    }
}
