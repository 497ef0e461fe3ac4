package io.tidemark.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns each aggregated request into an {@link ApiRequest} numbered in arrival order, and writes
 * responses strictly in that order: with HTTP/1.1 pipelining a later request may finish first (a ping
 * answered on the spot while an order is still in the ring), so its response waits until all earlier
 * ones are out. Hands them to the {@link ResponseEncoder} (which adds the headers every response carries, the
 * rate-limit ones included), fills in the budget of answers given before charging, and owns
 * keep-alive: a request that ends the connection gets {@code Connection: close}, nothing after it is
 * served, and the connection then ends with a {@link LingeringClose}. One per channel.
 *
 * <p>What it holds is bounded: with {@link #MAX_PIPELINED} requests taken in and unanswered, or more
 * answers waiting to be sent than the channel buffers (it turns unwritable), the {@link RequestDecoder}
 * stops decoding and the channel stops reading, so TCP holds a client that pipelines more back; reading
 * goes on once half of those are answered and the answers are on their way.
 *
 * <p>A {@link Refusal} (user event) is answered in the turn of the next request, as if one had been read,
 * and ends the connection: a request whose headers ran out of time, or a connection over a cap.
 */
public final class RequestSequencer extends ChannelDuplexHandler {

    /** Requests taken in and not yet answered at which the connection stops reading. */
    static final int MAX_PIPELINED = 128;
    private static final int RESUME_AT = MAX_PIPELINED / 2;

    private final GatewayMetrics metrics;
    private final Consumer<ApiRequest> peek;
    private final RequestDecoder decoder;
    private long nextRequest;
    private long nextResponse;
    /** A request that ends the connection was read: nothing after it is served. */
    private boolean lastRead;
    private final TreeMap<Long, ApiResponse> waiting = new TreeMap<>();

    /** An error to answer instead of a request that was never read whole; the connection ends after it. */
    public record Refusal(ErrorCode code, String message) {
    }

    /**
     * {@code peek} fills in the budget headers of responses sent before the request was charged;
     * {@code decoder} is the channel's, paused while this holds all it takes.
     */
    public RequestSequencer(final GatewayMetrics metrics, final Consumer<ApiRequest> peek,
                            final RequestDecoder decoder) {
        this.metrics = metrics;
        this.peek = peek;
        this.decoder = decoder;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (!(msg instanceof FullHttpRequest http)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            take(ctx, http);
        } finally {
            ReferenceCountUtil.release(http);
        }
        if (nextRequest - nextResponse >= MAX_PIPELINED && !lastRead) {
            decoder.pause();
        }
    }

    private void take(final ChannelHandlerContext ctx, final FullHttpRequest http) {
        if (lastRead) {
            return; // pipelined after "Connection: close" (or an oversized or malformed request): not ours to run
        }
        final byte[] body = new byte[http.content().readableBytes()];
        http.content().readBytes(body);
        final boolean oversized = BodyLimitHandler.isOversized(http.decoderResult());
        final boolean malformed = http.decoderResult().isFailure();
        // after either, the connection is ended: the decoder has given up on the stream, or the
        // rest of an oversized body is still arriving
        final ApiRequest request = new ApiRequest(nextRequest++, http.method(), http.uri(), http.headers(), body,
            !malformed && HttpUtil.isKeepAlive(http), client(ctx));
        lastRead = !request.keepAlive();
        if (oversized) {
            ctx.channel().writeAndFlush(ApiResponse.error(request, new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                "request bodies are limited to " + BodyLimitHandler.MAX_BODY + " bytes")));
            return;
        }
        if (malformed) {
            ctx.channel().writeAndFlush(ApiResponse.error(request,
                new ApiException(ErrorCode.INVALID_PARAMETER, "malformed HTTP request")));
            return;
        }
        if (!request.wellFormedTarget()) {
            ctx.channel().writeAndFlush(ApiResponse.error(request,
                new ApiException(ErrorCode.INVALID_PARAMETER, "the request target has an invalid percent-escape")));
            return;
        }
        ctx.fireChannelRead(request);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
        if (!(evt instanceof Refusal refusal)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (lastRead) {
            return;
        }
        lastRead = true;
        ctx.channel().writeAndFlush(ApiResponse.error(ApiRequest.unread(nextRequest++, client(ctx)),
            new ApiException(refusal.code(), refusal.message())));
    }

    private static InetAddress client(final ChannelHandlerContext ctx) {
        return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    }

    @Override
    public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise) {
        if (!(msg instanceof ApiResponse response)) {
            ctx.write(msg, promise);
            return;
        }
        promise.setSuccess();
        if (response.request().sequence() == nextResponse) {
            // the usual case: the oldest outstanding request's answer, written at once
            nextResponse++;
            send(ctx, response);
        } else {
            waiting.put(response.request().sequence(), response);
        }
        ApiResponse next;
        while (!waiting.isEmpty() && (next = waiting.remove(nextResponse)) != null) {
            nextResponse++;
            send(ctx, next);
        }
        ctx.flush();
        readOnIfRoom(ctx);
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            if (!lastRead) {
                decoder.pause();
            }
        } else {
            readOnIfRoom(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void readOnIfRoom(final ChannelHandlerContext ctx) {
        if (decoder.isPaused() && nextRequest - nextResponse <= RESUME_AT && ctx.channel().isWritable()) {
            decoder.resume();
        }
    }

    /** Taken over by a WebSocket: the decoder goes too, and reading must not stay stopped. */
    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            decoder.resume();
        }
    }

    private void send(final ChannelHandlerContext ctx, final ApiResponse response) {
        if (!response.request().rate.isSet()) {
            peek.accept(response.request());
        }
        metrics.response(response);
        // the ResponseEncoder turns it into bytes
        if (response.request().keepAlive()) {
            ctx.write(response);
        } else {
            ctx.writeAndFlush(response).addListener(written -> LingeringClose.after(ctx, written.isSuccess()));
        }
    }
}
