package io.tidemark.engine.api;

/**
 * The outcome of one command. How a rejection reads to a client (its public error code and message)
 * is the gateway's business, not the engine's. Codes are stable: they are written to the event stream
 * and must never be renumbered; each is written beside its constant, so reordering the constants
 * changes nothing on the wire.
 */
public enum ResultCode {
    ACCEPTED(0),
    /** A place with a known client_order_id and identical fields: nothing was created. */
    REPLAYED(1),

    INVALID_PARAMETER(2),
    INVALID_PRICE(3),
    PRICE_ABOVE_MAXIMUM(4),
    POST_ONLY_WOULD_CROSS(5),
    INVALID_SIZE(6),
    SIZE_BELOW_MINIMUM(7),
    SIZE_ABOVE_MAXIMUM(8),
    NOTIONAL_BELOW_MINIMUM(9),
    SIZE_NOT_ABOVE_FILLED(10),
    INSUFFICIENT_FUNDS(11),
    MARKET_HALTED(12),
    UNKNOWN_PAIR(13),
    UNKNOWN_ASSET(14),
    INVALID_AMOUNT(15),
    AMOUNT_TOO_LARGE(16),
    SAME_WALLET(17),
    NOTHING_TO_AMEND(18),
    ORDER_NOT_AMENDABLE(19),
    ORDER_NOT_FOUND(20),
    CLIENT_ORDER_ID_CONFLICT(21),
    ACCOUNT_FROZEN(22),
    /** A deposit whose reference was used before with other fields. */
    DEPOSIT_CONFLICT(23),
    /** A withdrawal id that was never handed out. */
    WITHDRAWAL_NOT_FOUND(24),
    /** A withdrawal that is no longer pending (completed or rejected before). */
    WITHDRAWAL_NOT_PENDING(25),
    /** A listing of an asset whose symbol is taken. */
    ASSET_EXISTS(26),
    /** A listing of a market whose pair is taken. */
    MARKET_EXISTS(27);

    private static final ResultCode[] BY_CODE = byCode();

    private final int code;

    ResultCode(final int code) {
        this.code = code;
    }

    /** Whether the command was refused; a replay of an earlier order is not a refusal. */
    public boolean isRejection() {
        return this != ACCEPTED && this != REPLAYED;
    }

    /** The value written to the event stream, fixed beside each constant. */
    public int code() {
        return code;
    }

    public static ResultCode fromCode(final int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code] == null) {
            throw new IllegalArgumentException("unknown result code " + code);
        }
        return BY_CODE[code];
    }

    private static ResultCode[] byCode() {
        final ResultCode[] byCode = new ResultCode[256];
        int max = -1;
        for (final ResultCode value : values()) {
            if (value.code < 0 || value.code > 255 || byCode[value.code] != null) {
                throw new IllegalStateException(value + " has a code outside 0..255 or shared: " + value.code);
            }
            byCode[value.code] = value;
            max = Math.max(max, value.code);
        }
        return java.util.Arrays.copyOf(byCode, max + 1);
    }
}
