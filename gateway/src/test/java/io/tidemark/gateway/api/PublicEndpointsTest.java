package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Public endpoints: ping, time, markets, market data, the OpenAPI document and metrics. */
@Timeout(60)
class PublicEndpointsTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
        final SignedClient seller = server.account("BTC", "2");
        final SignedClient buyer = server.account("USD", "200000");
        seller.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"63010\",\"size\":\"0.5\"}");
        seller.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"63020\",\"size\":\"0.5\"}");
        buyer.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"62990\",\"size\":\"0.3\"}");
        buyer.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"size\":\"0.2\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply get(final String path) {
        return SignedClient.anonymous(server.baseUrl(), "GET", path, "");
    }

    @Test
    void pingAnswersOkWithoutAuthOrCharge() {
        final Reply ping = get("/v1/ping");
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.data().path("ok").asBoolean()).isTrue();
        // the budget refills continuously, so a later read may show more, never less
        assertThat(Integer.parseInt(get("/v1/ping").header("RateLimit-Remaining")))
            .isGreaterThanOrEqualTo(Integer.parseInt(ping.header("RateLimit-Remaining")));
    }

    @Test
    void timeGivesIsoAndEpochMillis() {
        final long before = System.currentTimeMillis();
        final JsonNode time = get("/v1/time").data();
        assertThat(time.path("epoch_ms").asLong()).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
        assertThat(Instant.parse(time.path("iso").asText()).toEpochMilli()).isEqualTo(time.path("epoch_ms").asLong());
    }

    @Test
    void marketsListEveryPairWithItsRules() {
        final JsonNode markets = get("/v1/markets").data();
        assertThat(markets).hasSize(3);
        final JsonNode btc = markets.get(0);
        assertThat(btc.path("pair").asText()).isEqualTo("BTC-USD");
        assertThat(btc.path("status").asText()).isEqualTo("trading");
        assertThat(btc.path("tick_size").asText()).isEqualTo("0.01");
        assertThat(btc.path("lot_size").asText()).isEqualTo("0.0001");
        assertThat(btc.path("min_notional").asText()).isEqualTo("1.000000");
        assertThat(btc.path("taker_fee_bps").asInt()).isEqualTo(20);
    }

    @Test
    void theTickerShowsTheLastTradeAndTheTouch() {
        final JsonNode ticker = get("/v1/ticker/BTC-USD").data();
        assertThat(ticker.path("last_price").asText()).isEqualTo("63010.00");
        assertThat(ticker.path("last_size").asText()).isEqualTo("0.2000");
        assertThat(ticker.path("best_bid").asText()).isEqualTo("62990.00");
        assertThat(ticker.path("best_ask").asText()).isEqualTo("63010.00");
        assertThat(ticker.path("best_ask_size").asText()).isEqualTo("0.3000");
        assertThat(ticker.path("volume_24h").asText()).isEqualTo("0.2000");
        assertThat(ticker.path("market_cap").asText()).isEqualTo("1247598000000.000000");
        final JsonNode idle = get("/v1/ticker/ETH-BTC").data();
        assertThat(idle.path("last_price").isNull()).isTrue();
        assertThat(idle.path("market_cap").isNull()).isTrue();
        assertThat(get("/v1/ticker/NOPE-USD").errorCode()).isEqualTo("unknown_pair");
    }

    @Test
    void theOrderBookIsAggregatedBestFirstWithASeq() {
        final JsonNode book = get("/v1/orderbook/BTC-USD?depth=10").data();
        assertThat(book.path("seq").asLong()).isPositive();
        assertThat(book.path("bids").get(0).get(0).asText()).isEqualTo("62990.00");
        assertThat(book.path("bids").get(0).get(1).asText()).isEqualTo("0.3000");
        assertThat(book.path("asks").get(0).get(0).asText()).isEqualTo("63010.00");
        assertThat(book.path("asks").get(1).get(0).asText()).isEqualTo("63020.00");
        assertThat(java.time.Instant.parse(book.path("time").asText())).isAfter(java.time.Instant.now().minusSeconds(120));
        assertThat(get("/v1/orderbook/BTC-USD?depth=0").errorCode()).isEqualTo("invalid_parameter");
        assertThat(get("/v1/orderbook/BTC-USD?depth=abc").errorCode()).isEqualTo("invalid_parameter");
        assertThat(get("/v1/orderbook/BTC-USD?depth=1001").status()).isEqualTo(400);
    }

    @Test
    void tradesAreNewestFirstWithTheTakerSide() {
        final JsonNode trades = get("/v1/trades/BTC-USD?limit=5").data();
        assertThat(trades).hasSize(1);
        assertThat(trades.get(0).path("taker_side").asText()).isEqualTo("buy");
        assertThat(trades.get(0).path("price").asText()).isEqualTo("63010.00");
        assertThat(trades.get(0).path("trade_id").asText()).matches("[0-9]+");
    }

    @Test
    void tradesAreBoundedByStartAndEndInEpochMillis() {
        final JsonNode trade = get("/v1/trades/BTC-USD").data().get(0);
        final long at = Instant.parse(trade.path("time").asText()).toEpochMilli();
        assertThat(get("/v1/trades/BTC-USD?start=" + at + "&end=" + at).data()).hasSize(1);
        assertThat(get("/v1/trades/BTC-USD?start=" + (at + 1)).data()).isEmpty();
        assertThat(get("/v1/trades/BTC-USD?end=" + (at - 1)).data()).isEmpty();
        assertThat(get("/v1/trades/BTC-USD?start=yesterday").errorCode()).isEqualTo("invalid_parameter");
        assertThat(get("/v1/trades/BTC-USD?start=" + at + "&end=" + (at - 1)).errorCode()).isEqualTo("invalid_parameter");
    }

    @Test
    void candlesAreBoundedByTheirStartTime() {
        final JsonNode candle = get("/v1/candles/BTC-USD?interval=1m").data().get(0);
        final long start = Instant.parse(candle.path("start").asText()).toEpochMilli();
        assertThat(get("/v1/candles/BTC-USD?interval=1m&start=" + start + "&end=" + start).data()).hasSize(1);
        assertThat(get("/v1/candles/BTC-USD?interval=1m&start=" + (start + 1)).data()).isEmpty();
        assertThat(get("/v1/candles/BTC-USD?interval=1m&end=" + (start - 1)).data()).isEmpty();
        assertThat(get("/v1/candles/BTC-USD?interval=1m&end=-5").errorCode()).isEqualTo("invalid_parameter");
    }

    @Test
    void candlesAggregateTheTradesOfTheirInterval() {
        final Reply reply = get("/v1/candles/BTC-USD?interval=1h&limit=2");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        final JsonNode candle = reply.data().get(0);
        assertThat(candle.path("open").asText()).isEqualTo("63010.00");
        assertThat(candle.path("volume").asText()).isEqualTo("0.2000");
        assertThat(candle.path("trade_count").asInt()).isEqualTo(1);
        assertThat(get("/v1/candles/BTC-USD?interval=2m").errorCode()).isEqualTo("invalid_parameter");
    }

    @Test
    void theOpenApiDocumentIsServed() {
        final Reply reply = get("/v1/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("openapi").asText()).startsWith("3.0");
    }

    @Test
    void metricsAreInPrometheusFormat() {
        get("/v1/ping");
        final Reply reply = get("/metrics");
        final String text = new String(reply.raw().body(), StandardCharsets.UTF_8);
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
        assertThat(text).contains("tidemark_http_requests_total").contains("tidemark_ring_in_flight")
            .contains("route=\"ping\"");
    }
}
