package io.tidemark.engine.api;

/** How long the unfilled part of an order lives: rest (gtc), cancel at once (ioc), or all-or-nothing (fok). */
public enum TimeInForce implements WireEnum {
    GTC(0, "gtc"),
    IOC(1, "ioc"),
    FOK(2, "fok");

    private static final TimeInForce[] VALUES = values();
    private static final TimeInForce[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    TimeInForce(final int code, final String wireName) {
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

    public static TimeInForce fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static TimeInForce fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
