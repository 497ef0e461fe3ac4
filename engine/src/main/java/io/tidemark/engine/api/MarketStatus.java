package io.tidemark.engine.api;

/** Whether a market accepts orders. */
public enum MarketStatus implements WireEnum {
    TRADING("trading"),
    HALTED("halted");

    private static final MarketStatus[] VALUES = values();

    private final String wireName;

    MarketStatus(final String wireName) {
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

    public static MarketStatus fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static MarketStatus fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }
}
