package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.tidemark.engine.api.Command;
import io.tidemark.gateway.api.ApiJson;
import io.tidemark.gateway.api.OrderOps;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection after the handshake: reads the client's messages (JSON text frames), finds
 * each one's {@link WsOp} and runs it, answering {@code error} with the op's {@code id} when it is
 * refused; keeps the connection's subscriptions, its key, the market-maker safety switches and the
 * message rate, and sends heartbeats when idle. Event-loop confined, one per channel.
 */
final class WsSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);
    private static final long CANCEL_RETRY_MILLIS = 20;

    private final WebSocketService service;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    /** What this session's last rate charge decided, filled in place: no object per charge. */
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
        this.outbox = new Outbox(context.channel(), service.config().wsMaxBacklogBytes(), service.deliveryObserver(),
            this::cutAsSlowConsumer);
    }

    private void cutAsSlowConsumer() {
        LOG.warn("event=ws_slow_consumer remote={} max_backlog_bytes={}", ctx.channel().remoteAddress(),
            service.config().wsMaxBacklogBytes());
        service.metrics().websocketCut(ErrorCode.SLOW_CONSUMER);
    }

    private void cutAsUnavailable() {
        LOG.warn("event=ws_cut_engine_unavailable remote={}", ctx.channel().remoteAddress());
        service.metrics().websocketCut(ErrorCode.ENGINE_BUSY);
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext context) throws Exception {
        if (context.channel().isWritable()) {
            outbox.writable();
        }
        super.channelWritabilityChanged(context);
    }

    /**
     * A message over the limit in fragments (the aggregator's TooLongFrameException) is closed 1009 like
     * one oversized frame (which Netty's decoder closes itself); a reset or broken connection is routine
     * and only ends the session; anything else is logged on one line and ends it too.
     */
    @Override
    public void exceptionCaught(final ChannelHandlerContext context, final Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            LOG.info("event=ws_message_too_big remote={} limit_bytes={}", context.channel().remoteAddress(),
                WebSocketService.MAX_FRAME_BYTES);
            closeWith(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                "messages are at most " + WebSocketService.MAX_FRAME_BYTES + " bytes"));
        } else if (cause instanceof CorruptedWebSocketFrameException) {
            LOG.debug("event=ws_protocol_violation remote={} error={}", context.channel().remoteAddress(), cause.toString());
            outbox.stop();
            context.close();
        } else if (cause instanceof IOException) {
            LOG.debug("event=ws_connection_error remote={} error={}", context.channel().remoteAddress(), cause.toString());
            outbox.stop();
            context.close();
        } else {
            LOG.warn("event=ws_session_error remote={} error={}", context.channel().remoteAddress(), cause.toString());
            outbox.stop();
            context.close();
        }
    }

    /** Drops what is queued and sends {@code close} ahead of it; the protocol handler ends the connection after. */
    private void closeWith(final CloseWebSocketFrame close) {
        outbox.stop();
        ctx.channel().writeAndFlush(close);
        ctx.executor().schedule(() -> {
            ctx.close();
        }, Outbox.CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A client's ping, taken before Netty's protocol handler would answer it straight onto the socket:
     * it counts toward the message rate (a flood beyond it is dropped unanswered) and its pong goes
     * through the outbox, so a client that pings without reading meets the backlog bound.
     */
    void ping(final PingWebSocketFrame ping) {
        try {
            lastReadNanos = System.nanoTime();
            if (withinMessageRate(false)) {
                outbox.send(WsFrames.pong(ping.content()), 0);
            }
        } finally {
            ping.release();
        }
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
        final String stale = service.engine().unavailable();
        if (stale != null) {
            // streams that would only go silent: the client is told why and can reconnect elsewhere
            outbox.cut(ErrorCode.ENGINE_BUSY, stale, WebSocketCloseStatus.TRY_AGAIN_LATER, "engine unavailable",
                this::cutAsUnavailable);
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
        if (service.keptCancelAfter() != null && key != null) {
            service.keptCancelAfter().forget(this, key.accountId());
        }
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
        final JsonNode name = message.get("op");
        final WsOp op = name != null && name.isTextual() ? WsOp.fromWire(name.textValue()) : null;
        if (!withinMessageRate(op != null && op.neverRefusedForRate())) {
            outbox.send(WsMessages.error(id, ErrorCode.RATE_LIMITED, "more than "
                + service.config().wsMaxMessagesPerSecond() + " messages per second; the message was dropped", null));
            return;
        }
        try {
            if (!message.isObject()) {
                throw new ApiException(ErrorCode.INVALID_JSON, "a message must be a JSON object");
            }
            if (name == null || !name.isTextual()) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "op is required", "op");
            }
            service.metrics().websocketMessage(name.textValue());
            if (op == null) {
                throw WsOp.unknown();
            }
            final RequestBody body = RequestBody.of(message, op.members());
            op.handle(this, id, body, op.scope() == null ? key : keyWith(op.scope()));
        } catch (final ApiException e) {
            outbox.send(WsMessages.error(id, e));
        } catch (final RuntimeException e) {
            LOG.error("websocket op failed", e);
            outbox.send(WsMessages.error(id, ErrorCode.INTERNAL_ERROR, "internal error", null));
        }
    }

    /**
     * The per-connection message rate. What is never refused for rate (cancels, dead-man re-arms) is
     * dropped only by a flood of ten times the limit.
     */
    private boolean withinMessageRate(final boolean neverRefused) {
        final long now = System.nanoTime();
        if (now - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = now;
            windowMessages = 0;
        }
        final int limit = service.config().wsMaxMessagesPerSecond();
        return ++windowMessages <= (neverRefused ? limit * 10 : limit);
    }

    /** The session's key, still valid and holding {@code scope}. */
    private ApiKey keyWith(final Scope scope) {
        if (key == null) {
            throw new ApiException(ErrorCode.NOT_AUTHENTICATED, "order ops need an auth op first");
        }
        if (!service.authenticator().stillValid(key)) {
            revoked();
            throw new ApiException(ErrorCode.INVALID_KEY, "the key this session authenticated with was revoked");
        }
        if (!key.grants(scope)) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "this key lacks the " + scope.wireName() + " scope");
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

    // ------------------------------------------------------------------------------ for the ops

    WebSocketService service() {
        return service;
    }

    RateLimiter.Decision rate() {
        return rate;
    }

    /** Where continuations of this session's ops run: its event loop. */
    Executor executor() {
        return ctx.executor();
    }

    InetAddress client() {
        return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    }

    void send(final byte[] message) {
        outbox.send(message);
    }

    void authenticated(final JsonNode id, final ApiKey authenticated, final boolean cancelOnDisconnect) {
        this.key = authenticated;
        this.cancelOnDisconnect = cancelOnDisconnect;
        outbox.send(WsMessages.ack(id));
    }

    /** Answers an order op with the order or the error. */
    void answer(final JsonNode id, final OrderOps.OrderResult result) {
        if (result.error() != null) {
            outbox.send(WsMessages.error(id, result.error()));
        } else {
            outbox.send(WsMessages.order(id, ApiJson.order(service.engine().config(), result.order()), result.replayed()));
        }
    }

    /**
     * Subscribes to distinct channels (the private ones only with a key), within the connection's limit;
     * {@code sinceSeq} (negative: none) replays the private events after it first.
     */
    void subscribe(final JsonNode id, final List<StreamChannel> channels, final long sinceSeq) {
        int added = 0;
        for (final StreamChannel channel : channels) {
            added += subscriptions.containsKey(channel.name()) ? 0 : 1;
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
        for (final StreamChannel channel : channels) {
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
        try {
            // one view-thread step: the ack, then snapshots or replays, then registration, so live messages follow with no gap
            service.engine().query((views, command, slot) -> {
                if (!privateOnes.isEmpty()) {
                    privateStreams.checkReplay(accountId, sinceSeq);
                }
                replaced.forEach(previous -> previous.active = false);
                outbox.send(WsMessages.ack(id));
                for (final Subscription subscription : publicOnes) {
                    publicStreams.subscribe(subscription, views.marketData());
                }
                if (!privateOnes.isEmpty()) {
                    privateStreams.subscribe(accountId, privateOnes, sinceSeq);
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

    void unsubscribe(final JsonNode id, final List<String> names) {
        for (final String name : names) {
            final Subscription subscription = subscriptions.remove(name);
            if (subscription != null) {
                subscription.active = false;
            }
        }
        outbox.send(WsMessages.ack(id));
    }

    /** Re-arms the dead-man switch: the account's open orders are cancelled after {@code timeoutMillis}; 0 disarms. */
    void cancelAfter(final JsonNode id, final long accountId, final long timeoutMillis) {
        final KeptCancelAfter kept = service.keptCancelAfter();
        if (kept != null) {
            // kept by the clustered engine (one switch per account): answered once it is in force there
            if (!kept.set(this, accountId, timeoutMillis, ctx.executor(), deadlineMillis -> outbox.send(
                WsMessages.cancelAfter(id, deadlineMillis > 0 ? Times.ofEpochMillis(deadlineMillis) : null)))) {
                throw new ApiException(ErrorCode.ENGINE_BUSY, "the engine is busy; cancel_after was not set, retry");
            }
            return;
        }
        if (cancelAfter != null) {
            cancelAfter.cancel(false);
            cancelAfter = null;
        }
        if (timeoutMillis > 0) {
            cancelAfter = ctx.executor().schedule(() -> {
                cancelAfter = null;
                cancelAll(accountId, "cancel_after", 0, outbox);
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            outbox.send(WsMessages.cancelAfter(id, Times.ofEpochMillis(service.clockMillis().getAsLong() + timeoutMillis)));
        } else {
            outbox.send(WsMessages.cancelAfter(id, null));
        }
    }

    /** The account's switch, kept elsewhere, fired: this session hears what it cancelled, as from its own. */
    void cancelAfterFired(final long[] cancelledOrderIds) {
        ctx.executor().execute(() -> outbox.send(WsMessages.cancelled("cancel_after", cancelledOrderIds)));
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
                    notify.send(WsMessages.cancelled(why, outcome.value()));
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
}
