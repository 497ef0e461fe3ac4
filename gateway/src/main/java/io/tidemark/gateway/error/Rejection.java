package io.tidemark.gateway.error;

import io.tidemark.engine.api.ResultCode;

/**
 * How an engine rejection reads to a client, over REST and the WebSocket alike: the API error code
 * and the message. Several engine outcomes share one code and differ in message. The engine knows
 * neither; the mapping is a switch over every {@link ResultCode} with no default, so a new outcome
 * does not compile until it is given its place in the public contract here.
 */
public record Rejection(ErrorCode code, String message) {

    /** The API error for an engine rejection. */
    public static Rejection of(final ResultCode result) {
        final Rejection rejection = switch (result) {
            case ACCEPTED, REPLAYED -> null;
            case INVALID_PARAMETER -> invalidParameter("invalid combination of order parameters");
            case INVALID_PRICE -> invalidPrice("price must be positive and a multiple of the tick size");
            case PRICE_ABOVE_MAXIMUM -> invalidPrice("price is above the market's maximum price");
            case POST_ONLY_WOULD_CROSS -> invalidPrice("post-only order would take liquidity at the new price");
            case INVALID_SIZE -> invalidSize("size must be positive and a multiple of the lot size");
            case SIZE_BELOW_MINIMUM -> invalidSize("size is below the market's minimum size");
            case SIZE_ABOVE_MAXIMUM -> invalidSize("size is above the market's maximum size");
            case NOTIONAL_BELOW_MINIMUM -> invalidSize("order value is below the market's minimum notional");
            case SIZE_NOT_ABOVE_FILLED -> invalidSize("new size must be larger than the size already filled");
            case INSUFFICIENT_FUNDS -> new Rejection(ErrorCode.INSUFFICIENT_FUNDS, "insufficient funds");
            case MARKET_HALTED -> new Rejection(ErrorCode.MARKET_HALTED, "market is halted");
            case UNKNOWN_PAIR -> new Rejection(ErrorCode.UNKNOWN_PAIR, "unknown pair");
            case UNKNOWN_ASSET -> invalidParameter("unknown asset");
            case INVALID_AMOUNT -> invalidParameter("amount must be positive");
            case AMOUNT_TOO_LARGE -> invalidParameter("amount is too large");
            case SAME_WALLET -> invalidParameter("from and to must be different wallets");
            case NOTHING_TO_AMEND -> invalidParameter("amend must change the price or the size");
            case ORDER_NOT_AMENDABLE -> invalidParameter("only resting limit orders can be amended");
            case ORDER_NOT_FOUND -> new Rejection(ErrorCode.ORDER_NOT_FOUND, "order not found");
            case CLIENT_ORDER_ID_CONFLICT ->
                new Rejection(ErrorCode.CLIENT_ORDER_ID_CONFLICT, "client_order_id was already used with different fields");
            case ACCOUNT_FROZEN -> new Rejection(ErrorCode.ACCOUNT_FROZEN, "the account is frozen: no new orders or withdrawals");
            case DEPOSIT_CONFLICT ->
                new Rejection(ErrorCode.DEPOSIT_CONFLICT, "reference was already used for a deposit with different fields");
            case WITHDRAWAL_NOT_FOUND -> new Rejection(ErrorCode.NOT_FOUND, "no such withdrawal");
            case WITHDRAWAL_NOT_PENDING -> invalidParameter("the withdrawal is no longer pending");
            case ASSET_EXISTS -> new Rejection(ErrorCode.ASSET_EXISTS, "an asset with this symbol is listed");
            case MARKET_EXISTS -> new Rejection(ErrorCode.MARKET_EXISTS, "a market with this pair is listed");
        };
        if (rejection == null) {
            throw new IllegalArgumentException("no API error for " + result);
        }
        return rejection;
    }

    public ApiException exception() {
        return new ApiException(code, message);
    }

    private static Rejection invalidParameter(final String message) {
        return new Rejection(ErrorCode.INVALID_PARAMETER, message);
    }

    private static Rejection invalidPrice(final String message) {
        return new Rejection(ErrorCode.INVALID_PRICE, message);
    }

    private static Rejection invalidSize(final String message) {
        return new Rejection(ErrorCode.INVALID_SIZE, message);
    }
}
