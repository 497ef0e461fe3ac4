package io.tidemark.gateway.auth;

import io.tidemark.engine.api.WireEnum;

/** A key's tier: it sets the rate-limit budgets and whether deep order books may be read. */
public enum Tier implements WireEnum {
    RETAIL(0, "retail"),
    VERIFIED(1, "verified"),
    MARKET_MAKER(2, "market_maker");

    private static final Tier[] VALUES = values();
    private final int code;
    private final String wireName;

    Tier(final int code, final String wireName) {
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

    public static Tier fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    /** Order books deeper than 100 levels are for verified and market-maker keys. */
    public boolean mayReadDeepBooks() {
        return this != RETAIL;
    }
}
