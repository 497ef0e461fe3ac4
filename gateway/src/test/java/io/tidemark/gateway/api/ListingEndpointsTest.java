package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing an asset and a market at run time over real HTTP (API.md, "Operator (admin) API"): the asset
 * can be deposited at once, the market trades at once (REST book, ticker and trades, its
 * {@code orderbook:PAIR} channel), a second listing answers 409 {@code asset_exists} /
 * {@code market_exists}, bad fields 400 {@code invalid_parameter} with the field, changing nothing; both
 * are audited, and both come back after a restart, from a snapshot or from the journal alone.
 */
@Timeout(120)
class ListingEndpointsTest {
    private static final String SOL = "{\"asset\":\"SOL\",\"scale\":9}";
    private static final String SOL_USD = "{\"pair\":\"SOL-USD\",\"tick_size\":\"0.01\",\"lot_size\":\"0.01\","
        + "\"min_size\":\"0.01\",\"min_notional\":\"1\",\"maker_fee_bps\":10,\"taker_fee_bps\":25}";

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

    private void restart() throws IOException {
        server.close();
        server = TestServer.start(dir);
        admin = admin.at(server.baseUrl());
    }

    private void listSolUsd() {
        final Reply asset = admin.post("/v1/admin/assets", SOL);
        assertThat(asset.status()).as(asset.toString()).isEqualTo(200);
        final Reply market = admin.post("/v1/admin/markets", SOL_USD);
        assertThat(market.status()).as(market.toString()).isEqualTo(200);
    }

    private JsonNode publicGet(final String path) {
        final Reply reply = SignedClient.anonymous(server.baseUrl(), "GET", path, "");
        assertThat(reply.status()).as(path + ": " + reply).isEqualTo(200);
        return reply.data();
    }

    private List<String> pairs() {
        final List<String> pairs = new ArrayList<>();
        publicGet("/v1/markets").forEach(m -> pairs.add(m.path("pair").asText()));
        return pairs;
    }

    private String newAccount() {
        return admin.post("/v1/admin/accounts", "{}").data().path("account_id").asText();
    }

    private SignedClient keyFor(final String account) {
        final Reply key = admin.post("/v1/admin/accounts/" + account + "/keys", "{\"scopes\":[\"read\",\"trade\"]}");
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        return new SignedClient(server.baseUrl(), key.data().path("key").asText(), key.data().path("secret").asText(),
            Long.parseLong(account));
    }

    private Reply deposit(final String account, final String asset, final String amount, final String reference) {
        return admin.post("/v1/admin/deposits", "{\"account_id\":\"" + account + "\",\"asset\":\"" + asset
            + "\",\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}");
    }

    private static String spotAvailable(final SignedClient client, final String asset) {
        for (final JsonNode line : client.get("/v1/account/balances").data()) {
            if (line.path("asset").asText().equals(asset)) {
                return line.path("spot").path("available").asText();
            }
        }
        throw new AssertionError("no " + asset + " balance");
    }

    @Test
    void aListedAssetIsAnsweredAndCanBeDepositedAtOnce() {
        final Reply listed = admin.post("/v1/admin/assets", SOL);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.data().path("asset").asText()).isEqualTo("SOL");
        assertThat(listed.data().path("scale").asInt()).isEqualTo(9);

