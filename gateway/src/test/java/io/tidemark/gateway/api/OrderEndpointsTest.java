package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The private endpoints of API.md, each happy path and the errors that apply to it, on a real server. */
@Timeout(60)
class OrderEndpointsTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String limit(final String side, final String price, final String size) {
        return "{\"pair\":\"BTC-USD\",\"side\":\"" + side + "\",\"type\":\"limit\",\"price\":\"" + price + "\",\"size\":\"" + size + "\"}";
    }

    static String usdSpot(final SignedClient client, final String field) {
        for (final JsonNode balance : client.get("/v1/account/balances").data()) {
            if (balance.path("asset").asText().equals("USD")) {
                return balance.path("spot").path(field).asText();
            }
        }
        throw new AssertionError("no USD balance");
    }

    @Test
    void aPlacedLimitOrderRestsHoldsFundsAndIsReadBack() {
        final SignedClient bot = server.account("USD", "100000");
        final Reply placed = bot.post("/v1/orders", limit("buy", "63000", "0.01"));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        final JsonNode order = placed.data();
        assertThat(order.path("status").asText()).isEqualTo("open");
        assertThat(order.path("price").asText()).isEqualTo("63000.00");
        assertThat(order.path("size").asText()).isEqualTo("0.0100");
        assertThat(order.path("filled_size").asText()).isEqualTo("0.0000");
        assertThat(order.path("avg_fill_price").isNull()).isTrue();
        assertThat(order.path("id").asText()).matches("[0-9]+");
        assertThat(order.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        // 630 USD + 20 bps taker fee held
        assertThat(usdSpot(bot, "hold")).isEqualTo("631.260000");
        final Reply read = bot.get("/v1/orders/" + order.path("id").asText());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().path("remaining_size").asText()).isEqualTo("0.0100");
        assertThat(read.header("RateLimit-Limit")).isEqualTo("1200");
        assertThat(read.header("RateLimit-Policy")).isEqualTo("1200;w=60");
    }

    @Test
    void anotherAccountsOrderIsNotFound() {
        final SignedClient owner = server.account("USD", "100000");
        final SignedClient other = server.account("USD", "100000");
        final String id = owner.post("/v1/orders", limit("buy", "60000", "0.01")).data().path("id").asText();
        assertThat(other.get("/v1/orders/" + id).errorCode()).isEqualTo("order_not_found");
        assertThat(other.post("/v1/orders/" + id + "/cancel", "").errorCode()).isEqualTo("order_not_found");
        assertThat(owner.get("/v1/orders/" + id).data().path("status").asText()).isEqualTo("open");
        assertThat(other.get("/v1/orders/999999999").status()).isEqualTo(404);
        assertThat(other.get("/v1/orders/abc").errorCode()).isEqualTo("order_not_found");
    }

    @Test
    void aTakerFillsAgainstAMakerAndBothSeeTheirFills() {
        final SignedClient maker = server.account("BTC", "1");
        final SignedClient taker = server.account("USD", "100000");
        final String makerId = maker.post("/v1/orders", limit("sell", "64000", "0.5")).data().path("id").asText();
        final Reply ioc = taker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\","
            + "\"price\":\"64000\",\"size\":\"0.1\",\"time_in_force\":\"ioc\"}");
        assertThat(ioc.status()).as(ioc.toString()).isEqualTo(200);
        assertThat(ioc.data().path("status").asText()).isEqualTo("filled");
        assertThat(ioc.data().path("avg_fill_price").asText()).isEqualTo("64000.00");
        assertThat(ioc.data().path("fees").asText()).isEqualTo("12.800000");
        assertThat(maker.get("/v1/orders/" + makerId).data().path("status").asText()).isEqualTo("partially_filled");
        final JsonNode takerFill = taker.get("/v1/fills").data().get(0);
        assertThat(takerFill.path("liquidity").asText()).isEqualTo("taker");
        assertThat(takerFill.path("size").asText()).isEqualTo("0.1000");
        assertThat(takerFill.path("fee_asset").asText()).isEqualTo("USD");
        final JsonNode makerFill = maker.get("/v1/fills?pair=BTC-USD").data().get(0);
        assertThat(makerFill.path("liquidity").asText()).isEqualTo("maker");
        assertThat(makerFill.path("trade_id").asText()).isEqualTo(takerFill.path("trade_id").asText());
        assertThat(makerFill.path("fee").asText()).isEqualTo("6.400000");
        maker.post("/v1/orders/" + makerId + "/cancel", "");
    }

    @Test
    void aMarketBuyByFundsSpendsAtMostTheFunds() {
        final SignedClient taker = server.account("USD", "100000");
        final SignedClient ethMaker = server.account("ETH", "10");
        ethMaker.post("/v1/orders", "{\"pair\":\"ETH-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"3000\",\"size\":\"2\"}");
        final Reply market = taker.post("/v1/orders",
            "{\"pair\":\"ETH-USD\",\"side\":\"buy\",\"type\":\"market\",\"funds\":\"1500\"}");
        assertThat(market.status()).as(market.toString()).isEqualTo(200);
        assertThat(market.data().path("funds").asText()).isEqualTo("1500.000000");
        assertThat(new java.math.BigDecimal(market.data().path("filled_value").asText())
            .add(new java.math.BigDecimal(market.data().path("fees").asText())))
            .isLessThanOrEqualTo(new java.math.BigDecimal("1500"));
        ethMaker.post("/v1/orders/cancel-all", "");
    }

    @Test
    void cancelIsIdempotentAndReleasesTheHold() {
        final SignedClient bot = server.account("USD", "100000");
        final String id = bot.post("/v1/orders", limit("buy", "50000", "0.02")).data().path("id").asText();
        final Reply first = bot.post("/v1/orders/" + id + "/cancel", "");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().path("status").asText()).isEqualTo("cancelled");
        assertThat(first.data().path("cancel_reason").asText()).isEqualTo("user");
        final Reply second = bot.post("/v1/orders/" + id + "/cancel", "");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.data().path("status").asText()).isEqualTo("cancelled");
        assertThat(usdSpot(bot, "hold")).isEqualTo("0.000000");
        assertThat(usdSpot(bot, "available")).isEqualTo("100000.000000");
    }

    @Test
    void ordersAreFoundAndCancelledByClientOrderId() {
        final SignedClient bot = server.account("USD", "100000");
        final Reply placed = bot.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\","
            + "\"price\":\"50000\",\"size\":\"0.01\",\"client_order_id\":\"bot-42-0001\"}");
        assertThat(placed.data().path("client_order_id").asText()).isEqualTo("bot-42-0001");
        final Reply found = bot.get("/v1/orders/by-client-id/bot-42-0001");
        assertThat(found.data().path("id").asText()).isEqualTo(placed.data().path("id").asText());
        final Reply cancelled = bot.post("/v1/orders/by-client-id/bot-42-0001/cancel", "");
        assertThat(cancelled.data().path("status").asText()).isEqualTo("cancelled");
        assertThat(bot.post("/v1/orders/by-client-id/bot-42-0001/cancel", "").data().path("status").asText())
            .isEqualTo("cancelled");
        assertThat(bot.get("/v1/orders/by-client-id/nope").errorCode()).isEqualTo("order_not_found");
        assertThat(bot.post("/v1/orders/by-client-id/nope/cancel", "").errorCode()).isEqualTo("order_not_found");
    }

    @Test
    void aReplayedClientOrderIdReturnsTheOrderAndAConflictIs409() {
        final SignedClient bot = server.account("USD", "100000");
        final String body = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"50000\",\"size\":\"0.01\","
            + "\"client_order_id\":\"retry-1\"}";
        final Reply first = bot.post("/v1/orders", body);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        final Reply again = bot.post("/v1/orders", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.data().path("id").asText()).isEqualTo(first.data().path("id").asText());
        final Reply conflict = bot.post("/v1/orders", body.replace("0.01", "0.02"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("client_order_id_conflict");
        assertThat(bot.get("/v1/orders").data()).hasSize(1);
    }

    @Test
    void cancelAllCancelsEveryOpenOrderOrOnePair() {
        final SignedClient bot = server.account("USD", "100000");
        final List<String> btc = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            btc.add(bot.post("/v1/orders", limit("buy", Integer.toString(50000 + i), "0.01")).data().path("id").asText());
        }
        final String eth = bot.post("/v1/orders",
            "{\"pair\":\"ETH-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"2000\",\"size\":\"0.1\"}").data().path("id").asText();
        final Reply onePair = bot.post("/v1/orders/cancel-all", "{\"pair\":\"BTC-USD\"}");
        assertThat(onePair.status()).as(onePair.toString()).isEqualTo(200);
        final Set<String> ids = new HashSet<>();
        onePair.data().path("cancelled_order_ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(btc);
        assertThat(bot.get("/v1/orders/" + eth).data().path("status").asText()).isEqualTo("open");
        final Reply all = bot.post("/v1/orders/cancel-all", "");
        assertThat(all.data().path("count").asInt()).isEqualTo(1);
        assertThat(bot.get("/v1/orders?status=open").data()).isEmpty();
        assertThat(bot.post("/v1/orders/cancel-all", "{\"pair\":\"DOGE-USD\"}").errorCode()).isEqualTo("unknown_pair");
    }

    @Test
    void amendDownKeepsTheOrderAndAPriceChangeMovesIt() {
        final SignedClient bot = server.account("USD", "100000");
        final String id = bot.post("/v1/orders", limit("buy", "50000", "0.10")).data().path("id").asText();
        final Reply smaller = bot.post("/v1/orders/" + id + "/amend", "{\"size\":\"0.05\"}");
        assertThat(smaller.status()).as(smaller.toString()).isEqualTo(200);
        assertThat(smaller.data().path("size").asText()).isEqualTo("0.0500");
        final Reply moved = bot.post("/v1/orders/" + id + "/amend", "{\"price\":\"50100.50\"}");
        assertThat(moved.data().path("price").asText()).isEqualTo("50100.50");
        assertThat(bot.post("/v1/orders/" + id + "/amend", "{\"price\":\"50100.505\"}").errorCode()).isEqualTo("invalid_price");
        assertThat(bot.post("/v1/orders/" + id + "/amend", "{}").errorCode()).isEqualTo("invalid_parameter");
        assertThat(bot.post("/v1/orders/999999/amend", "{\"size\":\"0.01\"}").errorCode()).isEqualTo("order_not_found");
        bot.post("/v1/orders/" + id + "/cancel", "");
    }

    @Test
    void listingPagesWithAnOpaqueCursorNewestFirst() {
        final SignedClient bot = server.account("USD", "100000");
        final List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(bot.post("/v1/orders", limit("buy", Integer.toString(40000 + i), "0.01")).data().path("id").asText());
        }
        final List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            final Reply page = bot.get("/v1/orders?status=open&limit=2" + (cursor == null ? "" : "&before=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.data().forEach(order -> seen.add(order.path("id").asText()));
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(placed);
        assertThat(seen).containsExactlyElementsOf(placed);
        assertThat(bot.get("/v1/orders?before=garbage").errorCode()).isEqualTo("invalid_parameter");
        assertThat(bot.get("/v1/orders?status=weird").errorCode()).isEqualTo("invalid_parameter");
        assertThat(bot.get("/v1/orders?limit=0").errorCode()).isEqualTo("invalid_parameter");
        assertThat(bot.get("/v1/orders?limit=1001").errorCode()).isEqualTo("invalid_parameter");
        assertThat(bot.get("/v1/orders?pair=NOPE").errorCode()).isEqualTo("unknown_pair");
        assertThat(bot.get("/v1/orders?colour=red").errorCode()).isEqualTo("invalid_parameter");
        bot.post("/v1/orders/cancel-all", "");
    }

    @Test
    void anUnfundedOrderIsRefusedAndChangesNothing() {
        final SignedClient poor = server.account("USD", "10");
        final Reply reply = poor.post("/v1/orders", limit("buy", "63000", "0.01"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("insufficient_funds");
        assertThat(usdSpot(poor, "available")).isEqualTo("10.000000");
        assertThat(poor.get("/v1/orders").data()).isEmpty();
    }

    @Test
    void balancesShowEveryAssetAndWallet() {
        final SignedClient bot = server.account("USD", "250.5", "BTC", "0.25");
        final Reply reply = bot.get("/v1/account/balances");
        assertThat(reply.data()).hasSize(3);
        for (final JsonNode balance : reply.data()) {
            assertThat(balance.has("spot") && balance.has("margin") && balance.has("earn")).isTrue();
            if (balance.path("asset").asText().equals("BTC")) {
                assertThat(balance.path("spot").path("available").asText()).isEqualTo("0.25000000");
            }
        }
    }

    @Test
    void transfersMoveFundsBetweenWalletsAndOnlySpotTrades() {
        final SignedClient bot = server.account("USD", "1000");
        final Reply moved = bot.post("/v1/account/transfers", "{\"asset\":\"USD\",\"amount\":\"400\",\"from\":\"spot\",\"to\":\"earn\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.data().path("to").asText()).isEqualTo("earn");
        assertThat(usdSpot(bot, "available")).isEqualTo("600.000000");
        assertThat(bot.post("/v1/orders", limit("buy", "63000", "0.01")).errorCode()).isEqualTo("insufficient_funds");
        assertThat(bot.post("/v1/account/transfers", "{\"asset\":\"USD\",\"amount\":\"401\",\"from\":\"earn\",\"to\":\"spot\"}")
            .errorCode()).isEqualTo("insufficient_funds");
        assertThat(bot.post("/v1/account/transfers", "{\"asset\":\"USD\",\"amount\":\"1\",\"from\":\"spot\",\"to\":\"spot\"}")
            .errorCode()).isEqualTo("invalid_parameter");
        assertThat(bot.post("/v1/account/transfers", "{\"asset\":\"USD\",\"amount\":\"1\",\"from\":\"spot\",\"to\":\"vault\"}")
            .errorCode()).isEqualTo("invalid_parameter");
        assertThat(bot.post("/v1/account/transfers", "{\"asset\":\"USD\",\"amount\":\"0.0000001\",\"from\":\"spot\",\"to\":\"earn\"}")
            .errorCode()).isEqualTo("invalid_size");
    }

    @Test
    void withdrawalsNeedTheWithdrawScopeAndWaitForTheOperator() {
        final SignedClient bot = server.account(Set.of(Scope.READ, Scope.TRADE, Scope.WITHDRAW), List.of(), Tier.RETAIL,
            "BTC", "1");
        final Reply reply = bot.post("/v1/account/withdrawals", "{\"asset\":\"BTC\",\"amount\":\"0.4\",\"address\":\"bc1qexample\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        // a real exchange (not the sandbox): pending, its funds held, until an operator settles it
        assertThat(reply.data().path("status").asText()).isEqualTo("pending");
        assertThat(reply.data().path("amount").asText()).isEqualTo("0.40000000");
        assertThat(bot.post("/v1/account/withdrawals", "{\"asset\":\"BTC\",\"amount\":\"0.7\",\"address\":\"bc1qexample\"}")
            .errorCode()).isEqualTo("insufficient_funds");
        assertThat(bot.post("/v1/account/withdrawals", "{\"asset\":\"BTC\",\"amount\":\"0.1\",\"address\":\"\"}")
            .errorCode()).isEqualTo("invalid_parameter");
        assertThat(bot.post("/v1/account/withdrawals", "{\"asset\":\"XRP\",\"amount\":\"0.1\",\"address\":\"a\"}")
            .errorCode()).isEqualTo("invalid_parameter");
    }

    @Test
    void stopOrdersWaitForTheirTrigger() {
        final SignedClient bot = server.account("BTC", "1");
        final Reply stop = bot.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"stop\","
            + "\"stop_price\":\"10000\",\"size\":\"0.1\"}");
        assertThat(stop.status()).as(stop.toString()).isEqualTo(200);
        assertThat(stop.data().path("status").asText()).isEqualTo("pending_trigger");
        assertThat(stop.data().path("stop_price").asText()).isEqualTo("10000.00");
        assertThat(bot.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"stop\",\"size\":\"0.1\"}")
            .errorCode()).isEqualTo("invalid_price");
        bot.post("/v1/orders/cancel-all", "");
    }
}
