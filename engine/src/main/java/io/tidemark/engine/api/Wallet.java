package io.tidemark.engine.api;

/** The wallets of an account; only {@link #SPOT} trades and holds funds for orders. */
public enum Wallet implements WireEnum {
    SPOT("spot"),
    MARGIN("margin"),
    EARN("earn");

    private static final Wallet[] VALUES = values();

    private final String wireName;

    Wallet(final String wireName) {
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

    public static Wallet fromWire(final CharSequence name) {
        return WireEnum.fromWire(VALUES, name);
    }

    public static Wallet fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }
}
