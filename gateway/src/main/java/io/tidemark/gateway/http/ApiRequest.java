package io.tidemark.gateway.http;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tidemark.gateway.auth.ApiKey;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.ratelimit.RateLimiter;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as it passes the gateway's handlers: what was sent (the raw target and body are
 * kept exactly, for the signature), then what each handler found — route and captures, the
 * authenticated key, the rate-limit decision. Owned by one request; handed between threads only
 * through the event loop and the pipeline's own hand-offs.
 */
public final class ApiRequest {
    private static final byte[] NO_BODY = new byte[0];

    private final long sequence;
    private final HttpMethod method;
    private final String target;
    private final String path;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final boolean keepAlive;
    private final InetAddress client;
    private final long receivedNanos;
    Route route;
    final Map<String, String> captures = new HashMap<>(4);
    ApiKey key;
    /** Why authentication refused the request, or null: answered once it has been charged for. */
    ApiException authRefusal;
    final RateLimiter.Decision rate = new RateLimiter.Decision();

    ApiRequest(final long sequence, final HttpMethod method, final String target, final HttpHeaders headers,
               final byte[] body, final boolean keepAlive, final InetAddress client) {
        this.sequence = sequence;
        this.method = method;
        this.target = target;
        String decodedPath;
        Map<String, List<String>> decodedQuery;
        if (plain(target)) {
            // nothing to decode (the usual signed request): the path is the target, there is no query
            decodedPath = target;
            decodedQuery = Map.of();
        } else {
            try {
                final QueryStringDecoder decoder = new QueryStringDecoder(target);
                decodedPath = decoder.path();
                decodedQuery = decoder.parameters();
            } catch (final IllegalArgumentException e) {
                // a bad percent-escape: answered 400 by the sequencer, never routed
                decodedPath = null;
                decodedQuery = Map.of();
            }
        }
        this.path = decodedPath;
        this.query = decodedQuery;
        this.headers = headers;
        this.body = body;
        this.keepAlive = keepAlive;
        this.client = client;
        this.receivedNanos = System.nanoTime();
    }

    /** A target with no query, fragment or percent-escape, whose path is itself. */
    private static boolean plain(final String target) {
        for (int i = 0; i < target.length(); i++) {
            final char c = target.charAt(i);
            if (c == '?' || c == '#' || c == '%') {
                return false;
            }
        }
        return true;
    }

    /**
     * Stands for a request that was never read whole (its headers ran out of time) or not at all (its
     * connection was refused): it has no method, target or route, is answered like any other in its turn,
     * and ends the connection.
     */
    static ApiRequest unread(final long sequence, final InetAddress client) {
        return new ApiRequest(sequence, null, "", EmptyHttpHeaders.INSTANCE, NO_BODY, false, client);
    }

    public long sequence() {
        return sequence;
    }

    public HttpMethod method() {
        return method;
    }

    /** The request target exactly as sent (path and query): what the signature covers. */
    public String target() {
        return target;
    }

    /** False when the target's percent-escapes do not decode. */
    public boolean wellFormedTarget() {
        return path != null;
    }

    public String path() {
        return path;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public boolean keepAlive() {
        return keepAlive;
    }

    public InetAddress client() {
        return client;
    }

    public long receivedNanos() {
        return receivedNanos;
    }

    public Route route() {
        return route;
    }

    /** A captured path segment ({@code id}, {@code pair}, ...), percent-decoded. */
    public String capture(final String name) {
        return captures.get(name);
    }

    /** The single value of a query parameter, or null; a parameter given twice is an error. */
    public String queryParam(final String name) {
        final List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " is given more than once", name);
        }
        return values.get(0);
    }

    public Map<String, List<String>> queryParams() {
        return query;
    }

    /** The authenticated key, or null for an anonymous request. */
    public ApiKey key() {
        return key;
    }

    /** The budget this request was charged to (or, for answers given without charging, would draw on). */
    public RateLimiter.Decision rate() {
        return rate;
    }
}
