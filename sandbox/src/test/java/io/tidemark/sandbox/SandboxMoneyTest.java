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

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money in the sandbox as the operator sees it: starting balances are {@code deposit} entries in the
 * ledger and faucet payments {@code faucet} entries, both count as deposits for solvency, a withdrawal
 * completes at once (a {@code withdrawal} entry), and the solvency difference stays {@code "0"}.
 */
@Timeout(60)
class SandboxMoneyTest {
    @TempDir
    Path dir;

    @Test
    void startingBalancesAndFaucetPaymentsAreDepositsTheLedgerNamesAndSolvencyCounts() throws Exception {
        final ConfigFile file = ConfigFile.defaults();
        final SandboxConfig config = SandboxConfig.from(file, file.exchange());
        final Sandbox[] sandbox = new Sandbox[1];
        final GatewayServer.Context context = new GatewayServer.Context().dataDir(dir).config(file.exchange())
            .gateway(GatewayConfig.from(file).withPort(0)).sandbox(true)
            .endpoint(Route.SANDBOX_ACCOUNTS, server -> of(sandbox, server, config)::accounts)
            .endpoint(Route.SANDBOX_FAUCET, server -> of(sandbox, server, config)::faucet);
        final GatewayServer server = GatewayServer.start(context);
        try {
            final KeyStore.Created adminKey = server.adminKeyCreated().orElseThrow();
            final SignedHttp admin = new SignedHttp(server.baseUrl(), adminKey.key().id(), adminKey.secret());
            final JsonNode signup = SignedHttp.anonymous(server.baseUrl()).post("/v1/sandbox/accounts",
                "{\"scopes\":[\"read\",\"trade\",\"withdraw\"]}").data();
            final SignedHttp bot = new SignedHttp(server.baseUrl(), signup.path("key").asText(),
                signup.path("secret").asText());
            final BigDecimal start = btc(bot);

            assertThat(bot.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"0.5\"}").status()).isEqualTo(200);
            final SignedHttp.Reply withdrawal = bot.post("/v1/account/withdrawals",
                "{\"asset\":\"BTC\",\"amount\":\"0.25\",\"address\":\"bc1-test\"}");
            assertThat(withdrawal.status()).as(withdrawal.toString()).isEqualTo(200);
            assertThat(withdrawal.data().path("status").asText()).isEqualTo("completed");

            final List<String> types = ledgerTypes(bot);
            assertThat(types).containsExactly("withdrawal", "faucet", "deposit");

            final JsonNode solvency = admin.get("/v1/admin/solvency").data();
            for (final JsonNode line : solvency) {
                assertThat(line.path("difference").asText()).as(line.toString()).isEqualTo("0");
                if (line.path("asset").asText().equals("BTC")) {
                    assertThat(new BigDecimal(line.path("deposits").asText()))
                        .isEqualByComparingTo(start.add(new BigDecimal("0.5")));
                    assertThat(new BigDecimal(line.path("withdrawals").asText())).isEqualByComparingTo("0.25");
                }
            }
        } finally {
            server.close();
            sandbox[0].close();
        }
    }

    @Test
    void theFaucetRefusesAnAssetListedAtRunTime() throws Exception {
        final ConfigFile file = ConfigFile.defaults();
        final SandboxConfig config = SandboxConfig.from(file, file.exchange());
        final Sandbox[] sandbox = new Sandbox[1];
        final GatewayServer server = GatewayServer.start(new GatewayServer.Context().dataDir(dir).config(file.exchange())
            .gateway(GatewayConfig.from(file).withPort(0)).sandbox(true)
            .endpoint(Route.SANDBOX_ACCOUNTS, s -> of(sandbox, s, config)::accounts)
            .endpoint(Route.SANDBOX_FAUCET, s -> of(sandbox, s, config)::faucet));
        try {
            final KeyStore.Created adminKey = server.adminKeyCreated().orElseThrow();
            final SignedHttp admin = new SignedHttp(server.baseUrl(), adminKey.key().id(), adminKey.secret());
            assertThat(admin.post("/v1/admin/assets", "{\"asset\":\"SOL\",\"scale\":9}").status()).isEqualTo(200);
            final JsonNode signup = SignedHttp.anonymous(server.baseUrl()).post("/v1/sandbox/accounts",
                "{\"scopes\":[\"read\",\"trade\"]}").data();
            final SignedHttp bot = new SignedHttp(server.baseUrl(), signup.path("key").asText(),
                signup.path("secret").asText());
            final SignedHttp.Reply refused = bot.post("/v1/sandbox/faucet", "{\"asset\":\"SOL\",\"amount\":\"1\"}");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("invalid_parameter");
            assertThat(bot.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"0.5\"}").status()).isEqualTo(200);
        } finally {
            server.close();
            if (sandbox[0] != null) {
                sandbox[0].close();
            }
        }
    }

    /** The account's BTC ledger types, newest first, once the history writer has caught up with all three. */
    private static List<String> ledgerTypes(final SignedHttp bot) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> types = List.of();
        while (System.nanoTime() < deadline) {
            final List<String> seen = new ArrayList<>();
            bot.get("/v1/account/ledger?asset=BTC").data().forEach(entry -> seen.add(entry.path("type").asText()));
            types = seen;
            if (types.size() >= 3) {
                break;
            }
            Thread.sleep(50);
        }
        return types;
    }

    private static BigDecimal btc(final SignedHttp bot) throws Exception {
        for (final JsonNode line : bot.get("/v1/account/balances").data()) {
            if (line.path("asset").asText().equals("BTC")) {
                return new BigDecimal(line.path("spot").path("available").asText());
            }
        }
        throw new AssertionError("no BTC balance");
    }

    private static Sandbox of(final Sandbox[] holder, final GatewayServer server, final SandboxConfig config) {
        if (holder[0] == null) {
            holder[0] = new Sandbox(server, config);
        }
        return holder[0];
    }
}
