package io.tidemark.gateway.auth;

import io.tidemark.engine.api.WireEnum;

/** What a key may do. {@code trade} implies {@code read}; {@code withdraw} is separate. */
public enum Scope implements WireEnum {
    READ("read"),
    TRADE("trade"),
    WITHDRAW("withdraw");

    private static final Scope[] VALUES = values();
    private final String wireName;

    Scope(final String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public int code() {
        return ordinal();
    }

    public static Scope fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    /** Whether a key holding this scope may call an endpoint that requires {@code required}. */
    public boolean grants(final Scope required) {
        return this == required || (this == TRADE && required == READ);
    }
}
