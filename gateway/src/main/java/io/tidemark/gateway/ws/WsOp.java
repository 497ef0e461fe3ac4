package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.api.OrderEndpoints;
import io.tidemark.gateway.api.OrderRequest;
import io.tidemark.gateway.api.Query;
import io.tidemark.gateway.api.RequestBody;
import io.tidemark.gateway.auth.ApiKey;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.http.Route;
import io.tidemark.gateway.json.Times;
import io.tidemark.gateway.ratelimit.RateLimiter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every op a WebSocket client may send, as {@link Route} is every REST endpoint: its wire name, the
 * members its message may carry, the scope its key needs (null: none), its weight on the key's
 * order-entry budget, and its handler. A {@link WsSession} finds the op, refuses unknown members,
 * checks the scope, then calls the handler, which reads the op's members and hands the work to the
 * session. Order ops go through the same {@link io.tidemark.gateway.api.OrderOps} and the same key
 * budget as REST, so validation, error codes, limits and idempotency are identical.
 */
public enum WsOp {
    SUBSCRIBE("subscribe", allowing("channels", "since_seq"), null, 0) {
        @Override
        void handle(final WsSession session, final JsonNode id, final RequestBody body, final ApiKey key) {
            final List<String> names = channelNames(body);
            final long sinceSeq = optionalLong(body, "since_seq", -1);
            final List<StreamChannel> channels = new ArrayList<>(names.size());
            boolean anyPrivate = false;
            for (final String name : names) {
                final StreamChannel channel = StreamChannel.parse(session.service().engine().config(), name);
                anyPrivate |= channel.kind().isPrivate();
                channels.add(channel);
            }
            if (anyPrivate && key == null) {
                throw new ApiException(ErrorCode.NOT_AUTHENTICATED, "private channels need an auth op first", "channels");
            }
            if (sinceSeq >= 0 && !anyPrivate) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "since_seq applies to the private channels",
                    "since_seq");
            }
            session.subscribe(id, channels, sinceSeq);
        }
    },
    UNSUBSCRIBE("unsubscribe", allowing("channels", "since_seq"), null, 0) {
        @Override
        void handle(final WsSession session, final JsonNode id, final RequestBody body, final ApiKey key) {
            // refused here rather than by the member check, so that another unknown member sent with it is
            // the one named, as it always was
            if (body.member("since_seq") != null) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown member 'since_seq'", "since_seq");
            }
            session.unsubscribe(id, channelNames(body));
        }
    },
    AUTH("auth", allowing("key", "timestamp", "nonce", "signature", "cancel_on_disconnect"), null, 0) {
        @Override
        void handle(final WsSession session, final JsonNode id, final RequestBody body, final ApiKey key) {
            if (key != null) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "this connection is already authenticated");
            }
            final JsonNode ts = body.member("timestamp");
            final String timestamp = ts == null || ts.isNull() ? null
                : ts.isIntegralNumber() ? ts.bigIntegerValue().toString() : ts.isTextual() ? ts.textValue() : "invalid";
            final boolean cancelOnDisconnect = body.bool("cancel_on_disconnect", false);
            final ApiKey authenticated;
            try {
                authenticated = session.service().authenticator().authenticate(body.string("key", false),
                    timestamp, body.string("nonce", false), body.string("signature", false), "GET", WebSocketService.PATH,
                    NO_BODY, session.client(), Scope.READ);
            } catch (final ApiException refused) {
                // as over REST: failed authentication is charged to the address's public budget
                final RateLimiter.Decision rate = session.rate();
                if (!session.service().rateLimiter().charge(RateLimiter.addressPrincipal(session.client()),
                    RateLimiter.Budget.DATA, session.service().config().publicLimitPerIp(), 1, false, rate)) {
                    throw new ApiException(ErrorCode.RATE_LIMITED, "this address's public rate limit of " + rate.limit()
                        + " weight per minute is spent by failed authentication; the next attempt is possible at resets_at",
                        null, Map.of("resets_at", Times.ofEpochMillis(rate.retryAtMillis())));
                }
                throw refused;
            }
            if (cancelOnDisconnect && !authenticated.grants(Scope.TRADE)) {
                throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "cancel_on_disconnect needs the trade scope",
                    "cancel_on_disconnect");
            }
            session.authenticated(id, authenticated, cancelOnDisconnect);
        }
    },
    ORDER_PLACE("order.place", allowing("order"), Scope.TRADE, 1) {
        @Override
        void handle(final WsSession session, final JsonNode id, final RequestBody body, final ApiKey key) {
            final JsonNode order = body.member("order");
            if (order == null || order.isNull()) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "order is required", "order");
            }
            final RequestBody fields = RequestBody.of(order, OrderRequest.MEMBERS);
            charge(session, key);
            session.service().orders().place(fields, key.accountId(), session.executor(),
                result -> session.answer(id, result));
        }
    },
    ORDER_CANCEL("order.cancel", allowing("order_id", "client_order_id"), Scope.TRADE, 1) {
        @Override
        void handle(final WsSession session, final JsonNode id, final RequestBody body, final ApiKey key) {
            final String orderId = idText(body, "order_id");
            final String clientOrderId = body.string("client_order_id", false);
            if ((orderId == null) == (clientOrderId == null)) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "give order_id or client_order_id", "order_id");
            }
            charge(session, key);
            if (orderId != null) {
                session.service().orders().cancel(key.accountId(), Query.orderId(orderId), session.executor(),
                    result -> session.answer(id, result));
            } else {
                session.service().orders().cancelByClientId(key.accountId(), OrderEndpoints.clientOrderId(clientOrderId),
                    session.executor(), result -> session.answer(id, result));
            }
        }
    },
    ORDER_AMEND("order.amend", allowing("order_id", "size", "price"), Scope.TRADE, 1) {
        @Override
        void handle(final WsSession session, final JsonNode id, final RequestBody body, final ApiKey key) {
            final String orderId = idText(body, "order_id");
            if (orderId == null) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "order_id is required", "order_id");
            }
            if (!body.has("size") && !body.has("price")) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "give a new size, a new price, or both");
            }
            charge(session, key);
            session.service().orders().amend(key.accountId(), Query.orderId(orderId), body, session.executor(),
                result -> session.answer(id, result));
        }
    },
    CANCEL_AFTER("cancel_after", allowing("timeout_ms"), Scope.TRADE, 0) {
        @Override
        void handle(final WsSession session, final JsonNode id, final RequestBody body, final ApiKey key) {
            final long timeout = optionalLong(body, "timeout_ms", -1);
            if (timeout < 0 || timeout > MAX_CANCEL_AFTER_MILLIS) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "timeout_ms must be 0 (disarm) to "
                    + MAX_CANCEL_AFTER_MILLIS, "timeout_ms");
            }
            session.cancelAfter(id, key.accountId(), timeout);
        }
    },
    PING("ping", allowing(), null, 0) {
        @Override
        void handle(final WsSession session, final JsonNode id, final RequestBody body, final ApiKey key) {
            session.send(WsMessages.pong(id, session.service().clockMillis().getAsLong()));
        }
    };

    private static final byte[] NO_BODY = new byte[0];
    private static final long MAX_CANCEL_AFTER_MILLIS = 24L * 3_600_000;
    private static final List<String> WIRE_NAMES = Stream.of(values()).map(op -> op.wireName).toList();
    private static final Map<String, WsOp> BY_WIRE_NAME = Stream.of(values())
        .collect(Collectors.toUnmodifiableMap(op -> op.wireName, op -> op));
    private static final String UNKNOWN = "unknown op; ops are " + String.join(", ", WIRE_NAMES);

    private final String wireName;
    private final Set<String> members;
    private final Scope scope;
    /** What the op costs on the key's order-entry budget; 0 for ops that are not charged. */
    private final int weight;

    WsOp(final String wireName, final Set<String> members, final Scope scope, final int weight) {
        this.wireName = wireName;
        this.members = members;
        this.scope = scope;
        this.weight = weight;
    }

    /**
     * Runs the op on its event loop for the session's key ({@code key}: null before an {@code auth};
     * for an op with a scope, a key known to hold it). Refuses a bad op by throwing an
     * {@link ApiException}; answers go out through the session.
     */
    abstract void handle(WsSession session, JsonNode id, RequestBody body, ApiKey key);

    /** The members a message of this op may carry, {@code op} and {@code id} included. */
    Set<String> members() {
        return members;
    }

    /** The scope a key needs, or null when the op needs no key. */
    Scope scope() {
        return scope;
    }

    /**
     * Cancels and the dead-man switch are never refused for rate, and pass up to ten times the
     * connection's message rate: a market maker must always be able to pull its quotes.
     */
    boolean neverRefusedForRate() {
        return this == ORDER_CANCEL || this == CANCEL_AFTER;
    }

    /** The op with this wire name, or null. */
    static WsOp fromWire(final String name) {
        return BY_WIRE_NAME.get(name);
    }

    /** Every op's wire name, in the order the ops are listed to a client. */
    public static List<String> wireNames() {
        return WIRE_NAMES;
    }

    /** The answer to an op name that is none of these. */
    static ApiException unknown() {
        return new ApiException(ErrorCode.INVALID_PARAMETER, UNKNOWN, "op");
    }

    /** Charges the op's weight to the key's order-entry budget, past which it is refused (unless a cancel). */
    void charge(final WsSession session, final ApiKey key) {
        final RateLimiter.Decision rate = session.rate();
        if (!session.service().rateLimiter().charge(RateLimiter.keyPrincipal(key.id()), RateLimiter.Budget.ORDERS,
            session.service().config().limit(key.tier()), weight, neverRefusedForRate(), rate)) {
            throw ApiException.rateLimited(rate.limit(), Times.ofEpochMillis(rate.retryAtMillis()));
        }
    }

    private static Set<String> allowing(final String... names) {
        final Set<String> members = new HashSet<>(List.of(names));
        members.add("op");
        members.add("id");
        return Set.copyOf(members);
    }

    /** The distinct channel names, in the order given. */
    private static List<String> channelNames(final RequestBody body) {
        final JsonNode channels = body.member("channels");
        if (channels == null || !channels.isArray() || channels.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "channels must be a non-empty array of names", "channels");
        }
        final List<String> names = new ArrayList<>(channels.size());
        for (final JsonNode channel : channels) {
            if (!channel.isTextual()) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "channels must be strings", "channels");
            }
            if (!names.contains(channel.textValue())) {
                names.add(channel.textValue());
            }
        }
        return names;
    }

    /** An order id as a string of digits (a JSON integer is accepted too). */
    private static String idText(final RequestBody body, final String name) {
        final JsonNode value = body.member(name);
        if (value != null && value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        try {
            return body.string(name, false);
        } catch (final ApiException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a string of digits", name);
        }
    }

    /** An optional non-negative integer member, {@code absent} when missing. */
    private static long optionalLong(final RequestBody body, final String name, final long absent) {
        final JsonNode value = body.member(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a non-negative integer", name);
        }
        return value.longValue();
    }
}
