package io.tidemark.gateway.api;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.http.ApiRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Query parameters read strictly (unknown or repeated parameters are errors), and the opaque page
 * cursors of list endpoints: a cursor is the last id of a page, encoded so that clients treat it as a
 * token rather than arithmetic.
 */
public final class Query {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;

    private final ApiRequest request;

    private Query(final ApiRequest request) {
        this.request = request;
    }

    public static Query of(final ApiRequest request, final Set<String> allowed) {
        for (final String name : request.queryParams().keySet()) {
            if (!allowed.contains(name)) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown query parameter '"
                    + RequestBody.printable(name) + "'", RequestBody.printable(name));
            }
        }
        return new Query(request);
    }

    public String get(final String name) {
        return request.queryParam(name);
    }

    /** {@code limit}: 1..max, {@code fallback} when absent. */
    public int limit(final int fallback, final int max) {
        final String text = get("limit");
        if (text == null) {
            return fallback;
        }
        final int value = positiveInt("limit", text);
        if (value > max) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "limit must be 1.." + max, "limit");
        }
        return value;
    }

    public static int positiveInt(final String name, final String text) {
        if (text.isEmpty() || text.length() > 9) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a positive integer", name);
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a positive integer", name);
            }
            value = value * 10 + (c - '0');
        }
        if (value <= 0) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a positive integer", name);
        }
        return value;
    }

    /**
     * The {@code start}/{@code end} time bounds (epoch ms, both inclusive) in epoch ns: {@code [from, to]},
     * 0 and Long.MAX_VALUE where absent. End before start is an error rather than an empty page, since it
     * is always a client's mistake.
     */
    public long[] timeRange() {
        final long from = epochMillis("start", 0);
        final long to = epochMillis("end", Long.MAX_VALUE);
        if (from > to) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "end must not be before start", "end");
        }
        return new long[] {from, to};
    }

    private long epochMillis(final String name, final long absent) {
        final String text = get(name);
        if (text == null) {
            return absent;
        }
        // 13 digits reach the year 2286; more would overflow once turned into nanoseconds
        if (text.isEmpty() || text.length() > 13 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a time in epoch milliseconds", name);
        }
        final long millis = Long.parseLong(text);
        return name.equals("end") ? millis * 1_000_000L + 999_999L : millis * 1_000_000L;
    }

    /** The optional {@code pair} filter, or null. */
    public Market pair(final ExchangeConfig config) {
        final String pair = get("pair");
        return pair == null ? null : market(config, pair);
    }

    public static Market market(final ExchangeConfig config, final String pair) {
        final Market market = config.marketByPair(pair);
        if (market == null) {
            throw new ApiException(ErrorCode.UNKNOWN_PAIR, "unknown pair " + RequestBody.printable(pair), "pair");
        }
        return market;
    }

    /** The id a {@code before} cursor stands for, or 0 without one. */
    public long before(final char kind) {
        final String cursor = get("before");
        return cursor == null ? 0 : decodeCursor(kind, cursor);
    }

    public static String cursor(final char kind, final long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static long decodeCursor(final char kind, final String cursor) {
        try {
            final String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.length() > 2 && text.charAt(0) == kind && text.charAt(1) == ':') {
                final long id = Long.parseLong(text.substring(2));
                if (id > 0) {
                    return id;
                }
            }
        } catch (final IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new ApiException(ErrorCode.INVALID_PARAMETER, "before must be a next_cursor from an earlier page", "before");
    }

    /** A positive id from a path segment; anything else is an order that does not exist. */
    public static long orderId(final String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            throw new ApiException(ErrorCode.ORDER_NOT_FOUND, "order not found");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new ApiException(ErrorCode.ORDER_NOT_FOUND, "order not found");
            }
        }
        try {
            final long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (final NumberFormatException e) {
            // falls through
        }
        throw new ApiException(ErrorCode.ORDER_NOT_FOUND, "order not found");
    }
}
