package io.tidemark.engine.api;

/** Why an order left the book without filling completely; {@link #NONE} for orders that did not. */
public enum CancelReason implements WireEnum {
    NONE("none"),
    USER("user"),
    IOC_REMAINDER("ioc_remainder"),
    FOK_NOT_FILLED("fok_not_filled"),
    POST_ONLY_WOULD_TAKE("post_only_would_take"),
    SELF_TRADE("self_trade"),
    MARKET_NO_LIQUIDITY("market_no_liquidity");

    private static final CancelReason[] VALUES = values();

    private final String wireName;

    CancelReason(final String wireName) {
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

    public static CancelReason fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static CancelReason fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }
}
