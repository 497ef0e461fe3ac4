package io.tidemark.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.tidemark.gateway.config.GatewayConfig;

import java.util.function.Supplier;

/**
 * The handlers of one connection, one per concern: connection caps → flush consolidation → idle timeout
 * → HTTP encoding, and decoding (with the header deadline and the pipelining pause) → request timeout →
 * 64 KiB body limit → WebSocket upgrade → sequencer → route → authentication → rate limit → endpoint.
 * The shared handlers are given once; the per-connection ones are made for each connection.
 */
public final class ConnectionPipeline {
    private static final HttpDecoderConfig DECODING = new HttpDecoderConfig().setMaxInitialLineLength(8_192)
        .setMaxHeaderSize(16_384).setMaxChunkSize(8_192);

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final ConnectionLimitHandler connectionLimits;
    private final Supplier<ChannelHandler> webSocket;
    private final RouteHandler route;
    private final AuthHandler auth;
    private final RateLimitHandler rateLimit;
    private final EndpointHandler endpoint;

    /** {@code webSocket} gives the handler that takes over WebSocket upgrades, for each connection. */
    public ConnectionPipeline(final GatewayConfig config, final GatewayMetrics metrics,
                              final Supplier<ChannelHandler> webSocket, final RouteHandler route, final AuthHandler auth,
                              final RateLimitHandler rateLimit, final EndpointHandler endpoint) {
        this.config = config;
        this.metrics = metrics;
        this.connectionLimits = new ConnectionLimitHandler(config.maxConnectionsPerIp(), config.maxConnections());
        this.webSocket = webSocket;
        this.route = route;
        this.auth = auth;
        this.rateLimit = rateLimit;
        this.endpoint = endpoint;
    }

    public void install(final ChannelPipeline p) {
        p.addLast("connections", connectionLimits);
        // replies arrive from the ring as one event-loop task each: one write syscall per burst, not per reply
        p.addLast("flush", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        p.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeoutSeconds()));
        p.addLast("idle-close", new IdleCloseHandler());
        final RequestDecoder decoder = new RequestDecoder(DECODING, config.headerTimeoutMillis());
        p.addLast("http-encoder", new ResponseEncoder());
        p.addLast("http-decoder", decoder);
        p.addLast("request-timeout", new RequestTimeoutHandler(config.requestTimeoutMillis()));
        p.addLast("body-limit", new BodyLimitHandler());
        p.addLast("websocket", webSocket.get());
        p.addLast("sequencer", new RequestSequencer(metrics, rateLimit::peek, decoder));
        p.addLast("route", route);
        p.addLast("auth", auth);
        p.addLast("rate-limit", rateLimit);
        p.addLast("endpoint", endpoint);
    }
}
