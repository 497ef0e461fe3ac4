package io.tidemark.engine.api;

/** Whether a market accepts orders. */
public enum MarketStatus implements WireEnum {
    TRADING(0, "trading"),
    HALTED(1, "halted");

    private static final MarketStatus[] VALUES = values();
    private static final MarketStatus[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    MarketStatus(final int code, final String wireName) {
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

    public static MarketStatus fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static MarketStatus fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
