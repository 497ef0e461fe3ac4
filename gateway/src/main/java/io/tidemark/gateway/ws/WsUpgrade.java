package io.tidemark.gateway.ws;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.util.List;

/**
 * Sits before the REST handlers and takes over requests for {@code /v1/ws}: it swaps the REST part of
 * the pipeline for Netty's WebSocket protocol handler (handshake, close and ping frames, a 64 KiB
 * frame limit), a fragment aggregator and a {@link WsSession}; everything else passes on untouched.
 * Stateless: shared.
 */
@ChannelHandler.Sharable
public final class WsUpgrade extends ChannelInboundHandlerAdapter {
    /**
     * The REST-only handlers. The flush consolidation goes too: an outbox already flushes once per burst
     * it drains, and deferring that flush behind every other connection's task in a fan-out tripled the
     * WebSocket benchmark's median latency.
     */
    private static final List<String> REST_HANDLERS = List.of("flush", "request-timeout", "sequencer",
        "route", "auth", "rate-limit", "endpoint");

    private final WebSocketService service;
    private final WebSocketServerProtocolConfig protocol;

    public WsUpgrade(final WebSocketService service) {
        this.service = service;
        this.protocol = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(WebSocketService.PATH)
            .checkStartsWith(true)
            .maxFramePayloadLength(WebSocketService.MAX_FRAME_BYTES)
            .handshakeTimeoutMillis(10_000)
            .dropPongFrames(false)
            .forceCloseTimeoutMillis(Outbox.CLOSE_GRACE_MILLIS)
            .build();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (msg instanceof FullHttpRequest request && isWebSocketPath(request.uri())) {
            final ChannelPipeline p = ctx.pipeline();
            for (final String name : REST_HANDLERS) {
                if (p.get(name) != null) {
                    p.remove(name);
                }
            }
            final WsSession session = new WsSession(service);
            p.addAfter(ctx.name(), "ws-pings", new PingInterceptor(session));
            p.addAfter("ws-pings", "ws-protocol", new WebSocketServerProtocolHandler(protocol));
            p.addAfter("ws-protocol", "ws-aggregator", new WebSocketFrameAggregator(WebSocketService.MAX_FRAME_BYTES));
            p.addAfter("ws-aggregator", "ws-session", session);
        }
        ctx.fireChannelRead(msg);
    }

    /** Hands ping frames to the session before Netty's protocol handler answers them unmetered. */
    private static final class PingInterceptor extends ChannelInboundHandlerAdapter {
        private final WsSession session;

        PingInterceptor(final WsSession session) {
            this.session = session;
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
            if (msg instanceof PingWebSocketFrame ping) {
                session.ping(ping);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /** A target whose escapes do not decode is not ours: the REST handlers answer it 400. */
    private static boolean isWebSocketPath(final String uri) {
        try {
            return WebSocketService.PATH.equals(new QueryStringDecoder(uri).path());
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }
}
