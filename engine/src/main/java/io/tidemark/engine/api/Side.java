package io.tidemark.engine.api;

/** The side of an order. */
public enum Side implements WireEnum {
    BUY("buy"),
    SELL("sell");

    private static final Side[] VALUES = values();

    private final String wireName;

    Side(final String wireName) {
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

    public static Side fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static Side fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
