package io.tidemark.engine.api;

/** The life cycle of an order. {@code partially_filled} is {@link #OPEN} with a fill, as reported by read models. */
public enum OrderStatus implements WireEnum {
    PENDING_TRIGGER(0, "pending_trigger"),
    OPEN(1, "open"),
    PARTIALLY_FILLED(2, "partially_filled"),
    FILLED(3, "filled"),
    CANCELLED(4, "cancelled"),
    REJECTED(5, "rejected");

    private static final OrderStatus[] VALUES = values();
    private static final OrderStatus[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    OrderStatus(final int code, final String wireName) {
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

    public static OrderStatus fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static OrderStatus fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }

    /** True once the order can no longer change. */
    public boolean isFinal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }
}
