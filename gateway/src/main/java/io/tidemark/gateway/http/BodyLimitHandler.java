package io.tidemark.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.tidemark.gateway.ratelimit.RateLimiter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Aggregates a request into one message, refusing bodies above the limit with 413
 * {@code payload_too_large} in the contract's error shape (and closing: the rest of the body is not read).
 * Like every response, the 413 carries the {@code RateLimit-*} headers: those of the client address's
 * budget, since the request was never authenticated.
 */
public final class BodyLimitHandler extends HttpObjectAggregator {
    public static final int MAX_BODY = 64 * 1024;
    private static final long LINGER_MILLIS = 2_000;
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
        // the keep-alive handler would close the moment the 413 is written ("Connection: close"): we close later
        if (ctx.pipeline().get(HttpServerKeepAliveHandler.class) != null) {
            ctx.pipeline().remove(HttpServerKeepAliveHandler.class);
        }
        ctx.writeAndFlush(response).addListener(written -> lingeringClose(ctx, written.isSuccess()));
    }

    /**
     * Closes after the 413 without losing it. The client is usually still sending the body; closing a
     * socket with unread input makes the kernel answer with a reset, and a reset can destroy the 413 in
     * the client's receive buffer before it is read (seen as "no response" by clients). So: send FIN,
     * drop whatever still arrives, and close when the client does or after {@link #LINGER_MILLIS}.
     */
    private static void lingeringClose(final ChannelHandlerContext ctx, final boolean written) {
        if (!written || !(ctx.channel() instanceof DuplexChannel duplex)) {
            ctx.close();
            return;
        }
        ctx.pipeline().addFirst("discard", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(final ChannelHandlerContext discard, final Object msg) {
                ReferenceCountUtil.release(msg);
            }
        });
        duplex.shutdownOutput();
        ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }
}
