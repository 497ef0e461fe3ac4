package io.tidemark.gateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket message path, end to end: any text a client sends gets answers that are contract
 * messages (never {@code internal_error}), in order, and the connection stays usable: a ping sent after
 * each input is answered. One real server for the whole run; a connection is replaced only when the
 * server closed it for a reason the contract gives.
 */
class WsMessageFuzzTest {
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
    private static final Set<String> ANSWERS = Set.of("ack", "error", "pong", "order", "cancel_after");
    private static final AtomicLong FENCES = new AtomicLong();
    private static TestServer server;
    private static WsClient client;

    private static synchronized WsClient client() {
        if (server == null) {
            try {
                server = TestServer.start(Files.createTempDirectory("ws-fuzz"), context -> context.gateway(
                    GatewayConfig.defaults().withPort(0).withWebSocket(1_000, 1_000_000, 4 * 1024 * 1024, 5_000)));
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        if (client == null || client.awaitClosed(0)) {
            client = WsClient.connect(server.baseUrl());
        }
        return client;
    }

    @FuzzTest(maxDuration = "60s")
    void repliesAreContractMessagesAndTheConnectionLives(final FuzzedDataProvider data) {
        final String message = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        final WsClient ws = client();
        ws.send(message);
        final String fence = "fence-" + FENCES.incrementAndGet();
        ws.send("{\"op\":\"ping\",\"id\":\"" + fence + "\"}");
        while (true) {
            final JsonNode reply = ws.next(10_000);
            if (reply.has("channel") || "heartbeat".equals(reply.path("type").asText())) {
                continue;
            }
            assertThat(ANSWERS).as("%s -> %s", message, reply).contains(reply.path("type").asText());
            if (reply.path("type").asText().equals("error")) {
                final String code = reply.path("error").path("code").asText();
                assertThat(CODES).as("%s -> %s", message, reply).contains(code);
                assertThat(code).as("%s -> %s", message, reply).isNotEqualTo("internal_error");
            }
            if (reply.path("type").asText().equals("pong") && fence.equals(reply.path("id").asText())) {
                return;
            }
        }
    }
}
