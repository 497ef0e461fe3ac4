package io.tidemark.engine.api;

/**
 * The outcome of one command. Every rejection names the public API error code it maps to, so the
 * gateway never invents codes; several engine outcomes may share one API code and differ in message.
 * Codes are stable: they are written to the event stream and must never be renumbered; each is
 * written beside its constant, so reordering the constants changes nothing on the wire.
 */
public enum ResultCode {
    ACCEPTED(0, null, "accepted"),
    /** A place with a known client_order_id and identical fields: nothing was created. */
    REPLAYED(1, null, "replayed an earlier order with the same client_order_id"),

    INVALID_PARAMETER(2, "invalid_parameter", "invalid combination of order parameters"),
    INVALID_PRICE(3, "invalid_price", "price must be positive and a multiple of the tick size"),
    PRICE_ABOVE_MAXIMUM(4, "invalid_price", "price is above the market's maximum price"),
    POST_ONLY_WOULD_CROSS(5, "invalid_price", "post-only order would take liquidity at the new price"),
    INVALID_SIZE(6, "invalid_size", "size must be positive and a multiple of the lot size"),
    SIZE_BELOW_MINIMUM(7, "invalid_size", "size is below the market's minimum size"),
    SIZE_ABOVE_MAXIMUM(8, "invalid_size", "size is above the market's maximum size"),
    NOTIONAL_BELOW_MINIMUM(9, "invalid_size", "order value is below the market's minimum notional"),
    SIZE_NOT_ABOVE_FILLED(10, "invalid_size", "new size must be larger than the size already filled"),
    INSUFFICIENT_FUNDS(11, "insufficient_funds", "insufficient funds"),
    MARKET_HALTED(12, "market_halted", "market is halted"),
    UNKNOWN_PAIR(13, "unknown_pair", "unknown pair"),
    UNKNOWN_ASSET(14, "invalid_parameter", "unknown asset"),
    INVALID_AMOUNT(15, "invalid_parameter", "amount must be positive"),
    AMOUNT_TOO_LARGE(16, "invalid_parameter", "amount is too large"),
    SAME_WALLET(17, "invalid_parameter", "from and to must be different wallets"),
    NOTHING_TO_AMEND(18, "invalid_parameter", "amend must change the price or the size"),
    ORDER_NOT_AMENDABLE(19, "invalid_parameter", "only resting limit orders can be amended"),
    ORDER_NOT_FOUND(20, "order_not_found", "order not found"),
    CLIENT_ORDER_ID_CONFLICT(21, "client_order_id_conflict", "client_order_id was already used with different fields");

    private static final ResultCode[] BY_CODE = byCode();

    private final int code;
    private final String apiCode;
    private final String message;

    ResultCode(final int code, final String apiCode, final String message) {
        this.code = code;
        this.apiCode = apiCode;
        this.message = message;
    }

    /** The public API error code, or {@code null} when the command succeeded. */
    public String apiCode() {
        return apiCode;
    }

    /** A human-readable default message; may change, unlike {@link #apiCode()}. */
    public String message() {
        return message;
    }

    public boolean isRejection() {
        return apiCode != null;
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
