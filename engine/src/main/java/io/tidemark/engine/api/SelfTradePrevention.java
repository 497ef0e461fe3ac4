package io.tidemark.engine.api;

/** What happens when a taker would trade against a resting order of the same account. */
public enum SelfTradePrevention implements WireEnum {
    CANCEL_TAKER("cancel_taker"),
    CANCEL_MAKER("cancel_maker"),
    CANCEL_BOTH("cancel_both");

    private static final SelfTradePrevention[] VALUES = values();

    private final String wireName;

    SelfTradePrevention(final String wireName) {
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

    public static SelfTradePrevention fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static SelfTradePrevention fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }
}
