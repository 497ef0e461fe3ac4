package io.tidemark.engine.api;

/** Which side of a trade an order was on. */
public enum Liquidity implements WireEnum {
    MAKER("maker"),
    TAKER("taker");

    private static final Liquidity[] VALUES = values();

    private final String wireName;

    Liquidity(final String wireName) {
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

    public static Liquidity fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static Liquidity fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }
}
