package io.tidemark.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tidemark.gateway.auth.Authenticator;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Nonces;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.AuthHandler;
import io.tidemark.gateway.http.ConnectionPipeline;
import io.tidemark.gateway.http.Endpoint;
import io.tidemark.gateway.http.EndpointHandler;
import io.tidemark.gateway.http.RateLimitHandler;
import io.tidemark.gateway.http.Route;
import io.tidemark.gateway.http.RouteHandler;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.http.GatewayMetrics;
import io.tidemark.gateway.ratelimit.RateLimiter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw bytes into one connection's real handlers (the server's {@link ConnectionPipeline} on an
 * {@link EmbeddedChannel}, its clock driven by hand), cut into reads at points drawn from the input, with
 * time passing between some of them. Whatever arrives: no exception gets into the pipeline, nothing is
 * answered 500, every byte written back belongs to a well-formed HTTP/1.1 response, and once the timeouts
 * have run out the connection is closed. The endpoints are stubs that answer at once or on a later turn of
 * the event loop (so answers complete out of order, and enough of those fill what the server holds):
 * what is fuzzed is the way to them.
 */
class HttpRequestFuzzTest {
    private static final long NOW = 1_714_521_600_000L;
    private static final GatewayConfig CONFIG = GatewayConfig.defaults().withPort(0);
    private static final SocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40_000);
    private static final GatewayMetrics METRICS = new GatewayMetrics(List.of());
    private static final AuthHandler AUTH;
    private static final EndpointHandler ENDPOINTS;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 ([1-5][0-9][0-9]) [ -~]*");
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+): ?([ -~]*)");
    private static final byte[] OK = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    static {
        try {
            final Path dir = Files.createTempDirectory("tidemark-fuzz-http");
            dir.toFile().deleteOnExit();
            final KeyStore keys = new KeyStore(dir);
            AUTH = new AuthHandler(new Authenticator(keys, Nonces.open(dir, keys.all(), () -> NOW), () -> NOW));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final Endpoint stub = (request, responder) -> {
            if (request.target().length() % 2 == 0) {
                responder.send(ApiResponse.raw(request, OK, "application/json"));
            } else {
                responder.executor().execute(() -> responder.send(ApiResponse.raw(request, OK, "application/json")));
            }
        };
        final Map<Route, Endpoint> endpoints = new EnumMap<>(Route.class);
        for (final Route route : Route.values()) {
            endpoints.put(route, stub);
        }
        ENDPOINTS = new EndpointHandler(endpoints);
    }

    @FuzzTest(maxDuration = "60s")
    void rawRequestBytesAreAnsweredOrClosed(final byte[] input) throws Exception {
        final ConnectionPipeline handlers = new ConnectionPipeline(CONFIG, METRICS, PassOn::new, new RouteHandler(false),
            AUTH, new RateLimitHandler(new RateLimiter(() -> NOW), CONFIG), ENDPOINTS);
        final Connection channel = new Connection();
        final ExceptionsSeen exceptions = new ExceptionsSeen();
        handlers.install(channel.pipeline());
        channel.pipeline().addBefore("endpoint", "exceptions", exceptions);
        channel.register();
        channel.freezeTime();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            final SplittableRandom cuts = new SplittableRandom(Arrays.hashCode(input));
            for (int at = 0; at < input.length && channel.isOpen(); ) {
                final int length = Math.min(input.length - at, 1 + cuts.nextInt(Math.min(input.length, 16_384)));
                channel.writeInbound(Unpooled.wrappedBuffer(input, at, length));
                at += length;
                if (cuts.nextInt(16) == 0) {
                    channel.advanceTimeBy(cuts.nextInt(12_000), TimeUnit.MILLISECONDS);
                }
                runTasks(channel, written);
            }
            // past every timeout: whatever is left unfinished is answered or cut off
            for (int i = 0; i < 4 && channel.isOpen(); i++) {
                channel.advanceTimeBy(CONFIG.idleTimeoutSeconds(), TimeUnit.SECONDS);
                runTasks(channel, written);
            }
            assertThat(channel.isOpen()).as("the connection ends once every timeout has run out").isFalse();
            assertThat(exceptions.seen).as("exceptions in the pipeline").isEmpty();
            assertWellFormedResponses(written.toByteArray());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void runTasks(final EmbeddedChannel channel, final ByteArrayOutputStream written) {
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        channel.checkException();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            final ByteBuf bytes = (ByteBuf) out;
            try {
                bytes.readBytes(written, bytes.readableBytes());
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                bytes.release();
            }
        }
    }

    /**
     * Reads the responses one after another: status line, headers, and as many body bytes as
     * Content-Length says, or none for the answer to a HEAD request (the next response follows at once).
     */
    private static void assertWellFormedResponses(final byte[] out) {
        final String text = new String(out, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            final int headEnd = text.indexOf("\r\n\r\n", at);
            assertThat(headEnd).as("a response's head is complete: %s", text.substring(at)).isPositive();
            final String[] lines = text.substring(at, headEnd).split("\r\n", -1);
            final Matcher status = STATUS_LINE.matcher(lines[0]);
            assertThat(status.matches()).as("status line %s", lines[0]).isTrue();
            final int code = Integer.parseInt(status.group(1));
            assertThat(code).as("never a 500: %s", lines[0]).isNotEqualTo(500);
            final Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                final Matcher header = HEADER.matcher(lines[i]);
                assertThat(header.matches()).as("header line %s", lines[i]).isTrue();
                headers.put(header.group(1).toLowerCase(Locale.ROOT), header.group(2));
            }
            at = headEnd + 4;
            if (code == 100) {
                continue;
            }
            assertThat(headers).as(lines[0]).containsKey("content-length");
            final int length = Integer.parseInt(headers.get("content-length"));
            if (length > 0 && (at == text.length() || text.startsWith("HTTP/1.1 ", at))) {
                continue;
            }
            assertThat(at + length).as("the body is all there").isLessThanOrEqualTo(text.length());
            final byte[] body = Arrays.copyOfRange(out, at, at + length);
            at += length;
            if (code == 417) {
                continue;
            }
            assertThat(headers).as("%s carries the rate-limit headers", lines[0]).containsKey("ratelimit-limit");
            if (code >= 400) {
                final JsonNode error;
                try {
                    error = Json.MAPPER.readTree(body);
                } catch (final IOException e) {
                    throw new AssertionError("the error body is JSON: " + new String(body, StandardCharsets.UTF_8), e);
                }
                assertThat(error.path("error").path("code").asText()).as(lines[0]).isNotEmpty();
            }
        }
    }

    /** An embedded channel that reports a client address, as an accepted TCP connection does. */
    private static final class Connection extends EmbeddedChannel {
        Connection() {
            super(DefaultChannelId.newInstance(), false, false);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return CLIENT;
        }
    }

    /** In place of the WebSocket upgrade, which needs a running node. */
    private static final class PassOn extends ChannelInboundHandlerAdapter {
    }

    /**
     * Sees every exception raised in the handlers before the endpoint handler (which would close on it
     * quietly) while the connection is open; at its close Netty's aggregator reports a request it was
     * still receiving, which no one is left to answer.
     */
    private static final class ExceptionsSeen extends ChannelInboundHandlerAdapter {
        final List<Throwable> seen = new ArrayList<>();

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            if (ctx.channel().isActive()) {
                seen.add(cause);
            }
            ctx.fireExceptionCaught(cause);
        }
    }
}
