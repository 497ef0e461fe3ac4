package io.tidemark.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.testkit.RawHttp;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 pipelining far past what the server holds at once, over a real socket: every request read
 * is answered, in order, and a client that sends more than the server takes in is held back by TCP
 * (the server stops reading) instead of being cut off or left without answers.
 */
@Timeout(120)
class PipeliningTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static final HeldEcho ECHO = new HeldEcho();

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir, context -> context.endpoint(Route.PING, gateway -> ECHO));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aThousandPipelinedOrdersAreAllAnsweredInOrderAndAllPlaced() throws Exception {
        final SignedClient bot = server.account(Set.of(Scope.READ, Scope.TRADE), List.of(), Tier.MARKET_MAKER,
            "USD", "1000000");
        final ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000; i++) {
            requests.writeBytes(RawHttp.signed(bot, "POST", "/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\","
                + "\"type\":\"limit\",\"price\":\"1000\",\"size\":\"0.01\",\"client_order_id\":\"pipe-" + i + "\"}",
                "pipe-nonce-" + i));
        }
        try (Socket socket = connect()) {
            final CompletableFuture<Void> written = writeInOneGo(socket, requests.toByteArray());
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 1_000; i++) {
                final RawHttp.Response response = RawHttp.read(in);
                assertThat(response.status()).as("answer %d: %s", i, response).isEqualTo(200);
                assertThat(response.json().path("data").path("client_order_id").asText()).isEqualTo("pipe-" + i);
            }
            written.get(10, TimeUnit.SECONDS);
        }
        final SignedClient.Reply orders = bot.get("/v1/orders?status=all&limit=1000");
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.json().path("next_cursor").isNull()).isTrue();
        final Set<String> ids = new HashSet<>();
        for (final JsonNode order : orders.data()) {
            ids.add(order.path("client_order_id").asText());
        }
        assertThat(ids).hasSize(1_000);
    }

    @Test
    void pastWhatItHoldsTheServerStopsReadingAndGoesOnOnceItHasAnswered() throws Exception {
        ECHO.hold();
        try (Socket socket = connect()) {
            final ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (int i = 0; i < 1_000; i++) {
                requests.writeBytes(RawHttp.request("GET", "/v1/ping?i=" + i, ""));
            }
            final CompletableFuture<Void> written = writeInOneGo(socket, requests.toByteArray());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ECHO.held() < RequestSequencer.MAX_PIPELINED && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(500);
            assertThat(ECHO.held()).as("requests taken in while none is answered").isEqualTo(RequestSequencer.MAX_PIPELINED);
            ECHO.release();
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 1_000; i++) {
                final RawHttp.Response response = RawHttp.read(in);
                assertThat(response.status()).as("answer %d: %s", i, response).isEqualTo(200);
                assertThat(response.text()).isEqualTo("/v1/ping?i=" + i);
            }
            written.get(10, TimeUnit.SECONDS);
        } finally {
            ECHO.release();
        }
    }

    @Test
    void aClientThatPipelinesALotAndReadsSlowlyIsServedWhole() throws Exception {
        final int count = 2_000;
        final SignedClient bot = server.account(Set.of(Scope.READ, Scope.TRADE), List.of(), Tier.MARKET_MAKER,
            "USD", "1000000");
        final ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            requests.writeBytes(RawHttp.signed(bot, "POST", "/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\","
                + "\"type\":\"limit\",\"price\":\"1000\",\"size\":\"0.01\",\"client_order_id\":\"slow-" + i + "\"}",
                "slow-nonce-" + i));
        }
        try (Socket socket = new Socket()) {
            // a small window, so the server's answers back up instead of disappearing into kernel buffers
            socket.setReceiveBufferSize(4_096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()), 5_000);
            socket.setSoTimeout(20_000);
            final CompletableFuture<Void> written = writeInOneGo(socket, requests.toByteArray());
            final InputStream in = new BufferedInputStream(socket.getInputStream(), 512);
            for (int i = 0; i < count; i++) {
                if (i % 50 == 0) {
                    Thread.sleep(50);
                }
                final RawHttp.Response response = RawHttp.read(in);
                assertThat(response.status()).as("answer %d: %s", i, response).isEqualTo(200);
                assertThat(response.json().path("data").path("client_order_id").asText()).isEqualTo("slow-" + i);
            }
            written.get(10, TimeUnit.SECONDS);
        }
    }

    private static Socket connect() throws IOException {
        final Socket socket = new Socket("127.0.0.1", server.server().port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** One write of everything from its own thread, as a pipelining client does while it reads. */
    private static CompletableFuture<Void> writeInOneGo(final Socket socket, final byte[] bytes) {
        return CompletableFuture.runAsync(() -> {
            try {
                final OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Answers with the request target; while holding, keeps the requests unanswered. */
    static final class HeldEcho implements Endpoint {
        private final List<Runnable> held = new ArrayList<>();
        private boolean holding;

        @Override
        public synchronized void handle(final ApiRequest request, final Responder responder) {
            final Runnable answer = () -> responder.send(ApiResponse.raw(request,
                request.target().getBytes(StandardCharsets.UTF_8), "text/plain"));
            if (holding) {
                held.add(answer);
            } else {
                answer.run();
            }
        }

        synchronized void hold() {
            holding = true;
        }

        synchronized int held() {
            return held.size();
        }

        synchronized void release() {
            holding = false;
            held.forEach(Runnable::run);
            held.clear();
        }
    }
}
