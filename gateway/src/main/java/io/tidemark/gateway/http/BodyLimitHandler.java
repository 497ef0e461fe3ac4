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

import java.nio.charset.StandardCharsets;

/**
 * Aggregates a request into one message, refusing bodies above the limit with 413
 * {@code payload_too_large} in the contract's error shape (and closing: the rest of the body is not read).
 */
public final class BodyLimitHandler extends HttpObjectAggregator {
    public static final int MAX_BODY = 64 * 1024;
    private static final byte[] TOO_LARGE = ("{\"error\":{\"code\":\"payload_too_large\",\"message\":"
        + "\"request bodies are limited to 65536 bytes\"}}").getBytes(StandardCharsets.UTF_8);

    public BodyLimitHandler() {
        super(MAX_BODY);
    }

    @Override
    protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized) {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            ErrorCode.PAYLOAD_TOO_LARGE.status(), Unpooled.wrappedBuffer(TOO_LARGE));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, TOO_LARGE.length);
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
