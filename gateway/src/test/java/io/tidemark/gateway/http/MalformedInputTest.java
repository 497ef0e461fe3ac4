package io.tidemark.gateway.http;

import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and sloppy input: every case answers a 4xx with the contract's code (never a 500), and the
 * account is untouched afterwards (no order, full balance available).
 */
@Timeout(60)
class MalformedInputTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static SignedClient bot;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
        bot = server.account("USD", "100000", "BTC", "1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(bot.get("/v1/orders").data()).isEmpty();
        for (final var balance : bot.get("/v1/account/balances").data()) {
            assertThat(balance.path("spot").path("hold").asText()).matches("0\\.0+");
        }
    }

    private static void refused(final String body, final String code) {
        final Reply reply = bot.post("/v1/orders", body);
        assertThat(reply.status()).as(body + " -> " + reply).isBetween(400, 499);
        assertThat(reply.errorCode()).as(body + " -> " + reply).isEqualTo(code);
    }

    private static String order(final String price, final String size) {
        return "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":" + price + ",\"size\":" + size + "}";
    }

    @Test
    void truncatedOrEmptyJsonIsInvalidJson() {
        refused("{\"pair\":\"BTC-USD\",\"side\":", "invalid_json");
        refused("", "invalid_json");
        refused("   ", "invalid_json");
        refused("[1,2,3]", "invalid_json");
        refused("\"just a string\"", "invalid_json");
        refused("{\"pair\":\"BTC-USD\"} trailing", "invalid_json");
        refused("{\"pair\":\"BTC-USD\",\"pair\":\"ETH-USD\"}", "invalid_json");
        refused("{'pair':'BTC-USD'}", "invalid_json");
    }

    /** An order body with {@code inject} (raw bytes) spliced in where {@code %s} stands. */
    private static byte[] bytes(final String template, final byte... inject) {
        final int at = template.indexOf("%s");
        final byte[] head = template.substring(0, at).getBytes(StandardCharsets.UTF_8);
        final byte[] tail = template.substring(at + 2).getBytes(StandardCharsets.UTF_8);
        final byte[] body = new byte[head.length + inject.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(inject, 0, body, head.length, inject.length);
        System.arraycopy(tail, 0, body, head.length + inject.length, tail.length);
        return body;
    }

    private static void refusedBytes(final byte[] body, final String code) {
        final Reply reply = bot.send("POST", "/v1/orders", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(code);
    }

    @Test
    void overlongUtf8IsInvalidJsonNotAnotherCharacter() {
        // "0.0" + overlong "1" would otherwise be read as size 0.01; "BTC" + overlong "-" + "USD" as BTC-USD
        refusedBytes(bytes("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.0%s\"}",
            (byte) 0xC0, (byte) 0xB1), "invalid_json");
        refusedBytes(bytes("{\"pair\":\"BTC%sUSD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}",
            (byte) 0xC0, (byte) 0xAD), "invalid_json");
        refusedBytes(bytes("{\"pair\":\"BTC-USD%s\"}", (byte) 0xE0, (byte) 0x80, (byte) 0xAD), "invalid_json");
    }

    @Test
    void malformedUtf8IsInvalidJson() {
        final String template = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\","
            + "\"size\":\"0.01\",\"client_order_id\":\"a%sb\"}";
        refusedBytes(bytes(template, (byte) 0x80), "invalid_json");                                  // lone continuation
        refusedBytes(bytes(template, (byte) 0xE2, (byte) 0x82), "invalid_json");                     // truncated
        refusedBytes(bytes(template, (byte) 0xED, (byte) 0xA0, (byte) 0x80), "invalid_json");        // a surrogate
        refusedBytes(bytes(template, (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80), "invalid_json"); // past U+10FFFF
        refusedBytes(bytes(template, (byte) 0xFF), "invalid_json");
    }

    @Test
    void wellFormedMultiByteUtf8IsReadAsText() {
        final String template = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\","
            + "\"size\":\"0.01\",\"client_order_id\":\"bot-%s\"}";
        // é and a 4-byte emoji are valid UTF-8, so the body parses; the id's alphabet is what refuses them
        refusedBytes(bytes(template, (byte) 0xC3, (byte) 0xA9), "invalid_parameter");
        refusedBytes(bytes(template, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80), "invalid_parameter");
    }

    @Test
    void aJsonNullBodyCountsAsNoBodyWhereTheBodyIsOptional() {
        final Reply cancelAll = bot.post("/v1/orders/cancel-all", "null");
        assertThat(cancelAll.status()).as(cancelAll.toString()).isEqualTo(200);
        assertThat(cancelAll.data().path("count").asInt()).isZero();
        final Reply cancel = bot.post("/v1/orders/999999/cancel", "null");
        assertThat(cancel.errorCode()).as(cancel.toString()).isEqualTo("order_not_found");
        final Reply byClientId = bot.post("/v1/orders/by-client-id/nope/cancel", "null");
        assertThat(byClientId.errorCode()).as(byClientId.toString()).isEqualTo("order_not_found");
        // where a body is required, null is still not an object
        refused("null", "invalid_json");
    }

    @Test
    void wrongTypesNameTheField() {
        final Reply number = bot.post("/v1/orders", order("63000", "\"0.01\""));
        assertThat(number.errorCode()).isEqualTo("invalid_price");
        assertThat(number.json().path("error").path("field").asText()).isEqualTo("price");
        refused(order("\"63000\"", "0.01"), "invalid_size");
        refused(order("\"63000\"", "true"), "invalid_size");
        refused("{\"pair\":42,\"side\":\"buy\",\"type\":\"limit\",\"price\":\"1\",\"size\":\"1\"}", "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\",\"post_only\":\"yes\"}",
            "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":[\"buy\"],\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}",
            "invalid_parameter");
    }

    @Test
    void decimalsAreExactOrRefused() {
        refused(order("\"6.3e4\"", "\"0.01\""), "invalid_price");
        refused(order("\"-63000\"", "\"0.01\""), "invalid_price");
        refused(order("\"+63000\"", "\"0.01\""), "invalid_price");
        refused(order("\"63000.001\"", "\"0.01\""), "invalid_price");
        refused(order("\" 63000\"", "\"0.01\""), "invalid_price");
        refused(order("\"63000\"", "\"0.00001\""), "invalid_size");
        refused(order("\"63000\"", "\"0\""), "invalid_size");
        refused(order("\"0\"", "\"0.01\""), "invalid_price");
        refused(order("\"NaN\"", "\"0.01\""), "invalid_price");
        refused(order("\"Infinity\"", "\"0.01\""), "invalid_price");
        refused(order("\"0x10\"", "\"0.01\""), "invalid_price");
    }

    @Test
    void hugeNumbersAreRefusedNotOverflowed() {
        refused(order("\"99999999999999999999999999999999\"", "\"0.01\""), "invalid_price");
        refused(order("\"63000\"", "\"9223372036854775807\""), "invalid_size");
        refused(order("\"63000\"", "\"92233720368547758.07\""), "invalid_size");
        refused(order("1e400", "\"0.01\""), "invalid_price");
        refused(order("123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "\"0.01\""), "invalid_json");
    }

    @Test
    void unicodeAndUnknownValuesAreRefused() {
        refused("{\"pair\":\"BTC\u2010USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}",
            "unknown_pair");
        refused(order("\"６３０００\"", "\"0.01\""), "invalid_price");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\","
            + "\"client_order_id\":\"ünïcödé\"}", "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\","
            + "\"client_order_id\":\"" + "x".repeat(37) + "\"}", "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"BUY\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}",
            "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"iceberg\",\"price\":\"63000\",\"size\":\"0.01\"}",
            "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\",\"\uD83D\uDE00\":1}",
            "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\",\"leverage\":5}",
            "invalid_parameter");
    }

    @Test
    void inconsistentOrdersAreRefused() {
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"price\":\"63000\",\"size\":\"0.01\"}",
            "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"market\",\"funds\":\"100\"}", "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"funds\":\"100\",\"size\":\"0.01\"}",
            "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\","
            + "\"time_in_force\":\"ioc\",\"post_only\":true}", "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"size\":\"0.01\"}", "invalid_price");
        refused("{\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}", "invalid_parameter");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.00001\"}",
            "invalid_size");
        refused("{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"1\",\"size\":\"0.0001\"}",
            "invalid_size");
    }

    @Test
    void anOversizeBodyIs413() {
        final String body = "{\"pad\":\"" + "x".repeat(70_000) + "\"}";
        final Reply reply = bot.post("/v1/orders", body);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void theOversize413ReachesAClientStillSendingItsBody() {
        // a megabyte: the client is still writing when the 413 goes out, and closing at once would reset
        // the connection and destroy the answer in the client's buffer
        final String body = "{\"pad\":\"" + "x".repeat(1_000_000) + "\"}";
        for (int i = 0; i < 20; i++) {
            final Reply reply = bot.post("/v1/orders", body);
            assertThat(reply.status()).as("attempt %d", i).isEqualTo(413);
            assertThat(reply.errorCode()).isEqualTo("payload_too_large");
        }
        assertThat(bot.get("/v1/orders").status()).as("the client's next request, on a new connection").isEqualTo(200);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        final Reply missing = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/nothing-here", "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found");
        final Reply method = SignedClient.anonymous(server.baseUrl(), "DELETE", "/v1/orders", "");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.errorCode()).isEqualTo("method_not_allowed");
        assertThat(method.header("Allow")).contains("GET").contains("POST");
        assertThat(missing.header("RateLimit-Limit")).isNotNull();
        assertThat(SignedClient.anonymous(server.baseUrl(), "GET", "/v1/sandbox/accounts", "").status()).isEqualTo(404);
        assertThat(SignedClient.raw(server.baseUrl(), HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/orders//cancel"))
            .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(404);
    }

    @Test
    void aMalformedRequestLineIsAClientErrorNotACrash() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            out.write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 4");
        }
    }

    @Test
    void aBadPercentEscapeIsAClientErrorWithTheContractsShape() throws Exception {
        for (final String target : new String[] {"/v1/orders/%zz", "/v1/ticker/BTC-USD?x=%", "/v1/ws%zz"}) {
            try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(target).startsWith("HTTP/1.1 400").contains("\"invalid_parameter\"");
            }
        }
    }

    /** A server that gives a request 500 ms to arrive whole. */
    private TestServer slowServer() throws IOException {
        return TestServer.start(dir.resolve("slow"), context -> context.gateway(
            io.tidemark.gateway.config.GatewayConfig.defaults().withPort(0).withRequestTimeoutMillis(500)));
    }

    @Test
    void aClientThatTricklesItsRequestIsCutOff() throws Exception {
        try (TestServer slow = slowServer();
             Socket socket = new Socket("127.0.0.1", slow.server().port())) {
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            out.write("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"pa".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final long start = System.nanoTime();
            final InputStream in = socket.getInputStream();
            final byte[] rest = in.readAllBytes();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
            assertThat(new String(rest, StandardCharsets.US_ASCII)).doesNotContain("\"data\"");
        }
    }

    @Test
    void aClientThatTricklesARequestAfterAnsweredOnesIsCutOffToo() throws Exception {
        try (TestServer slow = slowServer();
             Socket socket = new Socket("127.0.0.1", slow.server().port())) {
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                // whole requests, spread over more than the limit, keep the connection
                out.write("GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                final byte[] answer = new byte[4_096];
                assertThat(new String(answer, 0, in.read(answer), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
                Thread.sleep(300);
            }
            out.write("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"pa".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final long start = System.nanoTime();
            final byte[] rest = in.readAllBytes();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(300L, 4_000L);
            assertThat(new String(rest, StandardCharsets.US_ASCII)).doesNotContain("\"data\"");
        }
    }

    @Test
    void anOversizeRequestPipelinedAfterOthersIsAnsweredInItsTurnThenTheConnectionEnds() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5_000);
            final String requests = "GET /v1/markets HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                + "{\"pad\":\"" + "x".repeat(99_990) + "\"}"
                + "GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n";
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            final String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final int markets = all.indexOf("\"tick_size\"");
            final int tooLarge = all.indexOf("HTTP/1.1 413");
            assertThat(markets).isPositive();
            assertThat(tooLarge).as("the 413 after the answer before it").isGreaterThan(markets);
            assertThat(all.substring(tooLarge)).contains("payload_too_large").contains("RateLimit-Limit")
                .containsIgnoringCase("connection: close");
            assertThat(all).as("nothing after the 413 is answered").doesNotContain("\"ok\":true");
        }
        final Reply metrics = SignedClient.anonymous(server.baseUrl(), "GET", "/metrics", "");
        assertThat(metrics.json().path("raw").asText()).containsPattern("tidemark_rejects_total\\{code=\"payload_too_large\"[^}]*} [1-9]");
    }

    @Test
    void anOversizeBodyAnnouncedWithExpectContinueGetsTheContractsAnswerWithoutSendingIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000000\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).startsWith("HTTP/1.1 413").doesNotContain("100 Continue").contains("\"payload_too_large\"")
                .contains("RateLimit-Limit");
        }
    }

    @Test
    void aContentLengthThatIsNoNumberIs400EvenWhenItExpectsContinue() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 10x\r\n"
                + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).startsWith("HTTP/1.1 400").contains("\"invalid_parameter\"").contains("RateLimit-Limit")
                .doesNotContain("100 Continue");
        }
    }

    @Test
    void anHttp10RequestWithoutKeepAliveIsAnsweredAndTheConnectionEnds() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /v1/ping HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            final String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close").contains("\"ok\":true");
        }
    }

    @Test
    void aHeadRequestIsAnsweredWithHeadersOnly() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("HEAD /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final int headEnd = all.indexOf("\r\n\r\n");
            assertThat(all).startsWith("HTTP/1.1 405");
            assertThat(all.substring(0, headEnd)).containsPattern("(?i)content-length: [1-9]");
            assertThat(all.substring(headEnd + 4)).as("no body after the HEAD answer's headers").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aRequestWithBothChunkedAndContentLengthIsRefusedAndTheConnectionEnds() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Length: 5\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).startsWith("HTTP/1.1 400").contains("\"invalid_parameter\"").containsIgnoringCase("connection: close");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(5_000);
            final String requests = "GET /v1/markets HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /v1/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            final String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final int markets = all.indexOf("\"tick_size\"");
            final int ping = all.indexOf("\"ok\":true");
            final int missing = all.indexOf("not_found");
            assertThat(markets).isPositive();
            assertThat(ping).isGreaterThan(markets);
            assertThat(missing).isGreaterThan(ping);
        }
    }
}
