package io.tidemark.gateway.auth;

import io.tidemark.engine.api.WireEnum;

/**
 * What a key may do. {@code trade} implies {@code read}; {@code withdraw} is separate. {@code admin} is
 * the operator's, held alone by a key that has no account: it grants the admin routes and nothing else,
 * and no other scope grants them.
 */
public enum Scope implements WireEnum {
    READ(0, "read"),
    TRADE(1, "trade"),
    WITHDRAW(2, "withdraw"),
    ADMIN(3, "admin");

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

    /** One of the scopes an account's key may hold ({@code read}, {@code trade}, {@code withdraw}), or null. */
    public static Scope accountScope(final CharSequence name) {
        final Scope scope = fromWire(name);
        return scope == ADMIN ? null : scope;
    }

    /** Whether a key holding this scope may call an endpoint that requires {@code required}. */
    public boolean grants(final Scope required) {
        return this == required || (this == TRADE && required == READ);
    }
}
