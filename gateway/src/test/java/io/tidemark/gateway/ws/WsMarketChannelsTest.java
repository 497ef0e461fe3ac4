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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** trades, ticker and candles channels carry the REST shapes and end at the REST values. */
@Timeout(30)
class WsMarketChannelsTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static SignedClient maker;
    static SignedClient taker;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
        maker = server.account("BTC", "10");
        taker = server.account("USD", "10000000");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<JsonNode> tradeOnBtcUsd(final int trades) {
        final List<JsonNode> placed = new ArrayList<>();
        for (int i = 0; i < trades; i++) {
            final String price = Integer.toString(60_000 + i);
            placed.add(maker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\""
                + price + "\",\"size\":\"0.01\"}").data());
            placed.add(taker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\""
                + price + "\",\"size\":\"0.005\"}").data());
        }
        return placed;
    }

    private static JsonNode rest(final String path) {
        return SignedClient.anonymous(server.baseUrl(), "GET", path, "").data();
    }

    @Test
    void tradesTickerAndCandlesMatchRestAfterTrades() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.answer(ws.op("subscribe", "\"channels\":[\"trades:BTC-USD\",\"ticker:BTC-USD\",\"candles:BTC-USD:1m\"]"));
            tradeOnBtcUsd(5);
            final JsonNode restTicker = rest("/v1/ticker/BTC-USD");
            final JsonNode restTrades = rest("/v1/trades/BTC-USD?limit=5");
            final JsonNode restCandle = rest("/v1/candles/BTC-USD?interval=1m&limit=1").get(0);

            final List<JsonNode> trades = new ArrayList<>();
            JsonNode ticker = null;
            JsonNode candle = null;
            while (trades.size() < 5 || ticker == null || !ticker.equals(restTicker)
                || candle == null || !candle.equals(restCandle)) {
                final JsonNode m = ws.next(10_000);
                switch (m.path("type").asText()) {
                    case "trade" -> trades.add(m.path("data"));
                    case "ticker" -> ticker = m.path("data");
                    case "candle" -> candle = m.path("data");
                    default -> {
                    }
                }
            }
            assertThat(ticker).isEqualTo(restTicker);
            assertThat(candle).isEqualTo(restCandle);
            assertThat(candle.path("trade_count").asInt()).isGreaterThanOrEqualTo(5);
            for (int i = 0; i < 5; i++) {
                assertThat(trades.get(4 - i)).isEqualTo(restTrades.get(i));
            }
        }
    }

    @Test
    void aTickerSubscriptionStartsWithTheCurrentTicker() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final long id = ws.op("subscribe", "\"channels\":[\"ticker:ETH-USD\"]");
            assertThat(ws.answer(id).path("type").asText()).isEqualTo("ack");
            final JsonNode first = ws.until(m -> m.path("type").asText().equals("ticker"), 5_000);
            assertThat(first.path("channel").asText()).isEqualTo("ticker:ETH-USD");
            assertThat(first.path("data")).isEqualTo(rest("/v1/ticker/ETH-USD"));
        }
    }
}
