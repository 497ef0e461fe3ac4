package io.tidemark.gateway.api;

import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class OrderEndpointsTest {
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
    void aPlacedLimitOrderRestsAndIsReadBack() {
        final SignedClient bot = server.account("USD", "100000");
        final Reply placed = bot.post("/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(placed.data().path("status").asText()).isEqualTo("open");
        assertThat(placed.data().path("price").asText()).isEqualTo("63000.00");
        final String id = placed.data().path("id").asText();
        final Reply read = bot.get("/v1/orders/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().path("remaining_size").asText()).isEqualTo("0.0100");
        assertThat(read.header("RateLimit-Limit")).isEqualTo("1200");
    }
}
