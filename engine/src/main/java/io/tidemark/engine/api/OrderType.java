package io.tidemark.engine.api;

/** How an order executes. */
public enum OrderType implements WireEnum {
    LIMIT(0, "limit"),
    MARKET(1, "market"),
    STOP(2, "stop"),
    STOP_LIMIT(3, "stop_limit");

    private static final OrderType[] VALUES = values();
    private static final OrderType[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    OrderType(final int code, final String wireName) {
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

    public static OrderType fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static OrderType fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
