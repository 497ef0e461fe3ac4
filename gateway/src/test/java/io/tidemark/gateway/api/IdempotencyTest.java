package io.tidemark.gateway.api;

import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A retry storm can never double-spend: the same client_order_id from 8 threads at once makes one order. */
@Timeout(60)
class IdempotencyTest {
    @TempDir
    Path dir;

    @RepeatedTest(3)
    void theSameClientOrderIdFromEightThreadsCreatesExactlyOneOrder() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient bot = server.account("USD", "100000");
            final String body = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"60000\","
                + "\"size\":\"0.01\",\"client_order_id\":\"storm-1\"}";
            final ExecutorService pool = Executors.newFixedThreadPool(8);
            final CountDownLatch go = new CountDownLatch(1);
            final List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return bot.post("/v1/orders", body);
                }));
            }
            go.countDown();
            final List<String> ids = new ArrayList<>();
            int replayed = 0;
            for (final Future<Reply> future : replies) {
                final Reply reply = future.get();
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                ids.add(reply.data().path("id").asText());
                if ("true".equals(reply.header("Idempotent-Replayed"))) {
                    replayed++;
                }
            }
            pool.shutdown();
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(replayed).isEqualTo(7);
            assertThat(bot.get("/v1/orders").data()).hasSize(1);
            assertThat(OrderEndpointsTest.usdSpot(bot, "hold")).isEqualTo("601.200000");
        }
    }
}
