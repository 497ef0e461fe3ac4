package io.tidemark.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates a request into one message. A body above the limit is not read: in its place an empty
 * request marked {@link #isOversized oversized} goes on, which the {@link RequestSequencer} answers 413
 * {@code payload_too_large} in its turn (so after the answers to requests pipelined before it, counted in
 * the metrics, with the {@code RateLimit-*} headers like every response) and then closes the connection.
 */
public final class BodyLimitHandler extends HttpObjectAggregator {
    public static final int MAX_BODY = 64 * 1024;

    public BodyLimitHandler() {
        super(MAX_BODY);
    }

    /**
     * A client announcing an oversized body with {@code Expect: 100-continue} gets the same 413 as any
     * other, in the contract's shape, instead of Netty's bare one: the final status stands in for the
     * 100 it waits for, so it does not send the body at all.
     */
    @Override
    protected Object newContinueResponse(final HttpMessage start, final int maxContentLength,
                                         final ChannelPipeline pipeline) {
        // a request the decoder refused is answered 400 in its turn; its Content-Length may be no number at all
        if (start.decoderResult().isFailure()) {
            return null;
        }
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close();
            return;
        }
        final DefaultFullHttpRequest marker = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
            request.uri(), Unpooled.EMPTY_BUFFER, request.headers().copy(),
            DefaultHttpHeadersFactory.trailersFactory().newEmptyHeaders());
        marker.setDecoderResult(DecoderResult.failure(new Oversized()));
        ctx.fireChannelRead(marker);
    }

    /** Whether the request's body was over {@link #MAX_BODY} and dropped. */
    static boolean isOversized(final DecoderResult result) {
        return result.isFailure() && result.cause() instanceof Oversized;
    }

    private static final class Oversized extends TooLongFrameException {
        private static final long serialVersionUID = 1L;

        Oversized() {
            super("request bodies are limited to " + MAX_BODY + " bytes");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
