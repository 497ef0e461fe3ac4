package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
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

/** The op protocol: answers, errors with the REST codes, limits, heartbeats, order entry like REST. */
@Timeout(30)
class WsOpsTest {
    private static final String LIMIT_BUY = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"60000\",\"size\":\"0.01\"%s}";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
            .withWebSocket(3, 20, 4 * 1024 * 1024, 200)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String order(final String extra) {
        return String.format(LIMIT_BUY, extra);
    }

    @Test
    void pingIsAnsweredWithPongEchoingTheId() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final long id = ws.op("ping", "");
            final JsonNode pong = ws.answer(id);
            assertThat(pong.path("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void malformedJsonIsInvalidJson() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.send("{not json");
            final JsonNode error = ws.until(m -> m.path("type").asText().equals("error"), 5_000);
            assertThat(error.path("error").path("code").asText()).isEqualTo("invalid_json");
        }
    }

    @Test
    void unknownChannelAndUnknownPairAreRefused() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final JsonNode channel = ws.answer(ws.op("subscribe", "\"channels\":[\"weather:BTC-USD\"]"));
            assertThat(channel.path("error").path("code").asText()).isEqualTo("unknown_channel");
            final JsonNode pair = ws.answer(ws.op("subscribe", "\"channels\":[\"trades:DOGE-USD\"]"));
            assertThat(pair.path("error").path("code").asText()).isEqualTo("unknown_pair");
        }
    }

    @Test
    void privateChannelsNeedAuthentication() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final JsonNode error = ws.answer(ws.op("subscribe", "\"channels\":[\"fills\"]"));
            assertThat(error.path("error").path("code").asText()).isEqualTo("not_authenticated");
        }
    }

    @Test
    void aBadSignatureIsRefusedWithTheRestCode() {
        final SignedClient bot = server.account("USD", "1000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final JsonNode error = ws.answer(ws.op("auth", "\"key\":\"" + bot.keyId() + "\",\"timestamp\":"
                + System.currentTimeMillis() + ",\"nonce\":\"abc\",\"signature\":\"" + "0".repeat(64) + "\""));
            assertThat(error.path("error").path("code").asText()).isEqualTo("invalid_signature");
        }
    }

    @Test
    void subscriptionsPastTheLimitAreRefused() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final JsonNode ok = ws.answer(ws.op("subscribe", "\"channels\":[\"trades:BTC-USD\",\"ticker:BTC-USD\",\"trades:ETH-USD\"]"));
            assertThat(ok.path("type").asText()).isEqualTo("ack");
            final JsonNode error = ws.answer(ws.op("subscribe", "\"channels\":[\"candles:BTC-USD:1m\"]"));
            assertThat(error.path("error").path("code").asText()).isEqualTo("too_many_subscriptions");
        }
    }

    @Test
    void messagesPastTheInboundRateAreRefused() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            for (int i = 0; i < 40; i++) {
                ws.op("ping", "");
            }
            final JsonNode error = ws.until(m -> m.path("type").asText().equals("error"), 5_000);
            assertThat(error.path("error").path("code").asText()).isEqualTo("rate_limited");
        }
    }

    @Test
    void anIdleConnectionGetsHeartbeats() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final JsonNode first = ws.next(2_000);
            final JsonNode second = ws.next(2_000);
            assertThat(first.path("type").asText()).isEqualTo("heartbeat");
            assertThat(second.path("type").asText()).isEqualTo("heartbeat");
            assertThat(second.path("time").asText()).endsWith("Z");
        }
    }

    @Test
    void orderOpsNeedAuthentication() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final JsonNode error = ws.answer(ws.op("order.place", "\"order\":" + order("")));
            assertThat(error.path("error").path("code").asText()).isEqualTo("not_authenticated");
        }
    }

    @Test
    void aValidLimitOrderComesBackAsOverRest() {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            assertThat(ws.auth(bot, false).path("type").asText()).isEqualTo("ack");
            final JsonNode answer = ws.answer(ws.op("order.place", "\"order\":" + order("")));
            final Reply rest = bot.post("/v1/orders", order(""));
            assertThat(answer.path("type").asText()).isEqualTo("order");
            final JsonNode viaWs = answer.path("order");
            assertThat(viaWs.path("status").asText()).isEqualTo(rest.data().path("status").asText()).isEqualTo("open");
            assertThat(viaWs.path("price").asText()).isEqualTo(rest.data().path("price").asText());
            assertThat(viaWs.path("remaining_size").asText()).isEqualTo(rest.data().path("remaining_size").asText());
            assertThat(bot.get("/v1/orders/" + viaWs.path("id").asText()).data().path("status").asText()).isEqualTo("open");
        }
    }

    @Test
    void anInvalidPriceGivesTheRestCode() {
        final SignedClient bot = server.account("USD", "100000");
        final String bad = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"60000.001\",\"size\":\"0.01\"}";
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            final JsonNode error = ws.answer(ws.op("order.place", "\"order\":" + bad));
            final Reply rest = bot.post("/v1/orders", bad);
            assertThat(rest.errorCode()).isEqualTo("invalid_price");
            assertThat(error.path("error").path("code").asText()).isEqualTo(rest.errorCode());
            assertThat(error.path("error").path("field").asText()).isEqualTo("price");
        }
    }

    @Test
    void insufficientFundsGivesTheRestCode() {
        final SignedClient bot = server.account("USD", "10");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            final JsonNode error = ws.answer(ws.op("order.place", "\"order\":" + order("")));
            final Reply rest = bot.post("/v1/orders", order(""));
            assertThat(rest.errorCode()).isEqualTo("insufficient_funds");
            assertThat(error.path("error").path("code").asText()).isEqualTo(rest.errorCode());
        }
    }

    @Test
    void aClientOrderIdReplayReturnsTheSameOrderAndAConflictIsRefused() {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            final String first = order(",\"client_order_id\":\"mm-1\"");
            final JsonNode placed = ws.answer(ws.op("order.place", "\"order\":" + first));
            final JsonNode replay = ws.answer(ws.op("order.place", "\"order\":" + first));
            assertThat(replay.path("order").path("id").asText()).isEqualTo(placed.path("order").path("id").asText());
            assertThat(replay.path("replayed").asBoolean()).isTrue();
            final Reply restReplay = bot.post("/v1/orders", first);
            assertThat(restReplay.data().path("id").asText()).isEqualTo(placed.path("order").path("id").asText());

            final String conflicting = first.replace("60000", "59000");
            final JsonNode conflict = ws.answer(ws.op("order.place", "\"order\":" + conflicting));
            assertThat(conflict.path("error").path("code").asText()).isEqualTo("client_order_id_conflict")
                .isEqualTo(bot.post("/v1/orders", conflicting).errorCode());
        }
    }

    @Test
    void cancelByOrderIdAndByClientIdAndAmend() {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.auth(bot, false);
            final String a = ws.answer(ws.op("order.place", "\"order\":" + order(""))).path("order").path("id").asText();
            ws.answer(ws.op("order.place", "\"order\":" + order(",\"client_order_id\":\"c-2\"")));
            final JsonNode amended = ws.answer(ws.op("order.amend", "\"order_id\":\"" + a + "\",\"size\":\"0.005\""));
            assertThat(amended.path("order").path("size").asText()).isEqualTo("0.0050");
            final JsonNode cancelled = ws.answer(ws.op("order.cancel", "\"order_id\":\"" + a + "\""));
            assertThat(cancelled.path("order").path("status").asText()).isEqualTo("cancelled");
            final JsonNode byClient = ws.answer(ws.op("order.cancel", "\"client_order_id\":\"c-2\""));
            assertThat(byClient.path("order").path("status").asText()).isEqualTo("cancelled");
            final JsonNode missing = ws.answer(ws.op("order.cancel", "\"order_id\":\"999999999\""));
            assertThat(missing.path("error").path("code").asText()).isEqualTo("order_not_found");
        }
    }
}
