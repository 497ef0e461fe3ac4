package io.tidemark.engine.api;

/** Every input the engine accepts. Codes are written to the journal: never renumber. */
public enum CommandType implements WireEnum {
    PLACE_ORDER("place_order"),
    CANCEL_ORDER("cancel_order"),
    CANCEL_ALL("cancel_all"),
    AMEND_ORDER("amend_order"),
    DEPOSIT("deposit"),
    WITHDRAW("withdraw"),
    TRANSFER("transfer"),
    SET_MARKET_STATUS("set_market_status");

    private static final CommandType[] VALUES = values();

    private final String wireName;

    CommandType(final String wireName) {
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

    public static CommandType fromCode(final int code) {
        return WireEnum.fromCode(VALUES, code);
    }
}
