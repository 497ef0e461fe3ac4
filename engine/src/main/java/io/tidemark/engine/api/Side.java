package io.tidemark.engine.api;

/** The side of an order. */
public enum Side implements WireEnum {
    BUY(0, "buy"),
    SELL(1, "sell");

    private static final Side[] VALUES = values();
    private static final Side[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    Side(final int code, final String wireName) {
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

    public static Side fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static Side fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
