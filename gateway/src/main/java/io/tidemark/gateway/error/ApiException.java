package io.tidemark.gateway.error;

import java.util.Map;

/**
 * A request the API refuses: its code, a human message, the offending field if any, and extra members
 * of the error object ({@code server_time}, {@code resets_at}). Bad input is ordinary at the edge, so
 * no stack trace is captured.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final String field;
    private final transient Map<String, Object> extra;

    public ApiException(final ErrorCode code, final String message) {
        this(code, message, null, Map.of());
    }

    public ApiException(final ErrorCode code, final String message, final String field) {
        this(code, message, field, Map.of());
    }

    public ApiException(final ErrorCode code, final String message, final String field, final Map<String, Object> extra) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.extra = extra;
    }

    /**
     * Over a rate budget: one refusal for REST requests and WebSocket order ops alike. {@code resetsAt}
     * is when the budget is whole again, as the API writes times.
     */
    public static ApiException rateLimited(final int limit, final String resetsAt) {
        return new ApiException(ErrorCode.RATE_LIMITED, "rate limit of " + limit
            + " weight per minute exceeded; this request's weight is available again at resets_at", null,
            Map.of("resets_at", resetsAt));
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