        final String account = newAccount();
        assertThat(deposit(account, "SOL", "25.5", "sol-1").status()).isEqualTo(200);
        assertThat(spotAvailable(keyFor(account), "SOL")).isEqualTo("25.500000000");
        final JsonNode solvency = admin.get("/v1/admin/solvency").data();
        final List<String> assets = new ArrayList<>();
        solvency.forEach(line -> assets.add(line.path("asset").asText()));
        assertThat(assets).contains("SOL");
    }

    @Test
    void aListedMarketTradesAtOnceOverRestAndItsOrderBookChannel() {
        final Reply asset = admin.post("/v1/admin/assets", SOL);
        assertThat(asset.status()).as(asset.toString()).isEqualTo(200);
        final Reply market = admin.post("/v1/admin/markets", SOL_USD);
        assertThat(market.status()).as(market.toString()).isEqualTo(200);
        assertThat(market.data().path("pair").asText()).isEqualTo("SOL-USD");
        assertThat(market.data().path("base").asText()).isEqualTo("SOL");
        assertThat(market.data().path("tick_size").asText()).isEqualTo("0.01");
        assertThat(market.data().path("taker_fee_bps").asInt()).isEqualTo(25);
        assertThat(pairs()).contains("SOL-USD");

        final String sellerAccount = newAccount();
        final String buyerAccount = newAccount();
        deposit(sellerAccount, "SOL", "10", "sol-seller");
        deposit(buyerAccount, "USD", "1000", "usd-buyer");
        final SignedClient seller = keyFor(sellerAccount);
        final SignedClient buyer = keyFor(buyerAccount);

        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.answer(ws.op("subscribe", "\"channels\":[\"orderbook:SOL-USD\"]"));
            final JsonNode snapshot = ws.until(m -> "snapshot".equals(m.path("type").asText()), 10_000);
            assertThat(snapshot.path("asks")).isEmpty();

            final Reply sell = seller.post("/v1/orders", "{\"pair\":\"SOL-USD\",\"side\":\"sell\",\"type\":\"limit\","
                + "\"price\":\"150\",\"size\":\"2\"}");
            assertThat(sell.status()).as(sell.toString()).isEqualTo(200);
            final JsonNode delta = ws.until(m -> "delta".equals(m.path("type").asText()), 10_000);
            assertThat(delta.path("channel").asText()).isEqualTo("orderbook:SOL-USD");
            assertThat(delta.path("asks").get(0).get(0).asText()).isEqualTo("150.00");
            assertThat(delta.path("asks").get(0).get(1).asText()).isEqualTo("2.00");

            final Reply buy = buyer.post("/v1/orders", "{\"pair\":\"SOL-USD\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"price\":\"150\",\"size\":\"0.5\"}");
            assertThat(buy.status()).as(buy.toString()).isEqualTo(200);
            assertThat(buy.data().path("status").asText()).isEqualTo("filled");
        }

        assertThat(publicGet("/v1/ticker/SOL-USD").path("last_price").asText()).isEqualTo("150.00");
        final JsonNode trades = publicGet("/v1/trades/SOL-USD");
        assertThat(trades).hasSize(1);
        assertThat(trades.get(0).path("size").asText()).isEqualTo("0.50");
        final JsonNode book = publicGet("/v1/orderbook/SOL-USD");
        assertThat(book.path("asks").get(0).get(0).asText()).isEqualTo("150.00");
        assertThat(book.path("asks").get(0).get(1).asText()).isEqualTo("1.50");
        assertThat(spotAvailable(buyer, "SOL")).isEqualTo("0.500000000");
        // 75 USD and the 25 bps taker fee of 0.1875 USD
        assertThat(spotAvailable(buyer, "USD")).isEqualTo("924.812500");
        // the market analytics learnt the pair with the rest: its taker flow counts the buy
        final JsonNode overview = publicGet("/v1/market/overview/SOL-USD");
        assertThat(overview.path("pair").asText()).isEqualTo("SOL-USD");
        assertThat(overview.path("taker_buy_volume_24h").asText()).isEqualTo("0.50");
    }

    @Test
    void aSecondListingOfAnAssetOrMarketIsAConflict() {
        listSolUsd();
        final Reply asset = admin.post("/v1/admin/assets", SOL);
        assertThat(asset.status()).isEqualTo(409);
        assertThat(asset.errorCode()).isEqualTo("asset_exists");
        final Reply configured = admin.post("/v1/admin/assets", "{\"asset\":\"BTC\",\"scale\":8}");
        assertThat(configured.status()).isEqualTo(409);
        assertThat(configured.errorCode()).isEqualTo("asset_exists");
        final Reply market = admin.post("/v1/admin/markets", SOL_USD);
        assertThat(market.status()).isEqualTo(409);
        assertThat(market.errorCode()).isEqualTo("market_exists");
        final Reply btcUsd = admin.post("/v1/admin/markets", "{\"pair\":\"BTC-USD\",\"tick_size\":\"1\","
            + "\"lot_size\":\"1\"}");
        assertThat(btcUsd.status()).isEqualTo(409);
        assertThat(btcUsd.errorCode()).isEqualTo("market_exists");
    }

    @Test
    void badFieldsAreRefusedWithTheFieldAndChangeNothing() {
        final List<String> before = pairs();
        assertInvalid(admin.post("/v1/admin/assets", "{\"asset\":\"sol\",\"scale\":9}"), "asset");
        assertInvalid(admin.post("/v1/admin/assets", "{\"asset\":\"SOL\",\"scale\":19}"), "scale");
        assertInvalid(admin.post("/v1/admin/assets", "{\"asset\":\"SOL\",\"scale\":\"9\"}"), "scale");
        assertInvalid(admin.post("/v1/admin/assets", "{\"asset\":\"SOL\"}"), "scale");
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"SOL-USD\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\"}"), "pair");
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"ETH-BTCX\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\"}"), "pair");
        // a tick of 1e-10 ETH × a lot of 0.0001 BTC is 1e-14 ETH: not exact at ETH's scale of 8
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"BTC-ETH\",\"tick_size\":\"0.0000000001\","
            + "\"lot_size\":\"0.0001\"}"), "tick_size");
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"BTC-ETH\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.000000001\"}"), "lot_size");
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"BTC-ETH\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\",\"min_size\":\"0.015\"}"), "min_size");
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"BTC-ETH\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\",\"maker_fee_bps\":30,\"taker_fee_bps\":20}"), "maker_fee_bps");
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"BTC-ETH\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\",\"base\":\"ETH\"}"), "base");
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"BTC-ETH\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\",\"status\":\"open\"}"), "status");
        assertInvalid(admin.post("/v1/admin/markets", "{\"pair\":\"BTC-ETH\",\"tick_size\":0.01,"
            + "\"lot_size\":\"0.01\"}"), "tick_size");
        assertThat(pairs()).isEqualTo(before);
        assertThat(admin.post("/v1/admin/markets", "{\"pair\":\"BTC-ETH\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\"}").status()).as("the refused attempts left nothing behind").isEqualTo(200);
    }

    private static void assertInvalid(final Reply reply, final String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_parameter");
        assertThat(reply.json().path("error").path("field").asText()).as(reply.toString()).isEqualTo(field);
    }

    @Test
    void bothListingsAreInTheAuditLog() {
        listSolUsd();
        final JsonNode audit = admin.get("/v1/admin/audit?limit=10").data();
        final List<String> actions = new ArrayList<>();
        audit.forEach(entry -> actions.add(entry.path("action").asText()));
        assertThat(actions).contains("list_asset", "list_market");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("list_market");
        assertThat(audit.get(0).path("params").path("pair").asText()).isEqualTo("SOL-USD");
    }

    @Test
    void listingsAndTheirTradingSurviveARestartFromASnapshot() throws Exception {
        listedMarketWithARestingSell();
        restart();
        assertRestoredWithTheRestingSell();
    }

    @Test
    void listingsAndTheirTradingSurviveARestartFromTheJournalAlone() throws Exception {
        listedMarketWithARestingSell();
        server.close();
        try (Stream<Path> files = Files.walk(dir.resolve("snapshots"))) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        server = TestServer.start(dir);
        admin = admin.at(server.baseUrl());
        assertThat(server.server().node().recovery().snapshot()).isNull();
        assertRestoredWithTheRestingSell();
    }

    private SignedClient seller;

    private void listedMarketWithARestingSell() {
        listSolUsd();
        final String account = newAccount();
        deposit(account, "SOL", "10", "sol-seller");
        seller = keyFor(account);
        assertThat(seller.post("/v1/orders", "{\"pair\":\"SOL-USD\",\"side\":\"sell\",\"type\":\"limit\","
            + "\"price\":\"150\",\"size\":\"2\"}").status()).isEqualTo(200);
    }

    private void assertRestoredWithTheRestingSell() {
        assertThat(pairs()).contains("SOL-USD");
        final JsonNode book = publicGet("/v1/orderbook/SOL-USD");
        assertThat(book.path("asks").get(0).get(0).asText()).isEqualTo("150.00");
        final SignedClient again = seller.at(server.baseUrl());
        assertThat(spotAvailable(again, "SOL")).isEqualTo("8.000000000");
        assertThat(admin.post("/v1/admin/assets", SOL).errorCode()).isEqualTo("asset_exists");
        assertThat(admin.post("/v1/admin/markets", SOL_USD).errorCode()).isEqualTo("market_exists");

        final String buyerAccount = newAccount();
        deposit(buyerAccount, "USD", "1000", "usd-buyer");
        final Reply buy = keyFor(buyerAccount).post("/v1/orders", "{\"pair\":\"SOL-USD\",\"side\":\"buy\","
            + "\"type\":\"limit\",\"price\":\"150\",\"size\":\"2\"}");
        assertThat(buy.status()).as(buy.toString()).isEqualTo(200);
        assertThat(buy.data().path("status").asText()).isEqualTo("filled");
        assertThat(publicGet("/v1/market/overview/SOL-USD").path("pair").asText()).isEqualTo("SOL-USD");
        final Reply solvency = admin.get("/v1/admin/solvency");
        solvency.data().forEach(line -> assertThat(line.path("difference").asText()).as(line.toString()).isEqualTo("0"));
    }
}
