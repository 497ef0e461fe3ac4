package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Market-maker safety switches: cancel_on_disconnect and the cancel_after dead-man switch. */
@Timeout(30)
class WsSafetyTest {
    private static final String QUOTE = "\"order\":{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"50000\",\"size\":\"0.01\"}";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void cancelOnDisconnectCancelsTheAccountsOrdersWhenTheConnectionDrops() throws Exception {
        final SignedClient bot = server.account("USD", "100000");
        final String id;
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            assertThat(ws.auth(bot, true).path("type").asText()).isEqualTo("ack");
            id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            assertThat(bot.orderStatus(id)).isEqualTo("open");
            ws.abort();
        }
        assertThat(bot.awaitOrderStatus(id, "cancelled", 5_000)).isEqualTo("cancelled");
        assertThat(bot.get("/v1/orders/" + id).data().path("cancel_reason").asText()).isEqualTo("user");
    }

    @Test
    void withoutCancelOnDisconnectOrdersOutliveTheConnection() throws Exception {
        final SignedClient bot = server.account("USD", "100000");
        final String id;
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            ws.abort();
        }
        Thread.sleep(500);
        assertThat(bot.orderStatus(id)).isEqualTo("open");
    }

    @Test
    void cancelAfterCancelsWhenNotRearmedInTime() throws Exception {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            final String id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            final JsonNode armed = ws.answer(ws.op("cancel_after", "\"timeout_ms\":300"));
            assertThat(armed.path("type").asText()).isEqualTo("ack");
            assertThat(armed.path("cancel_at").asText()).endsWith("Z");
            final JsonNode fired = ws.until(m -> m.path("type").asText().equals("cancel_after"), 5_000);
            assertThat(fired.path("cancelled_order_ids").get(0).asText()).isEqualTo(id);
            assertThat(bot.orderStatus(id)).isEqualTo("cancelled");
        }
    }

    @Test
    void cancelAfterZeroDisarmsTheSwitch() throws Exception {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            final String id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            ws.answer(ws.op("cancel_after", "\"timeout_ms\":300"));
            ws.answer(ws.op("cancel_after", "\"timeout_ms\":0"));
            Thread.sleep(700);
            assertThat(bot.orderStatus(id)).isEqualTo("open");
        }
    }

    @Test
    void rearmingCancelAfterPostponesIt() throws Exception {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            final String id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            ws.answer(ws.op("cancel_after", "\"timeout_ms\":400"));
            Thread.sleep(200);
            ws.answer(ws.op("cancel_after", "\"timeout_ms\":2000"));
            Thread.sleep(500);
            assertThat(bot.orderStatus(id)).as("the first deadline passed but was re-armed").isEqualTo("open");
            assertThat(bot.awaitOrderStatus(id, "cancelled", 5_000)).isEqualTo("cancelled");
        }
    }

    @Test
    void cancelAfterStillFiresWhenTheClientDiedFirst() throws Exception {
        final SignedClient bot = server.account("USD", "100000");
        final String id;
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            ws.answer(ws.op("cancel_after", "\"timeout_ms\":400"));
            ws.abort();
        }
        assertThat(bot.awaitOrderStatus(id, "cancelled", 5_000)).isEqualTo("cancelled");
    }

    @Test
    void aRevokedKeyEndsItsSessionAndCannotTrade() throws Exception {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            assertThat(ws.answer(ws.op("order.place", QUOTE)).path("type").asText()).isEqualTo("order");
            server.server().keys().revoke(bot.keyId());
            final JsonNode refused = ws.answer(ws.op("order.place", QUOTE));
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("error").path("code").asText()).isEqualTo("invalid_key");
        }
    }

    @Test
    void cancelsAreNotRefusedByTheMessageRateLimit() throws Exception {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            final String id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            final int limit = server.server().gatewayConfig().wsMaxMessagesPerSecond();
            for (int i = 0; i < limit; i++) {
                ws.send("{\"op\":\"ping\"}");
            }
            final JsonNode cancelled = ws.answer(ws.op("order.cancel", "\"order_id\":" + id));
            assertThat(cancelled.path("type").asText()).as(cancelled.toString()).isEqualTo("order");
            assertThat(cancelled.path("order").path("status").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void aCleanShutdownAppliesCancelOnDisconnectBeforeTheFinalSnapshot() throws Exception {
        final Path own = dir.resolve("shutdown");
        final SignedClient bot;
        final String id;
        try (TestServer first = TestServer.start(own)) {
            bot = first.account("USD", "100000");
            final WsClient ws = WsClient.connect(first.baseUrl());
            ws.auth(bot, true);
            id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            first.close();
        }
        try (TestServer second = TestServer.start(own)) {
            final SignedClient again = bot.at(second.baseUrl());
            assertThat(again.orderStatus(id)).isEqualTo("cancelled");
        }
    }
}
