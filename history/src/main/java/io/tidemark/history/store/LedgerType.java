package io.tidemark.history.store;

/** What changed a wallet's total. Codes are stored: never renumber. */
public enum LedgerType {
    TRADE(0, "trade"),
    FEE(1, "fee"),
    DEPOSIT(2, "deposit"),
    WITHDRAWAL(3, "withdrawal"),
    WITHDRAWAL_REFUND(4, "withdrawal_refund"),
    TRANSFER(5, "transfer"),
    FAUCET(6, "faucet"),
    CARRIED_FORWARD(7, "carried_forward");

    private static final LedgerType[] BY_CODE = new LedgerType[8];

    static {
        for (final LedgerType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final String wireName;

    LedgerType(final int code, final String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    public static LedgerType fromCode(final int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code] == null) {
            throw new IllegalArgumentException("no ledger type with code " + code);
        }
        return BY_CODE[code];
    }
}
