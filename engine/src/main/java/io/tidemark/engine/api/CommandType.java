package io.tidemark.engine.api;

/** Every input the engine accepts. Codes are written to the journal: never renumber. */
public enum CommandType implements WireEnum {
    PLACE_ORDER(0, "place_order"),
    CANCEL_ORDER(1, "cancel_order"),
    CANCEL_ALL(2, "cancel_all"),
    AMEND_ORDER(3, "amend_order"),
    DEPOSIT(4, "deposit"),
    WITHDRAW(5, "withdraw"),
    TRANSFER(6, "transfer"),
    SET_MARKET_STATUS(7, "set_market_status"),
    /** A withdrawal that holds its funds until an operator completes or rejects it (server mode). */
    REQUEST_WITHDRAWAL(8, "request_withdrawal"),
    COMPLETE_WITHDRAWAL(9, "complete_withdrawal"),
    REJECT_WITHDRAWAL(10, "reject_withdrawal"),
    FREEZE_ACCOUNT(11, "freeze_account"),
    UNFREEZE_ACCOUNT(12, "unfreeze_account"),
    /** A sandbox faucet payment: a deposit in every respect, told apart so the ledger can call it one. */
    FAUCET(13, "faucet"),
    /** New maker/taker fees of a market, for the orders placed after it. */
    SET_MARKET_FEES(14, "set_market_fees"),
    /** A new asset, listed by an operator at run time. */
    LIST_ASSET(15, "list_asset"),
    /** A new market between two assets, listed by an operator at run time; it trades at once. */
    LIST_MARKET(16, "list_market");

    private static final CommandType[] VALUES = values();
    private static final CommandType[] BY_CODE = WireEnum.byCode(values());

    private final int code;
    private final String wireName;

    CommandType(final int code, final String wireName) {
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

    public static CommandType fromCode(final int code) {
        return WireEnum.fromCode(BY_CODE, code);
    }
}
