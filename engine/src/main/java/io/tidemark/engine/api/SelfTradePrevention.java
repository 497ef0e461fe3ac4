package io.tidemark.engine.api;

/** What happens when a taker would trade against a resting order of the same account. */
public enum SelfTradePrevention implements WireEnum {
    CANCEL_TAKER(0, "cancel_taker"),
    CANCEL_MAKER(1, "cancel_maker"),
    CANCEL_BOTH(2, "cancel_both");

    private static final SelfTradePrevention[] VALUES = values();
    private static final SelfTradePrevention[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    SelfTradePrevention(final int code, final String wireName) {
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

    public static SelfTradePrevention fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static SelfTradePrevention fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
