package io.tidemark.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.sandbox.SignedHttp;
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
 * A real exchange run by its operator survives {@code kill -9} between admin actions: a real
 * {@code ./tidemark server} process is killed after each round of acknowledged admin actions and
 * started again on the same data directory, and every account, key, deposit (and its reference),
 * freeze, pending and completed withdrawal, halt, fee change, listed asset and market (which then
 * trades) and audit entry is found again, with solvency zero.
 */
class OperatorCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyAdminActionSurvivesAKillBetweenThem() throws Exception {
        final Path data = temp.resolve("data");
        final String[] adminKey;
        final String[] aliceKey;
        final String accountId;
        final String withdrawalId;

        try (LauncherProcess first = LauncherProcess.server(data, "first")) {
            final JsonNode file = JSON.readTree(data.resolve("admin-key.json").toFile());
            adminKey = new String[] {file.path("key").asText(), file.path("secret").asText()};
            assertThat(first.stdout()).contains(adminKey[0]).contains(adminKey[1]);
            final SignedHttp admin = new SignedHttp(first.baseUrl, adminKey[0], adminKey[1]);
            accountId = ok(admin.post("/v1/admin/accounts", "{\"label\":\"alice\"}")).path("account_id").asText();
            final JsonNode key = ok(admin.post("/v1/admin/accounts/" + accountId + "/keys",
                "{\"scopes\":[\"read\",\"trade\",\"withdraw\"]}"));
            aliceKey = new String[] {key.path("key").asText(), key.path("secret").asText()};
            ok(admin.post("/v1/admin/deposits", deposit(accountId, "1000", "wire-1")));
            first.kill();
        }

        try (LauncherProcess second = LauncherProcess.server(data, "second")) {
            assertThat(second.stdout()).doesNotContain(adminKey[1]);
            final SignedHttp admin = new SignedHttp(second.baseUrl, adminKey[0], adminKey[1]);
            final SignedHttp alice = new SignedHttp(second.baseUrl, aliceKey[0], aliceKey[1]);
            assertThat(usd(alice, "available")).isEqualByComparingTo("1000");
            // the reference was journaled with the deposit: a retry after the crash credits nothing
            final SignedHttp.Reply retried = admin.post("/v1/admin/deposits", deposit(accountId, "1000", "wire-1"));
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            withdrawalId = ok(alice.post("/v1/account/withdrawals",
                "{\"asset\":\"USD\",\"amount\":\"300\",\"address\":\"iban-1\"}")).path("id").asText();
            ok(admin.post("/v1/admin/accounts/" + accountId + "/freeze", "{\"cancel_orders\":false}"));
            second.kill();
        }

        try (LauncherProcess third = LauncherProcess.server(data, "third")) {
            final SignedHttp admin = new SignedHttp(third.baseUrl, adminKey[0], adminKey[1]);
            final SignedHttp alice = new SignedHttp(third.baseUrl, aliceKey[0], aliceKey[1]);
            assertThat(usd(alice, "available")).isEqualByComparingTo("700");
            assertThat(usd(alice, "hold")).isEqualByComparingTo("300");
            final JsonNode pending = ok(admin.get("/v1/admin/withdrawals?status=pending"));
            assertThat(pending).hasSize(1);
            assertThat(pending.get(0).path("id").asText()).isEqualTo(withdrawalId);
            assertThat(pending.get(0).path("address").asText()).isEqualTo("iban-1");
            final SignedHttp.Reply frozen = alice.post("/v1/orders",
                "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"1000\",\"size\":\"0.01\"}");
            assertThat(frozen.errorCode()).isEqualTo("account_frozen");
            ok(admin.post("/v1/admin/markets/ETH-USD/halt", ""));
            ok(admin.post("/v1/admin/markets/BTC-USD/fees", "{\"maker_fee_bps\":3,\"taker_fee_bps\":33}"));
            ok(admin.post("/v1/admin/assets", "{\"asset\":\"SOL\",\"scale\":9}"));
            ok(admin.post("/v1/admin/markets", "{\"pair\":\"SOL-USD\",\"tick_size\":\"0.01\",\"lot_size\":\"0.01\","
                + "\"min_notional\":\"1\",\"maker_fee_bps\":10,\"taker_fee_bps\":25}"));
            ok(admin.post("/v1/admin/deposits", "{\"account_id\":\"" + accountId + "\",\"asset\":\"SOL\","
                + "\"amount\":\"12.5\",\"reference\":\"sol-1\"}"));
            ok(admin.post("/v1/admin/withdrawals/" + withdrawalId + "/complete", ""));
            third.kill();
        }

