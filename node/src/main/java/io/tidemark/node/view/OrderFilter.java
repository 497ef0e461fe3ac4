package io.tidemark.node.view;

import io.tidemark.engine.api.WireEnum;

/** Which orders a listing returns. */
public enum OrderFilter implements WireEnum {
    OPEN(0, "open"),
    CLOSED(1, "closed"),
    ALL(2, "all");

    private static final OrderFilter[] VALUES = values();
    private final int code;
    private final String wireName;

    OrderFilter(final int code, final String wireName) {
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

    public static OrderFilter fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    boolean accepts(final OrderRecord order) {
        return this == ALL || (this == OPEN) == order.isOpen();
    }
}
