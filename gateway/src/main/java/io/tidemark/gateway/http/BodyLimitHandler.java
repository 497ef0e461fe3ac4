package io.tidemark.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.tidemark.gateway.ratelimit.RateLimiter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Aggregates a request into one message, refusing bodies above the limit with 413
 * {@code payload_too_large} in the contract's error shape (and closing: the rest of the body is not read).
 * Like every response, the 413 carries the {@code RateLimit-*} headers: those of the client address's
 * budget, since the request was never authenticated.
 */
public final class BodyLimitHandler extends HttpObjectAggregator {
    public static final int MAX_BODY = 64 * 1024;
    private static final byte[] TOO_LARGE = ("{\"error\":{\"code\":\"payload_too_large\",\"message\":"
        + "\"request bodies are limited to 65536 bytes\"}}").getBytes(StandardCharsets.UTF_8);

    private final Function<InetAddress, RateLimiter.Decision> peek;

    /** {@code peek} gives the (uncharged) budget of a client address, for the rate-limit headers. */
    public BodyLimitHandler(final Function<InetAddress, RateLimiter.Decision> peek) {
        super(MAX_BODY);
        this.peek = peek;
    }

    @Override
    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized) {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            ErrorCode.PAYLOAD_TOO_LARGE.status(), Unpooled.wrappedBuffer(TOO_LARGE));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, TOO_LARGE.length);
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            final RateLimiter.Decision rate = peek.apply(remote.getAddress());
            response.headers().set("RateLimit-Limit", rate.limit());
            response.headers().set("RateLimit-Remaining", rate.remaining());
            response.headers().set("RateLimit-Reset", rate.resetSeconds());
            response.headers().set("RateLimit-Policy", rate.policy());
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