        try (LauncherProcess fourth = LauncherProcess.server(data, "fourth")) {
            final SignedHttp admin = new SignedHttp(fourth.baseUrl, adminKey[0], adminKey[1]);
            final SignedHttp alice = new SignedHttp(fourth.baseUrl, aliceKey[0], aliceKey[1]);
            assertThat(usd(alice, "available")).isEqualByComparingTo("700");
            assertThat(usd(alice, "hold")).isEqualByComparingTo("0");
            assertThat(ok(admin.get("/v1/admin/withdrawals?status=pending"))).isEmpty();
            assertThat(ok(admin.get("/v1/admin/withdrawals")).get(0).path("status").asText()).isEqualTo("completed");
            final List<String> pairs = new ArrayList<>();
            for (final JsonNode market : SignedHttp.anonymous(fourth.baseUrl).get("/v1/markets").data()) {
                pairs.add(market.path("pair").asText());
                assertThat(market.path("status").asText()).as(market.toString())
                    .isEqualTo(market.path("pair").asText().equals("ETH-USD") ? "halted" : "trading");
                if (market.path("pair").asText().equals("BTC-USD")) {
                    assertThat(market.path("maker_fee_bps").asInt()).isEqualTo(3);
                    assertThat(market.path("taker_fee_bps").asInt()).isEqualTo(33);
                }
            }
            assertThat(pairs).contains("SOL-USD");
            for (final JsonNode line : ok(admin.get("/v1/admin/solvency"))) {
                assertThat(line.path("difference").asText()).as(line.toString()).isEqualTo("0");
                if (line.path("asset").asText().equals("USD")) {
                    assertThat(new BigDecimal(line.path("deposits").asText())).isEqualByComparingTo("1000");
                    assertThat(new BigDecimal(line.path("withdrawals").asText())).isEqualByComparingTo("300");
                }
            }
            final List<String> actions = new ArrayList<>();
            ok(admin.get("/v1/admin/audit?limit=100")).forEach(entry -> actions.add(entry.path("action").asText()));
            assertThat(actions).containsExactly("complete_withdrawal", "deposit", "list_market", "list_asset",
                "set_market_fees", "halt_market", "freeze_account", "deposit",
                "deposit", "create_key", "create_account");

            // the listed market and asset came back and trade: a new account sells SOL on SOL-USD
            assertThat(balance(alice, "SOL", "available")).isEqualByComparingTo("12.5");
            assertThat(admin.post("/v1/admin/assets", "{\"asset\":\"SOL\",\"scale\":9}").errorCode())
                .isEqualTo("asset_exists");
            final String bob = ok(admin.post("/v1/admin/accounts", "{\"label\":\"bob\"}")).path("account_id").asText();
            final JsonNode bobKey = ok(admin.post("/v1/admin/accounts/" + bob + "/keys", "{\"scopes\":[\"read\",\"trade\"]}"));
            ok(admin.post("/v1/admin/deposits", "{\"account_id\":\"" + bob + "\",\"asset\":\"SOL\",\"amount\":\"3\","
                + "\"reference\":\"sol-bob\"}"));
            final SignedHttp bobClient = new SignedHttp(fourth.baseUrl, bobKey.path("key").asText(),
                bobKey.path("secret").asText());
            ok(bobClient.post("/v1/orders", "{\"pair\":\"SOL-USD\",\"side\":\"sell\",\"type\":\"limit\","
                + "\"price\":\"150\",\"size\":\"2\"}"));
            assertThat(balance(bobClient, "SOL", "hold")).isEqualByComparingTo("2");
            assertThat(fourth.stop()).isIn(0, 143);
        }
    }

    private static String deposit(final String account, final String amount, final String reference) {
        return "{\"account_id\":\"" + account + "\",\"asset\":\"USD\",\"amount\":\"" + amount + "\",\"reference\":\""
            + reference + "\"}";
    }

    private static BigDecimal usd(final SignedHttp client, final String member) throws Exception {
        return balance(client, "USD", member);
    }

    private static BigDecimal balance(final SignedHttp client, final String asset, final String member) throws Exception {
        for (final JsonNode line : ok(client.get("/v1/account/balances"))) {
            if (line.path("asset").asText().equals(asset)) {
                return new BigDecimal(line.path("spot").path(member).asText());
            }
        }
        throw new AssertionError("no " + asset + " balance");
    }

    private static JsonNode ok(final SignedHttp.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data();
    }
}
