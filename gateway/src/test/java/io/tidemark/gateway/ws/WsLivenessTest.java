package io.tidemark.gateway.ws;

import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.RawWebSocket;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that vanished without closing (it never answers our pings) is closed after three heartbeat
 * intervals of silence, so its cancel_on_disconnect acts in seconds; a live client that answers pings
 * is kept however long it only listens.
 */
@Timeout(30)
class WsLivenessTest {
    @TempDir
    Path dir;

    @Test
    void aSilentPeerIsClosedAndItsCancelOnDisconnectApplies() throws Exception {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
            .withWebSocket(10, 50, 4 * 1024 * 1024, 200)))) {
            final SignedClient bot = server.account("USD", "100000");
            final String id = bot.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"price\":\"50000\",\"size\":\"0.01\"}").data().path("id").asText();
            try (Socket silent = RawWebSocket.connect(server.server().port(), 0);
                 WsClient live = WsClient.connect(server.baseUrl())) {
                final long ts = System.currentTimeMillis();
                final String signature = Signer.sign(bot.secret(), Long.toString(ts), "live1", "GET", "/v1/ws",
                    new byte[0]);
                RawWebSocket.sendText(silent, "{\"op\":\"auth\",\"id\":1,\"key\":\"" + bot.keyId() + "\",\"timestamp\":" + ts
                    + ",\"nonce\":\"live1\",\"signature\":\"" + signature + "\",\"cancel_on_disconnect\":true}");
                final long deadline = System.currentTimeMillis() + 10_000;
                String status = "open";
                while (!status.equals("cancelled") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                    status = bot.get("/v1/orders/" + id).data().path("status").asText();
                }
                assertThat(status).as("cancelled after the silent peer was closed").isEqualTo("cancelled");
                assertThat(new String(silent.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .contains("\"ack\"");
                // the JDK client answers pings by itself: still connected long after the silence limit
                assertThat(live.awaitClosed(200)).isFalse();
                final long pingId = live.op("ping", "");
                assertThat(live.answer(pingId).path("type").asText()).isEqualTo("pong");
            }
        }
    }
}
