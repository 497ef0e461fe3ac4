package io.tidemark.engine.api;

/** Which side of a trade an order was on. */
public enum Liquidity implements WireEnum {
    MAKER(0, "maker"),
    TAKER(1, "taker");

    private static final Liquidity[] VALUES = values();
    private static final Liquidity[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    Liquidity(final int code, final String wireName) {
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

    public static Liquidity fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static Liquidity fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
