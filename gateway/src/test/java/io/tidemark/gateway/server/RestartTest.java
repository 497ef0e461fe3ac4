package io.tidemark.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything the API showed before a clean restart on the same data directory is there after it. */
@Timeout(60)
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void keysOrdersFillsBalancesAndIdempotencySurviveARestart() throws Exception {
        final SignedClient maker;
        final SignedClient taker;
        final JsonNode ordersBefore;
        final JsonNode fillsBefore;
        final JsonNode balancesBefore;
        final JsonNode bookBefore;
        final String body = "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"64000\",\"size\":\"0.5\","
            + "\"client_order_id\":\"keep-1\"}";
        try (TestServer server = TestServer.start(dir)) {
            maker = server.account("BTC", "1");
            taker = server.account("USD", "100000");
            maker.post("/v1/orders", body);
            taker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"size\":\"0.2\"}");
            ordersBefore = maker.get("/v1/orders").data();
            fillsBefore = taker.get("/v1/fills").data();
            balancesBefore = maker.get("/v1/account/balances").data();
            bookBefore = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/orderbook/BTC-USD", "").data();
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys").resolve("keys.json")))
            .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient makerAgain = maker.at(server.baseUrl());
            final SignedClient takerAgain = taker.at(server.baseUrl());
            assertThat(makerAgain.get("/v1/orders").data()).isEqualTo(ordersBefore);
            assertThat(takerAgain.get("/v1/fills").data()).isEqualTo(fillsBefore);
            assertThat(makerAgain.get("/v1/account/balances").data()).isEqualTo(balancesBefore);
            final JsonNode book = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/orderbook/BTC-USD", "").data();
            assertThat(book.path("seq")).isEqualTo(bookBefore.path("seq"));
            assertThat(book.path("asks")).isEqualTo(bookBefore.path("asks"));
            final SignedClient.Reply replay = makerAgain.post("/v1/orders", body);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(makerAgain.get("/v1/orders").data()).hasSize(1);
        }
    }
}
