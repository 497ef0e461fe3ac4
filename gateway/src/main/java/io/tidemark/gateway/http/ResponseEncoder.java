package io.tidemark.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.tidemark.gateway.ratelimit.RateLimiter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes each {@link ApiResponse} as HTTP/1.1 bytes straight into one pooled buffer — status line, the
 * headers every response carries (content type and length, keep-alive, the {@code RateLimit-*} budget),
 * its own headers, then the body — with no response object, header map or per-header encoding between.
 * Anything else (the WebSocket upgrade's and the web screen's Netty responses) it encodes as Netty's
 * encoder does. One per channel, in the place of Netty's encoder.
 */
final class ResponseEncoder extends HttpResponseEncoder {
    private static final byte[] HTTP_1_1 = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_TYPE = "\r\ncontent-type: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = "\r\nconnection: keep-alive".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "\r\nconnection: close".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RATE_LIMIT = "\r\nRateLimit-Limit: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RATE_REMAINING = "\r\nRateLimit-Remaining: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RATE_RESET = "\r\nRateLimit-Reset: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RATE_POLICY = "\r\nRateLimit-Policy: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POLICY_WINDOW = ";w=60".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER_SEPARATOR = ": ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};
    /** Room for the status line and the headers every response has. */
    private static final int HEAD_BYTES = 256;

    @Override
    public boolean acceptOutboundMessage(final Object msg) throws Exception {
        return msg instanceof ApiResponse || super.acceptOutboundMessage(msg);
    }

    @Override
    public void write(final ChannelHandlerContext ctx, final Object msg, final ChannelPromise promise) throws Exception {
        if (msg instanceof ApiResponse response) {
            ctx.write(encode(ctx, response), promise);
        } else {
            super.write(ctx, msg, promise);
        }
    }

    private static ByteBuf encode(final ChannelHandlerContext ctx, final ApiResponse response) {
        // the answer to a HEAD request keeps its headers, Content-Length included, but no body may follow them
        final byte[] body = response.body();
        final boolean withBody = !HttpMethod.HEAD.equals(response.request().method());
        final ByteBuf out = ctx.alloc().buffer(HEAD_BYTES + (withBody ? body.length : 0));
        out.writeBytes(HTTP_1_1);
        writeNumber(out, response.status().code());
        out.writeByte(' ');
        ByteBufUtil.writeAscii(out, response.status().reasonPhrase());
        out.writeBytes(CONTENT_TYPE);
        ByteBufUtil.writeAscii(out, response.contentType());
        out.writeBytes(CONTENT_LENGTH);
        writeNumber(out, body.length);
        out.writeBytes(response.request().keepAlive() ? KEEP_ALIVE : CLOSE);
        final RateLimiter.Decision rate = response.request().rate();
        out.writeBytes(RATE_LIMIT);
        writeNumber(out, rate.limit());
        out.writeBytes(RATE_REMAINING);
        writeNumber(out, rate.remaining());
        out.writeBytes(RATE_RESET);
        writeNumber(out, rate.resetSeconds());
        out.writeBytes(RATE_POLICY);
        writeNumber(out, rate.limit());
        out.writeBytes(POLICY_WINDOW);
        for (final Map.Entry<String, String> header : response.headers().entrySet()) {
            out.writeBytes(CRLF);
            ByteBufUtil.writeAscii(out, header.getKey());
            out.writeBytes(HEADER_SEPARATOR);
            ByteBufUtil.writeAscii(out, header.getValue());
        }
        out.writeBytes(END_OF_HEADERS);
        if (withBody) {
            out.writeBytes(body);
        }
        return out;
    }

    /** A non-negative decimal number in ASCII; a negative one with its sign. */
    private static void writeNumber(final ByteBuf out, final long value) {
        if (value < 0) {
            ByteBufUtil.writeAscii(out, Long.toString(value));
            return;
        }
        long divisor = 1;
        while (divisor <= value / 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.writeByte((int) ('0' + value / divisor % 10));
        }
    }
}
