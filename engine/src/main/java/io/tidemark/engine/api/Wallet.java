package io.tidemark.engine.api;

/** The wallets of an account; only {@link #SPOT} trades and holds funds for orders. */
public enum Wallet implements WireEnum {
    SPOT(0, "spot"),
    MARGIN(1, "margin"),
    EARN(2, "earn");

    private static final Wallet[] VALUES = values();
    private static final Wallet[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    Wallet(final int code, final String wireName) {
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

    public static Wallet fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static Wallet fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
