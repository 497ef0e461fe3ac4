package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.tidemark.engine.api.Command;
import io.tidemark.gateway.api.ApiJson;
import io.tidemark.gateway.api.EngineClient;
import io.tidemark.gateway.api.OrderEndpoints;
import io.tidemark.gateway.api.OrderOps;
import io.tidemark.gateway.api.OrderRequest;
import io.tidemark.gateway.api.Query;
import io.tidemark.gateway.api.RequestBody;
import io.tidemark.gateway.auth.ApiKey;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.gateway.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection after the handshake: reads the client's ops (JSON text frames), answers
 * each with {@code ack}, {@code error}, {@code pong} or {@code order} echoing its {@code id}, keeps the
 * connection's subscriptions, authentication and market-maker safety switches, and sends heartbeats
 * when idle. Order ops go through the same {@link OrderOps} and the same key budget as REST, so
 * validation, error codes, limits and idempotency are identical. Event-loop confined, one per channel.
 */
final class WsSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);
    private static final byte[] NO_BODY = new byte[0];
    private static final long MAX_CANCEL_AFTER_MILLIS = 24L * 3_600_000;
    private static final long CANCEL_RETRY_MILLIS = 20;
    private static final Set<String> SUBSCRIBE_MEMBERS = Set.of("op", "id", "channels", "since_seq");
    private static final Set<String> AUTH_MEMBERS = Set.of("op", "id", "key", "timestamp", "nonce", "signature",
        "cancel_on_disconnect");
    private static final Set<String> PLACE_MEMBERS = Set.of("op", "id", "order");
    private static final Set<String> CANCEL_MEMBERS = Set.of("op", "id", "order_id", "client_order_id");
    private static final Set<String> AMEND_MEMBERS = Set.of("op", "id", "order_id", "size", "price");
    private static final Set<String> CANCEL_AFTER_MEMBERS = Set.of("op", "id", "timeout_ms");
    private static final Set<String> PING_MEMBERS = Set.of("op", "id");

    private final WebSocketService service;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final RateLimiter.Decision rate = new RateLimiter.Decision();
    private ChannelHandlerContext ctx;
    private Outbox outbox;
    private ApiKey key;
    private boolean cancelOnDisconnect;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> cancelAfter;
    private long lastReadNanos = System.nanoTime();
    private long lastPingNanos;
    private long windowStartNanos;
    private int windowMessages;

    WsSession(final WebSocketService service) {
        this.service = service;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext context) {
        this.ctx = context;
        this.outbox = new Outbox(context.channel(), service.config().wsMaxBacklogBytes(), service.deliveryObserver());
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext context, final Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            final long every = service.config().wsHeartbeatMillis();
            final long check = Math.max(5, every / 5);
            heartbeat = context.executor().scheduleAtFixedRate(() -> heartbeat(every), check, check, TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(context, evt);
    }

    /** How long a client may send nothing, not even a pong to our pings: three heartbeat intervals (15 s by default). */
    private static long silenceLimitNanos(final long heartbeatMillis) {
        return TimeUnit.MILLISECONDS.toNanos(3 * heartbeatMillis);
    }

    private void heartbeat(final long everyMillis) {
        final long now = System.nanoTime();
        final long silent = now - lastReadNanos;
        if (silent >= silenceLimitNanos(everyMillis)) {
            // a peer gone without a FIN (cable, NAT, crash of the host) is found here, not when TCP gives up
            // minutes later, so that cancel_on_disconnect acts in time
            LOG.info("event=ws_silent_peer_closed remote={} silent_ms={}", ctx.channel().remoteAddress(), silent / 1_000_000);
            ctx.close();
            return;
        }
        if (silent >= TimeUnit.MILLISECONDS.toNanos(everyMillis) && now - lastPingNanos >= TimeUnit.MILLISECONDS.toNanos(everyMillis)) {
            lastPingNanos = now;
            outbox.send(WsFrames.ping(), 0);
        }
        if (key != null && !service.authenticator().stillValid(key)) {
            revoked();
            return;
        }
        if (outbox.idleNanos(System.nanoTime()) >= TimeUnit.MILLISECONDS.toNanos(everyMillis)) {
            outbox.send(WsMessages.heartbeat(service.clockMillis().getAsLong()));
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext context) throws Exception {
        subscriptions.values().forEach(s -> s.active = false);
        subscriptions.clear();
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        // cancel_after stays armed: a client that died is exactly what the dead-man switch is for
        if (cancelOnDisconnect && key != null) {
            cancelAll(key.accountId(), "disconnect", 0, null);
        }
        super.channelInactive(context);
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext context, final WebSocketFrame frame) {
        lastReadNanos = System.nanoTime();
        if (frame instanceof PongWebSocketFrame) {
            return;
        }
        if (!(frame instanceof TextWebSocketFrame)) {
            outbox.send(WsMessages.error(null, ErrorCode.INVALID_JSON, "send JSON text frames", null));
            return;
        }
        final JsonNode message;
        try {
            message = Json.parse(ByteBufUtil.getBytes(frame.content()));
        } catch (final IOException e) {
            outbox.send(WsMessages.error(null, ErrorCode.INVALID_JSON, "the message is not valid JSON", null));
            return;
        }
        final JsonNode id = message.get("id");
        if (!withinMessageRate(isCancel(message))) {
            outbox.send(WsMessages.error(id, ErrorCode.RATE_LIMITED, "more than "
                + service.config().wsMaxMessagesPerSecond() + " messages per second; the message was dropped", null));
            return;
        }
        try {
            if (!message.isObject()) {
                throw new ApiException(ErrorCode.INVALID_JSON, "a message must be a JSON object");
            }
            final JsonNode op = message.get("op");
            if (op == null || !op.isTextual()) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "op is required", "op");
            }
            service.metrics().websocketMessage(op.textValue());
            switch (op.textValue()) {
                case "subscribe" -> subscribe(id, RequestBody.of(message, SUBSCRIBE_MEMBERS), message);
                case "unsubscribe" -> unsubscribe(id, RequestBody.of(message, SUBSCRIBE_MEMBERS), message);
                case "auth" -> auth(id, RequestBody.of(message, AUTH_MEMBERS), message);
                case "order.place" -> place(id, RequestBody.of(message, PLACE_MEMBERS), message);
                case "order.cancel" -> cancel(id, RequestBody.of(message, CANCEL_MEMBERS));
                case "order.amend" -> amend(id, RequestBody.of(message, AMEND_MEMBERS));
                case "cancel_after" -> cancelAfter(id, RequestBody.of(message, CANCEL_AFTER_MEMBERS), message);
                case "ping" -> {
                    RequestBody.of(message, PING_MEMBERS);
                    outbox.send(WsMessages.pong(id, service.clockMillis().getAsLong()));
                }
                default -> throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown op; ops are subscribe, "
                    + "unsubscribe, auth, order.place, order.cancel, order.amend, cancel_after, ping", "op");
            }
        } catch (final ApiException e) {
            outbox.send(WsMessages.error(id, e));
        } catch (final RuntimeException e) {
            LOG.error("websocket op failed", e);
            outbox.send(WsMessages.error(id, ErrorCode.INTERNAL_ERROR, "internal error", null));
        }
    }

    /**
     * The per-connection message rate. Cancels and dead-man re-arms are never refused for rate (a market
     * maker must always be able to pull its quotes); only a flood of ten times the limit drops them.
     */
    private boolean withinMessageRate(final boolean cancel) {
        final long now = System.nanoTime();
        if (now - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = now;
            windowMessages = 0;
        }
        final int limit = service.config().wsMaxMessagesPerSecond();
        return ++windowMessages <= (cancel ? limit * 10 : limit);
    }

    private static boolean isCancel(final JsonNode message) {
        final JsonNode op = message.get("op");
        return op != null && ("order.cancel".equals(op.asText()) || "cancel_after".equals(op.asText()));
    }

    // ------------------------------------------------------------------------------------ subscriptions

    private static List<String> channelNames(final JsonNode message) {
        final JsonNode channels = message.get("channels");
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

    private void subscribe(final JsonNode id, final RequestBody body, final JsonNode message) {
        final List<String> names = channelNames(message);
        final long sinceSeq = optionalLong(message, "since_seq", -1);
        final Map<String, StreamChannel> channels = new LinkedHashMap<>();
        boolean anyPrivate = false;
        for (final String name : names) {
            final StreamChannel channel = StreamChannel.parse(service.engine().config(), name);
            anyPrivate |= channel.kind().isPrivate();
            channels.put(name, channel);
        }
        if (anyPrivate && key == null) {
            throw new ApiException(ErrorCode.NOT_AUTHENTICATED, "private channels need an auth op first", "channels");
        }
        if (sinceSeq >= 0 && !anyPrivate) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "since_seq applies to the private channels", "since_seq");
        }
        int added = 0;
        for (final String name : names) {
            added += subscriptions.containsKey(name) ? 0 : 1;
        }
        if (subscriptions.size() + added > service.config().wsMaxSubscriptions()) {
            throw new ApiException(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "at most " + service.config().wsMaxSubscriptions()
                + " subscriptions per connection", "channels");
        }
        // subscribing again to a channel starts it afresh (a new snapshot or replay); the subscription it
        // replaces keeps running until the new one is registered, and is kept if the new one fails
        final List<Subscription> publicOnes = new ArrayList<>();
        final List<Subscription> privateOnes = new ArrayList<>();
        final List<Subscription> replaced = new ArrayList<>();
        final long accountId = key == null ? 0 : key.accountId();
        for (final StreamChannel channel : channels.values()) {
            final Subscription previous = subscriptions.get(channel.name());
            if (previous != null) {
                replaced.add(previous);
            }
            final Subscription subscription = new Subscription(outbox, channel, channel.kind().isPrivate() ? accountId : 0);
            subscriptions.put(channel.name(), subscription);
            (channel.kind().isPrivate() ? privateOnes : publicOnes).add(subscription);
        }
        final PublicStreams publicStreams = service.publicStreams();
        final PrivateStreams privateStreams = service.privateStreams();
        final long replayFrom = sinceSeq;
        try {
            // one view-thread step: the ack, then snapshots or replays, then registration, so live messages follow with no gap
            service.engine().query((views, command, slot) -> {
                if (!privateOnes.isEmpty()) {
                    privateStreams.checkReplay(accountId, replayFrom);
                }
                replaced.forEach(previous -> previous.active = false);
                outbox.send(WsMessages.ack(id));
                for (final Subscription subscription : publicOnes) {
                    publicStreams.subscribe(subscription, views.marketData());
                }
                if (!privateOnes.isEmpty()) {
                    privateStreams.subscribe(accountId, privateOnes, replayFrom);
                }
                return Boolean.TRUE;
            }, ctx.executor(), outcome -> {
                if (outcome.error() != null) {
                    dropSubscriptions(publicOnes, privateOnes, replaced);
                    outbox.send(WsMessages.error(id, outcome.error()));
                }
            });
        } catch (final ApiException e) {
            dropSubscriptions(publicOnes, privateOnes, replaced);
            throw e;
        }
    }

    /** Undoes a failed subscribe: its new subscriptions go, the ones they were to replace stay. */
    private void dropSubscriptions(final List<Subscription> publicOnes, final List<Subscription> privateOnes,
                                   final List<Subscription> replaced) {
        for (final List<Subscription> list : List.of(publicOnes, privateOnes)) {
            for (final Subscription subscription : list) {
                subscription.active = false;
                subscriptions.remove(subscription.channel.name(), subscription);
            }
        }
        for (final Subscription previous : replaced) {
            if (previous.active) {
                subscriptions.putIfAbsent(previous.channel.name(), previous);
            }
        }
    }

    private void unsubscribe(final JsonNode id, final RequestBody body, final JsonNode message) {
        if (message.has("since_seq")) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown member 'since_seq'", "since_seq");
        }
        for (final String name : channelNames(message)) {
            final Subscription subscription = subscriptions.remove(name);
            if (subscription != null) {
                subscription.active = false;
            }
        }
        outbox.send(WsMessages.ack(id));
    }

    // ------------------------------------------------------------------------------------------ auth

    private void auth(final JsonNode id, final RequestBody body, final JsonNode message) {
        if (key != null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "this connection is already authenticated");
        }
        final JsonNode ts = message.get("timestamp");
        final String timestamp = ts == null || ts.isNull() ? null
            : ts.isIntegralNumber() ? ts.bigIntegerValue().toString() : ts.isTextual() ? ts.textValue() : "invalid";
        final boolean cancel = body.bool("cancel_on_disconnect", false);
        final InetAddress client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        final ApiKey authenticated;
        try {
            authenticated = service.authenticator().authenticate(body.string("key", false), timestamp,
                body.string("nonce", false), body.string("signature", false), "GET", WebSocketService.PATH, NO_BODY,
                client, Scope.READ);
        } catch (final ApiException refused) {
            // as over REST: failed authentication is charged to the address's public budget
            if (!service.rateLimiter().charge(RateLimiter.addressPrincipal(client), RateLimiter.Budget.DATA,
                service.config().publicLimitPerIp(), 1, false, rate)) {
                throw rateLimited("this address's public rate limit of " + rate.limit() + " weight per minute is spent"
                    + " by failed authentication; the next attempt is possible at resets_at");
            }
            throw refused;
        }
        if (cancel && !authenticated.grants(Scope.TRADE)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "cancel_on_disconnect needs the trade scope",
                "cancel_on_disconnect");
        }
        key = authenticated;
        cancelOnDisconnect = cancel;
        outbox.send(WsMessages.ack(id));
    }

    private ApiKey trader() {
        if (key == null) {
            throw new ApiException(ErrorCode.NOT_AUTHENTICATED, "order ops need an auth op first");
        }
        if (!service.authenticator().stillValid(key)) {
            revoked();
            throw new ApiException(ErrorCode.INVALID_KEY, "the key this session authenticated with was revoked");
        }
        if (!key.grants(Scope.TRADE)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "this key lacks the trade scope");
        }
        return key;
    }

    /** The session's key was revoked: its private streams stop and the connection closes. */
    private void revoked() {
        key = null;
        cancelOnDisconnect = false;
        outbox.send(WsMessages.error(null, ErrorCode.INVALID_KEY, "the key this session authenticated with was revoked", null));
        ctx.executor().schedule(() -> ctx.close(), 100, TimeUnit.MILLISECONDS);
    }

    /** Charges one order op to the key's order-entry budget, shared with REST; cancels are never refused. */
    private void charge(final ApiKey trader, final boolean isCancel) {
        if (!service.rateLimiter().charge(RateLimiter.keyPrincipal(trader.id()), RateLimiter.Budget.ORDERS,
            service.config().limit(trader.tier()), 1, isCancel, rate)) {
            throw rateLimited("rate limit of " + rate.limit()
                + " weight per minute exceeded; this op's weight is available again at resets_at");
        }
    }

    private ApiException rateLimited(final String message) {
        return new ApiException(ErrorCode.RATE_LIMITED, message, null,
            Map.of("resets_at", Times.ofEpochMillis(rate.retryAtMillis())));
    }

    // ------------------------------------------------------------------------------------------ orders

    private void place(final JsonNode id, final RequestBody body, final JsonNode message) {
        final ApiKey trader = trader();
        final JsonNode order = message.get("order");
        if (order == null || order.isNull()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "order is required", "order");
        }
        final RequestBody fields = RequestBody.of(order, OrderRequest.MEMBERS);
        charge(trader, false);
        service.orders().place(fields, trader.accountId(), ctx.executor(), result -> answer(id, result));
    }

    private void cancel(final JsonNode id, final RequestBody body) {
        final ApiKey trader = trader();
        final String orderId = idText(body, "order_id");
        final String clientOrderId = body.string("client_order_id", false);
        if ((orderId == null) == (clientOrderId == null)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "give order_id or client_order_id", "order_id");
        }
        charge(trader, true);
        if (orderId != null) {
            service.orders().cancel(trader.accountId(), Query.orderId(orderId), ctx.executor(), result -> answer(id, result));
        } else {
            service.orders().cancelByClientId(trader.accountId(), OrderEndpoints.clientOrderId(clientOrderId),
                ctx.executor(), result -> answer(id, result));
        }
    }

    private void amend(final JsonNode id, final RequestBody body) {
        final ApiKey trader = trader();
        final String orderId = idText(body, "order_id");
        if (orderId == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "order_id is required", "order_id");
        }
        if (!body.has("size") && !body.has("price")) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "give a new size, a new price, or both");
        }
        charge(trader, false);
        service.orders().amend(trader.accountId(), Query.orderId(orderId), body, ctx.executor(), result -> answer(id, result));
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

    private void answer(final JsonNode id, final OrderOps.OrderResult result) {
        if (result.error() != null) {
            outbox.send(WsMessages.error(id, result.error()));
        } else {
            outbox.send(WsMessages.order(id, ApiJson.order(service.engine().config(), result.order()), result.replayed()));
        }
    }

    // ------------------------------------------------------------------------------------------ safety

    private void cancelAfter(final JsonNode id, final RequestBody body, final JsonNode message) {
        final ApiKey trader = trader();
        final long timeout = optionalLong(message, "timeout_ms", -1);
        if (timeout < 0 || timeout > MAX_CANCEL_AFTER_MILLIS) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "timeout_ms must be 0 (disarm) to "
                + MAX_CANCEL_AFTER_MILLIS, "timeout_ms");
        }
        if (cancelAfter != null) {
            cancelAfter.cancel(false);
            cancelAfter = null;
        }
        final ObjectNode ack = Json.object();
        ack.put("type", "ack");
        if (id != null && !id.isNull()) {
            ack.set("id", id);
        }
        if (timeout > 0) {
            final long accountId = trader.accountId();
            cancelAfter = ctx.executor().schedule(() -> {
                cancelAfter = null;
                cancelAll(accountId, "cancel_after", 0, outbox);
            }, timeout, TimeUnit.MILLISECONDS);
            ack.put("cancel_at", Times.ofEpochMillis(service.clockMillis().getAsLong() + timeout));
        } else {
            ack.putNull("cancel_at");
        }
        outbox.send(Json.bytes(ack));
    }

    /**
     * Cancels every open order of the account through the ring, retrying while the ring is full: a
     * market maker's safety switch must not be lost to back-pressure. Tells {@code notify} (if any) what
     * it cancelled.
     */
    private void cancelAll(final long accountId, final String why, final int attempt, final Outbox notify) {
        try {
            service.orders().cancelAll(accountId, Command.ALL_MARKETS, ctx.executor(), outcome -> {
                if (outcome.error() != null) {
                    LOG.warn("event=ws_cancel_all_failed reason={} account={} error={}", why, accountId,
                        outcome.error().code().code());
                    return;
                }
                LOG.info("event=ws_cancel_all reason={} account={} cancelled={}", why, accountId, outcome.value().length);
                if (notify != null) {
                    final ObjectNode node = Json.object();
                    node.put("type", why);
                    final ArrayNode ids = node.putArray("cancelled_order_ids");
                    for (final long orderId : outcome.value()) {
                        ids.add(Long.toString(orderId));
                    }
                    notify.send(Json.bytes(node));
                }
            });
        } catch (final ApiException busy) {
            // a safety cancel must not be lost to back-pressure: retry for as long as the ring accepts work
            if (service.engine().pipeline().isAccepting() && !ctx.executor().isShuttingDown()) {
                final long delay = Math.min(CANCEL_RETRY_MILLIS * (1L << Math.min(attempt, 3)), 200);
                ctx.executor().schedule(() -> cancelAll(accountId, why, attempt + 1, notify), delay, TimeUnit.MILLISECONDS);
            } else {
                LOG.error("event=ws_cancel_all_not_applied reason={} account={} attempts={}", why, accountId, attempt + 1);
            }
        }
    }

    /** An optional non-negative integer member, {@code absent} when missing. */
    private static long optionalLong(final JsonNode message, final String name, final long absent) {
        final JsonNode value = message.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " must be a non-negative integer", name);
        }
        return value.longValue();
    }
}
