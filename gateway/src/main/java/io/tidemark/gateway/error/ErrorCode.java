package io.tidemark.gateway.error;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Every error the API can answer, with its HTTP status. The codes are the public contract (API.md). */
public enum ErrorCode {
    INVALID_JSON("invalid_json", HttpResponseStatus.BAD_REQUEST),
    INVALID_PARAMETER("invalid_parameter", HttpResponseStatus.BAD_REQUEST),
    INVALID_PRICE("invalid_price", HttpResponseStatus.BAD_REQUEST),
    INVALID_SIZE("invalid_size", HttpResponseStatus.BAD_REQUEST),
    INSUFFICIENT_FUNDS("insufficient_funds", HttpResponseStatus.BAD_REQUEST),
    MARKET_HALTED("market_halted", HttpResponseStatus.BAD_REQUEST),
    MISSING_AUTH("missing_auth", HttpResponseStatus.UNAUTHORIZED),
    INVALID_KEY("invalid_key", HttpResponseStatus.UNAUTHORIZED),
    INVALID_SIGNATURE("invalid_signature", HttpResponseStatus.UNAUTHORIZED),
    TIMESTAMP_OUT_OF_WINDOW("timestamp_out_of_window", HttpResponseStatus.UNAUTHORIZED),
    NONCE_REUSED("nonce_reused", HttpResponseStatus.UNAUTHORIZED),
    IP_NOT_ALLOWED("ip_not_allowed", HttpResponseStatus.FORBIDDEN),
    INSUFFICIENT_SCOPE("insufficient_scope", HttpResponseStatus.FORBIDDEN),
    TIER_REQUIRED("tier_required", HttpResponseStatus.FORBIDDEN),
    ACCOUNT_FROZEN("account_frozen", HttpResponseStatus.FORBIDDEN),
    NOT_FOUND("not_found", HttpResponseStatus.NOT_FOUND),
    UNKNOWN_PAIR("unknown_pair", HttpResponseStatus.NOT_FOUND),
    ORDER_NOT_FOUND("order_not_found", HttpResponseStatus.NOT_FOUND),
    UNKNOWN_ACCOUNT("unknown_account", HttpResponseStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method_not_allowed", HttpResponseStatus.METHOD_NOT_ALLOWED),
    REQUEST_TIMEOUT("request_timeout", HttpResponseStatus.REQUEST_TIMEOUT),
    CLIENT_ORDER_ID_CONFLICT("client_order_id_conflict", HttpResponseStatus.CONFLICT),
    DEPOSIT_CONFLICT("deposit_conflict", HttpResponseStatus.CONFLICT),
    ASSET_EXISTS("asset_exists", HttpResponseStatus.CONFLICT),
    MARKET_EXISTS("market_exists", HttpResponseStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload_too_large", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
    RATE_LIMITED("rate_limited", HttpResponseStatus.TOO_MANY_REQUESTS),
    TOO_MANY_CONNECTIONS("too_many_connections", HttpResponseStatus.TOO_MANY_REQUESTS),
    ENGINE_BUSY("engine_busy", HttpResponseStatus.SERVICE_UNAVAILABLE),
    SERVER_BUSY("server_busy", HttpResponseStatus.SERVICE_UNAVAILABLE),
    INTERNAL_ERROR("internal_error", HttpResponseStatus.INTERNAL_SERVER_ERROR),
    // WebSocket only (the status is not sent; it groups the code with its HTTP kin)
    NOT_AUTHENTICATED("not_authenticated", HttpResponseStatus.UNAUTHORIZED),
    UNKNOWN_CHANNEL("unknown_channel", HttpResponseStatus.BAD_REQUEST),
    TOO_MANY_SUBSCRIPTIONS("too_many_subscriptions", HttpResponseStatus.BAD_REQUEST),
    SINCE_SEQ_UNAVAILABLE("since_seq_unavailable", HttpResponseStatus.GONE),
    SLOW_CONSUMER("slow_consumer", HttpResponseStatus.TOO_MANY_REQUESTS);

    private final String code;
    private final HttpResponseStatus status;

    ErrorCode(final String code, final HttpResponseStatus status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public HttpResponseStatus status() {
        return status;
    }
}
