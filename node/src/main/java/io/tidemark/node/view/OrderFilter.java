package io.tidemark.node.view;

import io.tidemark.engine.api.WireEnum;

/** Which orders a listing returns. */
public enum OrderFilter implements WireEnum {
    OPEN("open"),
    CLOSED("closed"),
    ALL("all");

    private static final OrderFilter[] VALUES = values();
    private final String wireName;

    OrderFilter(final String wireName) {
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

    public static OrderFilter fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    boolean accepts(final OrderRecord order) {
        return this == ALL || (this == OPEN) == order.isOpen();
    }
}
