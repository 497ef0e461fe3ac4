package io.tidemark.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.ratelimit.RateLimiter;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@link ApiResponse} goes out as the very bytes Netty's encoder writes for the same response. */
class ResponseEncoderTest {
    private static final byte[] ORDER = "{\"data\":{\"id\":\"1\",\"status\":\"open\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeptAliveAnswerIsWrittenAsNettyWritesIt() throws Exception {
        final ApiRequest request = request(HttpMethod.POST, true);
        charge(request, 12_000, 13);
        assertThat(encoded(ApiResponse.raw(request, ORDER, "application/json")))
            .isEqualTo(netty(HttpResponseStatus.OK, "application/json", ORDER, true, request.rate(), false))
            .contains("RateLimit-Limit: 12000\r\nRateLimit-Remaining: 11987\r\nRateLimit-Reset: 1\r\n");
    }

    @Test
    void anErrorThatClosesTheConnectionKeepsItsStatusAndOwnHeaders() throws Exception {
        final ApiRequest request = request(HttpMethod.POST, false);
        charge(request, 1_200, 1_200);
        final ApiResponse response = ApiResponse.error(request, new ApiException(ErrorCode.RATE_LIMITED, "slow down"))
            .header("Retry-After", "3");
        final String expected = netty(HttpResponseStatus.TOO_MANY_REQUESTS, "application/json", response.body(), false,
            request.rate(), false).replace("\r\n\r\n", "\r\nRetry-After: 3\r\n\r\n");
        assertThat(encoded(response)).isEqualTo(expected);
    }

    @Test
    void theAnswerToAHeadRequestHasTheLengthButNoBody() throws Exception {
        final ApiRequest request = request(HttpMethod.HEAD, true);
        charge(request, 60, 1);
        assertThat(encoded(ApiResponse.raw(request, ORDER, "application/json")))
            .isEqualTo(netty(HttpResponseStatus.OK, "application/json", ORDER, true, request.rate(), true))
            .endsWith("\r\n\r\n");
    }

    @Test
    void nettysOwnResponsesStillPassThroughItsEncoding() {
        final EmbeddedChannel ours = new EmbeddedChannel(new ResponseEncoder());
        final EmbeddedChannel netty = new EmbeddedChannel(new HttpResponseEncoder());
        for (final EmbeddedChannel channel : new EmbeddedChannel[] {ours, netty}) {
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
            response.headers().set(HttpHeaderNames.UPGRADE, "websocket").set(HttpHeaderNames.CONNECTION, "upgrade");
            channel.writeOutbound(response);
        }
        assertThat(drain(ours)).isEqualTo(drain(netty)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    }

    private static ApiRequest request(final HttpMethod method, final boolean keepAlive) throws Exception {
        return new ApiRequest(0, method, "/v1/orders", new DefaultHttpHeaders(), new byte[0], keepAlive,
            InetAddress.getLoopbackAddress());
    }

    private static void charge(final ApiRequest request, final int limit, final int weight) {
        new RateLimiter(() -> 1_000_000L).charge("key", RateLimiter.Budget.values()[0], limit, weight, true, request.rate());
    }

    private static String encoded(final ApiResponse response) {
        final EmbeddedChannel channel = new EmbeddedChannel(new ResponseEncoder());
        channel.writeOutbound(response);
        return drain(channel);
    }

    /** What Netty's encoder wrote for the response as the sequencer used to build it. */
    private static String netty(final HttpResponseStatus status, final String contentType, final byte[] body,
                                final boolean keepAlive, final RateLimiter.Decision rate, final boolean head) {
        final FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        http.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        http.headers().setInt("RateLimit-Limit", rate.limit());
        http.headers().setInt("RateLimit-Remaining", rate.remaining());
        http.headers().set("RateLimit-Reset", Long.toString(rate.resetSeconds()));
        http.headers().set("RateLimit-Policy", rate.policy());
        final EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        channel.writeOutbound(http);
        return drain(channel);
    }

    private static String drain(final EmbeddedChannel channel) {
        final StringBuilder out = new StringBuilder();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            final ByteBuf bytes = (ByteBuf) message;
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.release();
        }
        return out.toString();
    }
}
