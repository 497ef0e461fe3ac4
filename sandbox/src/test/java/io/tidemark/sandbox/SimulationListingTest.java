package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.http.Route;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A market an operator lists while the sandbox runs is simulated too, once it has a price: its book fills
 * with the simulated makers' levels and the simulated takers trade on it, like the configured markets.
 */
@Timeout(90)
class SimulationListingTest {
    @TempDir
    Path dir;

    @Test
    void aMarketListedAtRunTimeIsSimulatedOnceItHasAPrice() throws Exception {
        final ConfigFile file = ConfigFile.defaults();
        final SandboxConfig config = SandboxConfig.from(file, file.exchange());
        final Sandbox[] sandbox = new Sandbox[1];
        final GatewayServer server = GatewayServer.start(new GatewayServer.Context().dataDir(dir).config(file.exchange())
            .gateway(GatewayConfig.from(file).withPort(0)).sandbox(true)
            .endpoint(Route.SANDBOX_ACCOUNTS, s -> of(sandbox, s, config)::accounts)
            .endpoint(Route.SANDBOX_FAUCET, s -> of(sandbox, s, config)::faucet));
        of(sandbox, server, config);
        Simulation simulation = null;
        try {
            simulation = Simulation.start(config.simulation(), sandbox[0]);
            final KeyStore.Created adminKey = server.adminKeyCreated().orElseThrow();
            final SignedHttp admin = new SignedHttp(server.baseUrl(), adminKey.key().id(), adminKey.secret());
            ok(admin.post("/v1/admin/assets", "{\"asset\":\"SOL\",\"scale\":9}"));
            ok(admin.post("/v1/admin/markets", "{\"pair\":\"SOL-USD\",\"tick_size\":\"0.01\",\"lot_size\":\"0.01\","
                + "\"min_size\":\"0.01\",\"min_notional\":\"1\",\"maker_fee_bps\":10,\"taker_fee_bps\":25}"));

            // an operator's first two orders give the market its price
            final String account = ok(admin.post("/v1/admin/accounts", "{\"label\":\"seed\"}")).path("account_id").asText();
            final JsonNode key = ok(admin.post("/v1/admin/accounts/" + account + "/keys", "{\"scopes\":[\"read\",\"trade\"]}"));
            ok(admin.post("/v1/admin/deposits", "{\"account_id\":\"" + account + "\",\"asset\":\"SOL\",\"amount\":\"5\",\"reference\":\"s\"}"));
            ok(admin.post("/v1/admin/deposits", "{\"account_id\":\"" + account + "\",\"asset\":\"USD\",\"amount\":\"1000\",\"reference\":\"u\"}"));
            final SignedHttp seed = new SignedHttp(server.baseUrl(), key.path("key").asText(), key.path("secret").asText());
            ok(seed.post("/v1/orders", "{\"pair\":\"SOL-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"151\",\"size\":\"1\"}"));
            ok(seed.post("/v1/orders", "{\"pair\":\"SOL-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"149\",\"size\":\"1\"}"));

            final SignedHttp anonymous = SignedHttp.anonymous(server.baseUrl());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            JsonNode book = null;
            JsonNode ticker = null;
            while (System.nanoTime() < deadline) {
                book = anonymous.get("/v1/orderbook/SOL-USD?depth=100").data();
                ticker = anonymous.get("/v1/ticker/SOL-USD").data();
                if (book.path("bids").size() >= 10 && book.path("asks").size() >= 10 && ticker.path("last_price").isTextual()) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(book.path("bids").size()).as(book.toString()).isGreaterThanOrEqualTo(10);
            assertThat(book.path("asks").size()).as(book.toString()).isGreaterThanOrEqualTo(10);
            assertThat(ticker.path("last_price").isTextual()).as(ticker.toString()).isTrue();
            // the simulated makers quote around the seeded price, not some other market's
            final double bestBid = book.path("bids").get(0).get(0).asDouble();
            assertThat(bestBid).isBetween(120.0, 180.0);
            for (final JsonNode line : admin.get("/v1/admin/solvency").data()) {
                assertThat(line.path("difference").asText()).as(line.toString()).isEqualTo("0");
            }
        } finally {
            if (simulation != null) {
                simulation.close();
            }
            server.close();
            sandbox[0].close();
        }
    }

    private static JsonNode ok(final SignedHttp.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data();
    }

    private static Sandbox of(final Sandbox[] holder, final GatewayServer server, final SandboxConfig config) {
        if (holder[0] == null) {
            holder[0] = new Sandbox(server, config);
        }
        return holder[0];
    }
}
