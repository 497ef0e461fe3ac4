package io.tidemark.engine.api;

/** The life cycle of an order. {@code partially_filled} is {@link #OPEN} with a fill, as reported by read models. */
public enum OrderStatus implements WireEnum {
    PENDING_TRIGGER("pending_trigger"),
    OPEN("open"),
    PARTIALLY_FILLED("partially_filled"),
    FILLED("filled"),
    CANCELLED("cancelled"),
    REJECTED("rejected");

    private static final OrderStatus[] VALUES = values();

    private final String wireName;

    OrderStatus(final String wireName) {
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

    public static OrderStatus fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static OrderStatus fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }

    /** True once the order can no longer change. */
    public boolean isFinal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }
}
