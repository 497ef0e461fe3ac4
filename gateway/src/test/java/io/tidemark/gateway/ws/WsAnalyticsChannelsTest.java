package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import io.tidemark.marketdata.analytics.AnalyticsConfig;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * overview:PAIR starts with the current overview and then pushes it at most once a second while the pair
 * changes, ending at the REST value; large_trades:PAIR pushes each trade at or above the threshold as it
 * happens, as the REST feed lists it. BTC-USD's threshold is 1,000 USD here.
 */
@Timeout(60)
class WsAnalyticsChannelsTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static SignedClient maker;
    static SignedClient taker;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir, context -> context.analytics(
            AnalyticsConfig.of(ConfigFile.defaults().exchange(), 1_000_000_000L, 1_000_000_000L, 100_000_000L)));
        maker = server.account("BTC", "10");
        taker = server.account("USD", "10000000");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void trade(final String price, final String size) {
        maker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"" + price
            + "\",\"size\":\"" + size + "\"}");
        taker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"" + price
            + "\",\"size\":\"" + size + "\"}");
    }

    private static JsonNode rest(final String path) {
        return SignedClient.anonymous(server.baseUrl(), "GET", path, "").json();
    }

    @Test
    void theOverviewChannelStartsWithTheOverviewAndEndsAtTheRestValueAfterTrades() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final JsonNode before = rest("/v1/market/overview/BTC-USD").path("data");
            assertThat(ws.answer(ws.op("subscribe", "\"channels\":[\"overview:BTC-USD\"]")).path("type").asText())
                .isEqualTo("ack");
            final JsonNode first = ws.until(m -> m.path("type").asText().equals("overview"), 5_000);
            assertThat(first.path("channel").asText()).isEqualTo("overview:BTC-USD");
            assertThat(first.path("data")).isEqualTo(before);

            for (int i = 0; i < 5; i++) {
                trade(Integer.toString(60_000 + i), "0.01");
            }
            final JsonNode after = rest("/v1/market/overview/BTC-USD").path("data");
            assertThat(after.path("taker_buy_volume_24h").asText()).isEqualTo("0.0500");
            JsonNode pushed = ws.until(m -> m.path("type").asText().equals("overview"), 5_000);
            while (!pushed.path("data").equals(after)) {
                pushed = ws.until(m -> m.path("type").asText().equals("overview"), 5_000);
            }
            assertThat(pushed.path("data").path("cvd_1h").asText()).isEqualTo("0.0500");
        }
    }

    @Test
    void theOverviewChannelSendsAtMostOneMessageASecondAndNothingWhileThePairIsQuiet() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.answer(ws.op("subscribe", "\"channels\":[\"overview:BTC-USD\"]"));
            ws.until(m -> m.path("type").asText().equals("overview"), 5_000);
            final long start = System.nanoTime();
            long previous = 0;
            int pushes = 0;
            while (System.nanoTime() - start < 3_500_000_000L) {
                trade("61000", "0.001");
                final JsonNode m = ws.poll(50);
                if (m != null && m.path("type").asText().equals("overview")) {
                    final long at = System.nanoTime();
                    if (previous != 0) {
                        assertThat(at - previous).as("gap between pushes").isGreaterThan(800_000_000L);
                    }
                    previous = at;
                    pushes++;
                }
            }
            assertThat(pushes).isBetween(2, 4);
            // quiet: the last change is pushed (within about a second), then nothing
            final long drained = System.nanoTime();
            while (System.nanoTime() - drained < 1_600_000_000L) {
                ws.poll(100);
            }
            final long quietStart = System.nanoTime();
            while (System.nanoTime() - quietStart < 2_500_000_000L) {
                final JsonNode m = ws.poll(100);
                assertThat(m == null || !m.path("type").asText().equals("overview")).as("push while quiet: %s", m).isTrue();
            }
        }
    }

    @Test
    void aLargeTradeIsPushedAsTheRestFeedListsItAndASmallOneIsNot() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.answer(ws.op("subscribe", "\"channels\":[\"large_trades:BTC-USD\"]"));
            trade("50000", "0.01"); // 500 USD: below the 1,000 USD threshold
            trade("50000", "0.03"); // 1,500 USD
            final JsonNode pushed = ws.until(m -> m.path("type").asText().equals("large_trade"), 5_000);
            assertThat(pushed.path("channel").asText()).isEqualTo("large_trades:BTC-USD");
            final JsonNode feed = rest("/v1/market/large-trades?pair=BTC-USD&limit=1");
            assertThat(pushed.path("data")).isEqualTo(feed.path("data").get(0));
            assertThat(pushed.path("data").path("notional").asText()).isEqualTo("1500.000000");
            assertThat(pushed.path("data").path("label").path("code").asText()).isEqualTo("aggressive_buy");
            assertThat(feed.path("threshold").asText()).isEqualTo("1000.000000");
            final JsonNode next = ws.poll(1_000);
            assertThat(next == null || !next.path("type").asText().equals("large_trade")).as("%s", next).isTrue();
        }
    }
}
