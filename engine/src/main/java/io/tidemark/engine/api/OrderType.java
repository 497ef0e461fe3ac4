package io.tidemark.engine.api;

/** How an order executes. */
public enum OrderType implements WireEnum {
    LIMIT("limit"),
    MARKET("market"),
    STOP("stop"),
    STOP_LIMIT("stop_limit");

    private static final OrderType[] VALUES = values();

    private final String wireName;

    OrderType(final String wireName) {
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

    public static OrderType fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static OrderType fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }
}
