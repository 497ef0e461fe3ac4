package io.tidemark.engine.api;

/** How long the unfilled part of an order lives: rest (gtc), cancel at once (ioc), or all-or-nothing (fok). */
public enum TimeInForce implements WireEnum {
    GTC("gtc"),
    IOC("ioc"),
    FOK("fok");

    private static final TimeInForce[] VALUES = values();

    private final String wireName;

    TimeInForce(final String wireName) {
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

    public static TimeInForce fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static TimeInForce fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }
}
