package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.AdminKeyFile;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's routes over real HTTP against a real (server-mode) gateway, as API.md's "Operator
 * (admin) API" states them: the first admin key and its file, scopes refused both ways, accounts and
 * keys, deposits by reference, pending withdrawals completed and rejected, freezes, halts, solvency
 * and the audit log.
 */
@Timeout(120)
class AdminEndpointsTest {
    private static final String SELL = "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"63000\","
        + "\"size\":\"0.01\"}";
    private static final String BUY = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\","
        + "\"size\":\"0.01\"}";

    @TempDir
    Path dir;
    TestServer server;
    SignedClient admin;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
        final KeyStore.Created created = server.server().adminKeyCreated().orElseThrow();
        admin = new SignedClient(server.baseUrl(), created.key().id(), created.secret(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String newAccount() {
        final Reply created = admin.post("/v1/admin/accounts", "{\"label\":\"alice\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.data().path("account_id").asText();
    }

    private SignedClient keyFor(final String account, final String scopes) {
        final Reply key = admin.post("/v1/admin/accounts/" + account + "/keys", "{\"scopes\":" + scopes + "}");
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        return new SignedClient(server.baseUrl(), key.data().path("key").asText(), key.data().path("secret").asText(),
            Long.parseLong(account));
    }

    private Reply deposit(final String account, final String asset, final String amount, final String reference) {
        return admin.post("/v1/admin/deposits", "{\"account_id\":\"" + account + "\",\"asset\":\"" + asset
            + "\",\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}");
    }

    private static JsonNode spot(final SignedClient client, final String asset) {
        for (final JsonNode line : client.get("/v1/account/balances").data()) {
            if (line.path("asset").asText().equals(asset)) {
                return line.path("spot");
            }
        }
        throw new AssertionError("no " + asset + " balance");
    }

    private JsonNode solvencyOf(final String asset) {
        final Reply solvency = admin.get("/v1/admin/solvency");
        assertThat(solvency.status()).as(solvency.toString()).isEqualTo(200);
        for (final JsonNode line : solvency.data()) {
            if (line.path("asset").asText().equals(asset)) {
                return line;
            }
        }
        throw new AssertionError("no solvency line for " + asset);
    }

    @Test
    void aFreshDataDirectoryKeepsItsFirstAdminKeyInAnOwnerOnlyFile() throws Exception {
        final Path file = dir.resolve(AdminKeyFile.NAME);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        final JsonNode kept = Json.MAPPER.readTree(file.toFile());
        assertThat(kept.path("key").asText()).isEqualTo(admin.keyId());
        assertThat(kept.path("secret").asText()).isEqualTo(admin.secret());
        assertThat(admin.get("/v1/admin/solvency").status()).isEqualTo(200);
    }

    @Test
    void aRestartOnTheSameDataDirectoryCreatesNoSecondAdminKey() throws Exception {
        server.close();
        server = TestServer.start(dir);
        assertThat(server.server().adminKeyCreated()).isEmpty();
        final SignedClient same = admin.at(server.baseUrl());
        assertThat(same.get("/v1/admin/solvency").status()).isEqualTo(200);
    }

    @Test
    void anAccountKeyIsRefusedOnAdminRoutes() {
        final SignedClient trader = server.account(Set.of(Scope.READ, Scope.TRADE, Scope.WITHDRAW), List.of(),
            Tier.MARKET_MAKER, "USD", "100");
        final Reply refused = trader.post("/v1/admin/accounts", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("insufficient_scope");
        assertThat(trader.get("/v1/admin/solvency").errorCode()).isEqualTo("insufficient_scope");
    }

    @Test
    void anAdminKeyIsRefusedOnAccountRoutes() {
        final Reply balances = admin.get("/v1/account/balances");
        assertThat(balances.status()).isEqualTo(403);
        assertThat(balances.errorCode()).isEqualTo("insufficient_scope");
        assertThat(admin.post("/v1/orders", SELL).errorCode()).isEqualTo("insufficient_scope");
    }

    @Test
    void anAccountCreatedWithAKeyAndADepositTrades() {
        final String account = newAccount();
        final SignedClient alice = keyFor(account, "[\"read\",\"trade\"]");
        final Reply credited = deposit(account, "BTC", "1.5", "dep-1");
        assertThat(credited.status()).as(credited.toString()).isEqualTo(200);
        assertThat(credited.data().path("account_id").asText()).isEqualTo(account);
        assertThat(new BigDecimal(spot(alice, "BTC").path("available").asText())).isEqualByComparingTo("1.50000000");
        final Reply placed = alice.post("/v1/orders", SELL);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(placed.data().path("status").asText()).isEqualTo("open");
    }

    @Test
    void aKeyGetsTheScopesTierAndAllowlistAsked() {
        final String account = newAccount();
        final Reply key = admin.post("/v1/admin/accounts/" + account + "/keys",
            "{\"scopes\":[\"read\"],\"tier\":\"verified\",\"ip_allowlist\":[\"127.0.0.1/32\"],\"drift_ms\":10000}");
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        assertThat(key.data().path("scopes").toString()).isEqualTo("[\"read\"]");
        assertThat(key.data().path("tier").asText()).isEqualTo("verified");
        assertThat(key.data().path("drift_ms").asLong()).isEqualTo(10_000);
        final SignedClient reader = new SignedClient(server.baseUrl(), key.data().path("key").asText(),
            key.data().path("secret").asText(), Long.parseLong(account));
        assertThat(reader.get("/v1/account/balances").status()).isEqualTo(200);
        assertThat(reader.post("/v1/orders", SELL).errorCode()).isEqualTo("insufficient_scope");
    }

    @Test
    void anAdminScopeCannotBeGivenToAnAccountKey() {
        final String account = newAccount();
        final Reply refused = admin.post("/v1/admin/accounts/" + account + "/keys", "{\"scopes\":[\"admin\"]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_parameter");
        assertThat(refused.json().path("error").path("field").asText()).isEqualTo("scopes");
    }

    @Test
    void aKeyWithAnAllowlistEntryThatIsNoCidrIsRefused() {
        final String account = newAccount();
        final Reply refused = admin.post("/v1/admin/accounts/" + account + "/keys", "{\"ip_allowlist\":[\"not-a-cidr\"]}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_parameter");
        assertThat(refused.json().path("error").path("field").asText()).isEqualTo("ip_allowlist");
    }

    @Test
    void anUnknownAccountIsNotFound() {
        final Reply key = admin.post("/v1/admin/accounts/999999/keys", "");
        assertThat(key.status()).isEqualTo(404);
        assertThat(key.errorCode()).isEqualTo("unknown_account");
        assertThat(deposit("999999", "USD", "1", "r-x").errorCode()).isEqualTo("unknown_account");
        assertThat(admin.post("/v1/admin/accounts/999999/freeze", "").errorCode()).isEqualTo("unknown_account");
    }

    @Test
    void aDepositRetriedWithItsReferenceCreditsOnce() {
        final String account = newAccount();
        final SignedClient alice = keyFor(account, "[\"read\"]");
        final Reply first = deposit(account, "USD", "250", "wire-77");
        final Reply again = deposit(account, "USD", "250", "wire-77");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.data().path("id").asText()).isEqualTo(first.data().path("id").asText());
        assertThat(new BigDecimal(spot(alice, "USD").path("available").asText())).isEqualByComparingTo("250.00");
        assertThat(new BigDecimal(solvencyOf("USD").path("deposits").asText())).isEqualByComparingTo("250.00");
    }

    @Test
    void aReferenceReusedWithOtherFieldsIsAConflictAndCreditsNothing() {
        final String account = newAccount();
        final SignedClient alice = keyFor(account, "[\"read\"]");
        deposit(account, "USD", "250", "wire-78");
        final Reply conflict = deposit(account, "USD", "300", "wire-78");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("deposit_conflict");
        assertThat(new BigDecimal(spot(alice, "USD").path("available").asText())).isEqualByComparingTo("250.00");
    }

    @Test
    void aWithdrawalIsPendingWithItsFundsHeldUntilCompleted() {
        final String account = newAccount();
        final SignedClient alice = keyFor(account, "[\"read\",\"withdraw\"]");
        deposit(account, "USD", "1000", "d-1");
        final Reply requested = alice.post("/v1/account/withdrawals",
            "{\"asset\":\"USD\",\"amount\":\"400\",\"address\":\"bank-de-1\"}");
        assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
        assertThat(requested.data().path("status").asText()).isEqualTo("pending");
        assertThat(requested.data().path("created_at").asText()).endsWith("Z");
        final String id = requested.data().path("id").asText();
        assertThat(new BigDecimal(spot(alice, "USD").path("available").asText())).isEqualByComparingTo("600.00");
        assertThat(new BigDecimal(spot(alice, "USD").path("hold").asText())).isEqualByComparingTo("400.00");

        final Reply pending = admin.get("/v1/admin/withdrawals?status=pending");
        assertThat(pending.data()).hasSize(1);
        assertThat(pending.data().get(0).path("id").asText()).isEqualTo(id);
        assertThat(pending.data().get(0).path("address").asText()).isEqualTo("bank-de-1");

        final Reply completed = admin.post("/v1/admin/withdrawals/" + id + "/complete", "");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.data().path("status").asText()).isEqualTo("completed");
        assertThat(new BigDecimal(spot(alice, "USD").path("available").asText())).isEqualByComparingTo("600.00");
        assertThat(new BigDecimal(spot(alice, "USD").path("hold").asText())).isEqualByComparingTo("0.00");
        assertThat(admin.get("/v1/admin/withdrawals?status=pending").data()).isEmpty();
        final JsonNode usd = solvencyOf("USD");
        assertThat(new BigDecimal(usd.path("withdrawals").asText())).isEqualByComparingTo("400.00");
        assertThat(usd.path("difference").asText()).isEqualTo("0");
    }

    @Test
    void aRejectedWithdrawalGivesTheFundsBack() {
        final String account = newAccount();
        final SignedClient alice = keyFor(account, "[\"read\",\"withdraw\"]");
        deposit(account, "USD", "1000", "d-2");
        final String id = alice.post("/v1/account/withdrawals",
            "{\"asset\":\"USD\",\"amount\":\"400\",\"address\":\"bank-de-2\"}").data().path("id").asText();
        final Reply rejected = admin.post("/v1/admin/withdrawals/" + id + "/reject", "");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.data().path("status").asText()).isEqualTo("rejected");
        assertThat(new BigDecimal(spot(alice, "USD").path("available").asText())).isEqualByComparingTo("1000.00");
        assertThat(new BigDecimal(spot(alice, "USD").path("hold").asText())).isEqualByComparingTo("0.00");
        final Reply late = admin.post("/v1/admin/withdrawals/" + id + "/complete", "");
        assertThat(late.status()).isEqualTo(400);
        assertThat(new BigDecimal(solvencyOf("USD").path("withdrawals").asText())).isEqualByComparingTo("0.00");
    }

    @Test
    void anUnknownWithdrawalIsNotFound() {
        final Reply missing = admin.post("/v1/admin/withdrawals/424242/complete", "");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found");
    }

    @Test
    void aFrozenAccountCannotOrderOrWithdrawButCanCancel() {
        final String account = newAccount();
        final SignedClient alice = keyFor(account, "[\"read\",\"trade\",\"withdraw\"]");
        deposit(account, "BTC", "1", "d-3");
        final String resting = alice.post("/v1/orders", SELL).data().path("id").asText();
        final Reply frozen = admin.post("/v1/admin/accounts/" + account + "/freeze", "{\"cancel_orders\":false}");
        assertThat(frozen.status()).as(frozen.toString()).isEqualTo(200);
        assertThat(frozen.data().path("frozen").asBoolean()).isTrue();

        final Reply order = alice.post("/v1/orders", SELL);
        assertThat(order.status()).isEqualTo(403);
        assertThat(order.errorCode()).isEqualTo("account_frozen");
        final Reply withdrawal = alice.post("/v1/account/withdrawals",
            "{\"asset\":\"BTC\",\"amount\":\"0.1\",\"address\":\"a-1\"}");
        assertThat(withdrawal.status()).isEqualTo(403);
        assertThat(withdrawal.errorCode()).isEqualTo("account_frozen");
        final Reply cancel = alice.post("/v1/orders/" + resting + "/cancel", "");
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.data().path("status").asText()).isEqualTo("cancelled");

        assertThat(admin.post("/v1/admin/accounts/" + account + "/unfreeze", "").status()).isEqualTo(200);
        assertThat(alice.post("/v1/orders", SELL).status()).isEqualTo(200);
    }

