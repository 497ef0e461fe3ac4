package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/markets} gives each market's {@code max_price} and {@code max_size}: the configured ones, or,
 * where the config has none, the largest the engine's exact arithmetic allows (price × size × quote units per
 * tick-lot ≤ 2^62). An order at the limits is accepted; one tick or one lot above is refused.
 */
@Timeout(60)
class MarketLimitsTest {
    /** BTC-USD both limits set, ETH-USD only max_size (max_price derived), ETH-BTC neither. */
    private static final String MARKETS = """
        markets:
          - pair: BTC-USD
            tick_size: "0.01"
            lot_size: "0.0001"
            min_size: "0.0001"
            min_notional: "1"
            max_price: "100000"
            max_size: "50"
            maker_fee_bps: 10
            taker_fee_bps: 20
          - pair: ETH-USD
            tick_size: "0.01"
            lot_size: "0.001"
            min_size: "0.001"
            min_notional: "1"
            max_size: "1000"
            maker_fee_bps: 10
            taker_fee_bps: 20
          - pair: ETH-BTC
            tick_size: "0.00001"
            lot_size: "0.001"
            min_size: "0.001"
            min_notional: "0.0001"
            maker_fee_bps: 10
            taker_fee_bps: 20
        """;

    @TempDir
    Path dir;

    @Test
    void marketsShowTheLargestPriceAndSizeAnOrderMayCarry() throws Exception {
        final Path file = dir.resolve("markets.yaml");
        Files.writeString(file, MARKETS);
        final ConfigFile config = ConfigFile.load(file);
        try (TestServer server = TestServer.start(dir.resolve("data"), context -> context.config(config.exchange())
            .gateway(GatewayConfig.from(config).withPort(0)))) {
            final Map<String, JsonNode> markets = new HashMap<>();
            for (final JsonNode market : SignedClient.anonymous(server.baseUrl(), "GET", "/v1/markets", "").data()) {
                markets.put(market.path("pair").asText(), market);
            }
            assertLimits(markets.get("BTC-USD"), "100000.00", "50.0000");
            // quote units per tick-lot 0.01 × 0.001 × 10^6 = 10: max price ⌊2^62 / (10 × 1,000,000 lots)⌋ ticks
            assertLimits(markets.get("ETH-USD"), "4611686018.42", "1000.000");
            // 0.00001 × 0.001 × 10^8 = 1: both ⌊√2^62⌋ = 2^31 steps
            assertLimits(markets.get("ETH-BTC"), "21474.83648", "2147483.648");

            final SignedClient seller = server.account("BTC", "51", "ETH", "2148484");
            for (final JsonNode market : markets.values()) {
                final String pair = market.path("pair").asText();
                final String maxPrice = market.path("max_price").asText();
                final String maxSize = market.path("max_size").asText();
                final Reply atLimits = seller.post("/v1/orders", sell(pair, maxPrice, maxSize));
                assertThat(atLimits.status()).as(pair + " " + atLimits).isEqualTo(200);
                final Reply priceAbove = seller.post("/v1/orders",
                    sell(pair, plus(maxPrice, market.path("tick_size").asText()), market.path("min_size").asText()));
                assertThat(priceAbove.errorCode()).as(pair + " " + priceAbove).isEqualTo("invalid_price");
                final Reply sizeAbove = seller.post("/v1/orders",
                    sell(pair, maxPrice, plus(maxSize, market.path("lot_size").asText())));
                assertThat(sizeAbove.errorCode()).as(pair + " " + sizeAbove).isEqualTo("invalid_size");
            }
        }
    }

    private static void assertLimits(final JsonNode market, final String maxPrice, final String maxSize) {
        assertThat(market.path("max_price").asText()).as(market.toString()).isEqualTo(maxPrice);
        assertThat(market.path("max_size").asText()).as(market.toString()).isEqualTo(maxSize);
    }

    private static String sell(final String pair, final String price, final String size) {
        return "{\"pair\":\"" + pair + "\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"" + price + "\",\"size\":\""
            + size + "\"}";
    }

    private static String plus(final String a, final String b) {
        return new BigDecimal(a).add(new BigDecimal(b)).toPlainString();
    }
}
