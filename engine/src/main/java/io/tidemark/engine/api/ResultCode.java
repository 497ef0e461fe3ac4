package io.tidemark.engine.api;

/**
 * The outcome of one command. Every rejection names the public API error code it maps to, so the
 * gateway never invents codes; several engine outcomes may share one API code and differ in message.
 * Codes are stable: they are written to the event stream and must never be renumbered.
 */
public enum ResultCode {
    ACCEPTED(null, "accepted"),
    /** A place with a known client_order_id and identical fields: nothing was created. */
    REPLAYED(null, "replayed an earlier order with the same client_order_id"),

    INVALID_PARAMETER("invalid_parameter", "invalid combination of order parameters"),
    INVALID_PRICE("invalid_price", "price must be positive and a multiple of the tick size"),
    PRICE_ABOVE_MAXIMUM("invalid_price", "price is above the market's maximum price"),
    POST_ONLY_WOULD_CROSS("invalid_price", "post-only order would take liquidity at the new price"),
    INVALID_SIZE("invalid_size", "size must be positive and a multiple of the lot size"),
    SIZE_BELOW_MINIMUM("invalid_size", "size is below the market's minimum size"),
    SIZE_ABOVE_MAXIMUM("invalid_size", "size is above the market's maximum size"),
    NOTIONAL_BELOW_MINIMUM("invalid_size", "order value is below the market's minimum notional"),
    SIZE_NOT_ABOVE_FILLED("invalid_size", "new size must be larger than the size already filled"),
    INSUFFICIENT_FUNDS("insufficient_funds", "insufficient funds"),
    MARKET_HALTED("market_halted", "market is halted"),
    UNKNOWN_PAIR("unknown_pair", "unknown pair"),
    UNKNOWN_ASSET("invalid_parameter", "unknown asset"),
    INVALID_AMOUNT("invalid_parameter", "amount must be positive"),
    AMOUNT_TOO_LARGE("invalid_parameter", "amount is too large"),
    SAME_WALLET("invalid_parameter", "from and to must be different wallets"),
    NOTHING_TO_AMEND("invalid_parameter", "amend must change the price or the size"),
    ORDER_NOT_AMENDABLE("invalid_parameter", "only resting limit orders can be amended"),
    ORDER_NOT_FOUND("order_not_found", "order not found"),
    CLIENT_ORDER_ID_CONFLICT("client_order_id_conflict", "client_order_id was already used with different fields");

    private static final ResultCode[] VALUES = values();

    private final String apiCode;
    private final String message;

    ResultCode(final String apiCode, final String message) {
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

    public int code() {
        return ordinal();
    }

    public static ResultCode fromCode(final int code) {
        return VALUES[code];
    }
}