    @Test
    void aFreezeThatCancelsOrdersLeavesNoneOpen() {
        final String account = newAccount();
        final SignedClient alice = keyFor(account, "[\"read\",\"trade\"]");
        deposit(account, "BTC", "1", "d-4");
        alice.post("/v1/orders", SELL);
        alice.post("/v1/orders", SELL);
        final Reply frozen = admin.post("/v1/admin/accounts/" + account + "/freeze", "{\"cancel_orders\":true}");
        assertThat(frozen.data().path("cancelled_orders").asInt()).isEqualTo(2);
        assertThat(alice.get("/v1/orders?status=open").data()).isEmpty();
        assertThat(new BigDecimal(spot(alice, "BTC").path("hold").asText())).isEqualByComparingTo("0.00000000");
    }

    @Test
    void aHaltedMarketRefusesNewOrdersButCancelsWork() {
        final String account = newAccount();
        final SignedClient alice = keyFor(account, "[\"read\",\"trade\"]");
        deposit(account, "BTC", "1", "d-5");
        final String resting = alice.post("/v1/orders", SELL).data().path("id").asText();
        final Reply halted = admin.post("/v1/admin/markets/BTC-USD/halt", "");
        assertThat(halted.status()).as(halted.toString()).isEqualTo(200);
        assertThat(halted.data().path("status").asText()).isEqualTo("halted");
        assertThat(SignedClient.anonymous(server.baseUrl(), "GET", "/v1/markets", "").data().get(0)
            .path("status").asText()).isEqualTo("halted");
        final Reply refused = alice.post("/v1/orders", SELL);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("market_halted");
        assertThat(alice.post("/v1/orders/" + resting + "/cancel", "").status()).isEqualTo(200);

        final Reply resumed = admin.post("/v1/admin/markets/BTC-USD/resume", "");
        assertThat(resumed.data().path("status").asText()).isEqualTo("trading");
        assertThat(alice.post("/v1/orders", SELL).status()).isEqualTo(200);
        assertThat(admin.post("/v1/admin/markets/NOPE-USD/halt", "").errorCode()).isEqualTo("unknown_pair");
    }

