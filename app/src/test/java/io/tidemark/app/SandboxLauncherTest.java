package io.tidemark.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.sandbox.SignedHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first session, through the launcher script as the README tells it: start the sandbox,
 * sign up twice, trade (place, cancel, fill against the other account's resting order), use the faucet
 * up to its cap; stop with SIGTERM; start again on the same data directory and find it all there; kill -9 and find
 * everything that was acknowledged.
 */
class SandboxLauncherTest {
    @TempDir
    Path temp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aNewcomersSessionSurvivesARestart() throws Exception {
        final Path data = temp.resolve("data");
        final String[] aliceKey;
        final String[] bobKey;
        final String aliceAccount;
        final String restingId;
        final String takerId;
        final JsonNode balancesBefore;
        final String demoKey;
        final String[] carolKey;
        final String carolOrderId;
        try (LauncherProcess sandbox = LauncherProcess.start(data, "first", "--no-sim")) {
            final String first = sandbox.stdout();
            assertThat(first).contains(sandbox.baseUrl + "/v1").contains("demo account").contains("secret tms_")
                .contains("operator (admin) key tmk_").contains("admin-key.json");
            // the banner shows the admin secret, once
            assertThat(first.split("admin\\) key", -1)).as(first).hasSize(2);
            demoKey = first.substring(first.indexOf("key tmk_") + 4).split("\\s")[0];
            assertThat(Files.getPosixFilePermissions(data.resolve("sandbox/demo-key.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            final SignedHttp anonymous = SignedHttp.anonymous(sandbox.baseUrl);
            // self-signup with every option, then with none
            final SignedHttp.Reply signup = anonymous.post("/v1/sandbox/accounts",
                "{\"scopes\":[\"read\",\"trade\"],\"ip_allowlist\":[\"127.0.0.1/32\",\"::1/128\"],\"tier\":\"verified\"}");
            assertThat(signup.status()).as(signup.toString()).isEqualTo(200);
            assertThat(signup.header("RateLimit-Policy")).isEqualTo("60;w=60");  // the signup budget, per IP
            final JsonNode a = signup.data();
            assertThat(a.path("account_id").asText()).matches("[0-9]+");
            assertThat(a.path("key").asText()).startsWith("tmk_");
            assertThat(a.path("secret").asText()).startsWith("tms_");
            assertThat(strings(a.path("scopes"))).containsExactly("read", "trade");
            assertThat(a.path("tier").asText()).isEqualTo("verified");
            assertThat(strings(a.path("ip_allowlist"))).containsExactly("127.0.0.1/32", "::1/128");
            aliceAccount = a.path("account_id").asText();
            aliceKey = new String[] {a.path("key").asText(), a.path("secret").asText()};
            final SignedHttp alice = new SignedHttp(sandbox.baseUrl, aliceKey[0], aliceKey[1]);

            final SignedHttp.Reply plain = anonymous.post("/v1/sandbox/accounts", "");
            assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
            assertThat(strings(plain.data().path("scopes"))).containsExactly("read", "trade");
            assertThat(plain.data().path("tier").asText()).isEqualTo("retail");
            assertThat(plain.data().path("account_id").asText()).isNotEqualTo(aliceAccount);
            bobKey = new String[] {plain.data().path("key").asText(), plain.data().path("secret").asText()};
            final SignedHttp bob = new SignedHttp(sandbox.baseUrl, bobKey[0], bobKey[1]);

            assertThat(anonymous.post("/v1/sandbox/accounts", "{\"tier\":\"gold\"}").errorCode()).isEqualTo("invalid_parameter");
            assertThat(anonymous.post("/v1/sandbox/accounts", "{\"scopes\":[]}").errorCode()).isEqualTo("invalid_parameter");
            assertThat(anonymous.post("/v1/sandbox/accounts", "{\"ip_allowlist\":[\"300.1.1.1/8\"]}").errorCode())
                .isEqualTo("invalid_parameter");
            assertThat(anonymous.post("/v1/sandbox/accounts", "{\"scope\":[\"read\"]}").errorCode()).isEqualTo("invalid_parameter");
            assertThat(anonymous.post("/v1/sandbox/accounts", "{nope").errorCode()).isEqualTo("invalid_json");

            // the starting balances are there as soon as signup answered
            assertThat(balance(alice, "USD")).isEqualTo("100000");
            assertThat(balance(alice, "BTC")).isEqualTo("10");
            assertThat(balance(alice, "ETH")).isEqualTo("100");

            // place and cancel
            final SignedHttp.Reply placed = alice.post("/v1/orders",
                "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"60000\",\"size\":\"0.01\"}");
            assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
            assertThat(placed.data().path("status").asText()).isEqualTo("open");
            final String cancelledId = placed.data().path("id").asText();
            final SignedHttp.Reply cancelled = alice.post("/v1/orders/" + cancelledId + "/cancel", "");
            assertThat(cancelled.data().path("status").asText()).as(cancelled.toString()).isEqualTo("cancelled");

            // a fill: bob rests a sell, alice takes it
            final SignedHttp.Reply resting = bob.post("/v1/orders",
                "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.02\"}");
            assertThat(resting.data().path("status").asText()).as(resting.toString()).isEqualTo("open");
            restingId = resting.data().path("id").asText();
            final SignedHttp.Reply taken = alice.post("/v1/orders",
                "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"time_in_force\":\"ioc\",\"price\":\"63000\",\"size\":\"0.01\"}");
            assertThat(taken.data().path("status").asText()).as(taken.toString()).isEqualTo("filled");
            takerId = taken.data().path("id").asText();
            final JsonNode fills = alice.get("/v1/fills?pair=BTC-USD").data();
            assertThat(fills).hasSize(1);
            assertThat(fills.get(0).path("order_id").asText()).isEqualTo(takerId);
            assertThat(fills.get(0).path("liquidity").asText()).isEqualTo("taker");
            assertThat(fills.get(0).path("price").asText()).isEqualTo("63000.00");

            // the faucet: up to the cap (100 BTC per account), never past it
            final SignedHttp.Reply drip = alice.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"1.5\"}");
            assertThat(drip.status()).as(drip.toString()).isEqualTo(200);
            assertThat(decimal(drip.data().path("faucet_used"))).isEqualByComparingTo("1.5");
            assertThat(decimal(drip.data().path("faucet_remaining"))).isEqualByComparingTo("98.5");
            assertThat(balance(alice, "BTC")).isEqualTo("11.51");
            final SignedHttp.Reply tooMuch = alice.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"99\"}");
            assertThat(tooMuch.status()).isEqualTo(400);
            assertThat(tooMuch.errorCode()).isEqualTo("invalid_parameter");
            assertThat(tooMuch.json().path("error").path("field").asText()).isEqualTo("amount");
            assertThat(balance(alice, "BTC")).isEqualTo("11.51");
            assertThat(alice.post("/v1/sandbox/faucet", "{\"asset\":\"DOGE\",\"amount\":\"1\"}").errorCode())
                .isEqualTo("invalid_parameter");
            assertThat(alice.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"0.000000001\"}").errorCode())
                .isEqualTo("invalid_size");
            assertThat(anonymous.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"1\"}").errorCode())
                .isEqualTo("missing_auth");
            balancesBefore = alice.get("/v1/account/balances").data();

            final int exit = sandbox.stop();
            assertThat(exit).as(sandbox.output()).isIn(0, 143);
            assertThat(sandbox.output()).contains("event=shutdown_complete");
        }

        try (LauncherProcess again = LauncherProcess.start(data, "second", "--no-sim")) {
            final String second = again.stdout();
            assertThat(second).contains("key " + demoKey).doesNotContain("secret tms_").doesNotContain("operator (admin) key");
            final SignedHttp alice2 = new SignedHttp(again.baseUrl, aliceKey[0], aliceKey[1]);
            final SignedHttp bob2 = new SignedHttp(again.baseUrl, bobKey[0], bobKey[1]);
            assertThat(alice2.get("/v1/account/balances").data()).isEqualTo(balancesBefore);
            final JsonNode orders = alice2.get("/v1/orders?status=all").data();
            assertThat(ids(orders)).contains(takerId);
            assertThat(alice2.get("/v1/orders/" + takerId).data().path("status").asText()).isEqualTo("filled");
            assertThat(alice2.get("/v1/fills").data().get(0).path("order_id").asText()).isEqualTo(takerId);
            final JsonNode rest = bob2.get("/v1/orders/" + restingId).data();
            assertThat(rest.path("status").asText()).isEqualTo("partially_filled");
            assertThat(new java.math.BigDecimal(rest.path("filled_size").asText())).isEqualByComparingTo("0.01");
            assertThat(bob2.get("/v1/fills").data().get(0).path("liquidity").asText()).isEqualTo("maker");
            final JsonNode book = SignedHttp.anonymous(again.baseUrl).get("/v1/orderbook/BTC-USD").data();
            assertThat(book.path("asks").get(0).get(0).asText()).isEqualTo("63000.00");

            // the faucet remembers what it paid: 1.5 of 100 used
            assertThat(alice2.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"98.6\"}").errorCode())
                .isEqualTo("invalid_parameter");
            assertThat(alice2.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"98.5\"}").status()).isEqualTo(200);
            assertThat(alice2.post("/v1/sandbox/faucet", "{\"asset\":\"BTC\",\"amount\":\"0.00000001\"}").errorCode())
                .isEqualTo("invalid_parameter");

            // the account still trades with its old key
            final SignedHttp.Reply more = alice2.post("/v1/orders",
                "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"size\":\"0.01\"}");
            assertThat(more.data().path("status").asText()).as(more.toString()).isEqualTo("filled");

            // what was acknowledged survives kill -9 too: a signup, a faucet payment, a resting order
            final JsonNode c = SignedHttp.anonymous(again.baseUrl).post("/v1/sandbox/accounts", "").data();
            carolKey = new String[] {c.path("key").asText(), c.path("secret").asText()};
            final SignedHttp carol = new SignedHttp(again.baseUrl, carolKey[0], carolKey[1]);
            assertThat(carol.post("/v1/sandbox/faucet", "{\"asset\":\"ETH\",\"amount\":\"1000\"}").status()).isEqualTo(200);
            final SignedHttp.Reply carolOrder = carol.post("/v1/orders",
                "{\"pair\":\"ETH-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"3500\",\"size\":\"2\"}");
            assertThat(carolOrder.data().path("status").asText()).as(carolOrder.toString()).isEqualTo("open");
            carolOrderId = carolOrder.data().path("id").asText();
            again.kill();
        }

        try (LauncherProcess third = LauncherProcess.start(data, "third", "--no-sim")) {
            final SignedHttp carol = new SignedHttp(third.baseUrl, carolKey[0], carolKey[1]);
            assertThat(carol.get("/v1/orders/" + carolOrderId).data().path("status").asText()).isEqualTo("open");
            assertThat(balance(carol, "ETH")).isEqualTo("1100");
            assertThat(carol.post("/v1/sandbox/faucet", "{\"asset\":\"ETH\",\"amount\":\"0.00000001\"}").errorCode())
                .isEqualTo("invalid_parameter");  // the cap (1000 ETH) was used up before the kill
            assertThat(third.stop()).isIn(0, 143);
        }
    }

    private static String balance(final SignedHttp client, final String asset) throws Exception {
        for (final JsonNode item : client.get("/v1/account/balances").data()) {
            if (item.path("asset").asText().equals(asset)) {
                final JsonNode spot = item.path("spot");
                return new java.math.BigDecimal(spot.path("available").asText())
                    .add(new java.math.BigDecimal(spot.path("hold").asText())).stripTrailingZeros().toPlainString();
            }
        }
        throw new AssertionError("no " + asset + " balance");
    }

    private static java.math.BigDecimal decimal(final JsonNode text) {
        return new java.math.BigDecimal(text.asText());
    }

    private static List<String> strings(final JsonNode array) {
        final List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static List<String> ids(final JsonNode orders) {
        final List<String> out = new ArrayList<>();
        orders.forEach(node -> out.add(node.path("id").asText()));
        return out;
    }
}
