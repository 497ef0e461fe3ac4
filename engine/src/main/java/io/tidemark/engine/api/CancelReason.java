package io.tidemark.engine.api;

/** Why an order left the book without filling completely; {@link #NONE} for orders that did not. */
public enum CancelReason implements WireEnum {
    NONE(0, "none"),
    USER(1, "user"),
    IOC_REMAINDER(2, "ioc_remainder"),
    FOK_NOT_FILLED(3, "fok_not_filled"),
    POST_ONLY_WOULD_TAKE(4, "post_only_would_take"),
    SELF_TRADE(5, "self_trade"),
    MARKET_NO_LIQUIDITY(6, "market_no_liquidity");

    private static final CancelReason[] VALUES = values();
    private static final CancelReason[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    CancelReason(final int code, final String wireName) {
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

    public static CancelReason fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static CancelReason fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