    @Test
    void aFeeChangeShowsInTheMarketListAndAppliesToOrdersPlacedAfterIt() {
        final String a = newAccount();
        final String b = newAccount();
        final SignedClient seller = keyFor(a, "[\"read\",\"trade\"]");
        final SignedClient buyer = keyFor(b, "[\"read\",\"trade\"]");
        deposit(a, "BTC", "1", "f-1");
        deposit(b, "USD", "100000", "f-2");
        final Reply changed = admin.post("/v1/admin/markets/BTC-USD/fees", "{\"maker_fee_bps\":0,\"taker_fee_bps\":50}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.data().path("taker_fee_bps").asInt()).isEqualTo(50);
        final JsonNode listed = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/markets", "").data().get(0);
        assertThat(listed.path("pair").asText()).isEqualTo("BTC-USD");
        assertThat(listed.path("maker_fee_bps").asInt()).isZero();
        assertThat(listed.path("taker_fee_bps").asInt()).isEqualTo(50);

        seller.post("/v1/orders", SELL);
        final Reply bought = buyer.post("/v1/orders", BUY);
        // 0.01 BTC at 63,000: value 630 USD, taker 50 bps = 3.15 USD; the maker pays nothing
        assertThat(new BigDecimal(bought.data().path("fees").asText())).isEqualByComparingTo("3.15");
        assertThat(new BigDecimal(seller.get("/v1/fills").data().get(0).path("fee").asText())).isZero();
        assertThat(solvencyOf("USD").path("difference").asText()).isEqualTo("0");
    }

    @Test
    void feesOutOfRangeOrAMakerAboveTheTakerAreRefusedWithTheirField() {
        final Reply inverted = admin.post("/v1/admin/markets/BTC-USD/fees", "{\"maker_fee_bps\":30,\"taker_fee_bps\":20}");
        assertThat(inverted.status()).isEqualTo(400);
        assertThat(inverted.errorCode()).isEqualTo("invalid_parameter");
        assertThat(inverted.json().path("error").path("field").asText()).isEqualTo("maker_fee_bps");
        final Reply tooHigh = admin.post("/v1/admin/markets/BTC-USD/fees", "{\"maker_fee_bps\":0,\"taker_fee_bps\":1001}");
        assertThat(tooHigh.json().path("error").path("field").asText()).isEqualTo("taker_fee_bps");
        assertThat(admin.post("/v1/admin/markets/BTC-USD/fees", "{\"maker_fee_bps\":1}").errorCode())
            .isEqualTo("invalid_parameter");
        assertThat(admin.post("/v1/admin/markets/NOPE-USD/fees", "{\"maker_fee_bps\":1,\"taker_fee_bps\":2}")
            .errorCode()).isEqualTo("unknown_pair");
        final JsonNode listed = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/markets", "").data().get(0);
        assertThat(listed.path("taker_fee_bps").asInt()).isEqualTo(server.server().config().market(0).takerFeeBps());
    }

    @Test
    void solvencyBalancesToZeroAfterTradingWithFees() {
        final String a = newAccount();
        final String b = newAccount();
        final SignedClient seller = keyFor(a, "[\"read\",\"trade\"]");
        final SignedClient buyer = keyFor(b, "[\"read\",\"trade\",\"withdraw\"]");
        deposit(a, "BTC", "1", "s-1");
        deposit(b, "USD", "100000", "s-2");
        seller.post("/v1/orders", SELL);
        assertThat(buyer.post("/v1/orders", BUY).data().path("status").asText()).isEqualTo("filled");
        buyer.post("/v1/account/withdrawals", "{\"asset\":\"BTC\",\"amount\":\"0.005\",\"address\":\"x\"}");
        final JsonNode usd = solvencyOf("USD");
        assertThat(new BigDecimal(usd.path("deposits").asText())).isEqualByComparingTo("100000.00");
        assertThat(new BigDecimal(usd.path("fees").asText())).isPositive();
        assertThat(usd.path("difference").asText()).isEqualTo("0");
        assertThat(solvencyOf("BTC").path("difference").asText()).isEqualTo("0");
    }

    @Test
    void theAuditLogListsEachActionNewestFirstWithItsKeyParamsAndResult() {
        final String account = newAccount();
        deposit(account, "USD", "10", "audit-1");
        deposit(account, "USD", "11", "audit-1");
        final Reply audit = admin.get("/v1/admin/audit?limit=2");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        final JsonNode newest = audit.data().get(0);
        assertThat(newest.path("action").asText()).isEqualTo("deposit");
        assertThat(newest.path("key").asText()).isEqualTo(admin.keyId());
        assertThat(newest.path("params").path("amount").asText()).isEqualTo("11");
        assertThat(newest.path("result").path("status").asInt()).isEqualTo(409);
        assertThat(newest.path("time").asText()).endsWith("Z");
        assertThat(audit.data().get(1).path("result").path("status").asInt()).isEqualTo(200);
        final String cursor = audit.json().path("next_cursor").asText();
        final Reply older = admin.get("/v1/admin/audit?before=" + cursor);
        assertThat(older.data()).hasSize(1);
        assertThat(older.data().get(0).path("action").asText()).isEqualTo("create_account");
        assertThat(older.json().path("next_cursor").isNull()).isTrue();
    }

    @Test
    void theAuditLogNeverKeepsAKeysSecret() {
        final String account = newAccount();
        final String secret = admin.post("/v1/admin/accounts/" + account + "/keys", "").data().path("secret").asText();
        final Reply audit = admin.get("/v1/admin/audit");
        assertThat(audit.json().toString()).doesNotContain(secret);
        assertThat(audit.data().get(0).path("action").asText()).isEqualTo("create_key");
    }
}
