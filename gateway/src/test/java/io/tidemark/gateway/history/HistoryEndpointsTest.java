package io.tidemark.gateway.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.history.HistoryConfig;
import io.tidemark.history.testkit.StoreTargets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's whole history over REST, far past what the account views keep (1,000 closed orders and
 * fills): 3,000 orders and 1,500 fills on one market-maker account. Every page of orders and fills, the
 * replay of the first client id, get and cancel of the first order, and a ledger that sums to the
 * balances; the same after a restart, and after the store is deleted and rebuilt from the journal.
 * Against SQLite, and PostgreSQL when {@code TIDEMARK_PG_URL} is set.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HistoryEndpointsTest {
    private static final int ROUNDS = 1_500;

    @TempDir
    Path dir;

    static List<String> targets() {
        return StoreTargets.names();
    }

    private TestServer start(final HistoryConfig history) throws Exception {
        return TestServer.start(dir, context -> context.history(history));
    }

    private static String sell(final int i) {
        return "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.001\","
            + "\"client_order_id\":\"h-" + i + "\"}";
    }

    @ParameterizedTest
    @MethodSource("targets")
    void threeThousandOrdersAndFifteenHundredFillsPageToTheEnd(final String target) throws Exception {
        final HistoryConfig history = StoreTargets.config(target);
        SignedClient maker;
        final String firstId;
        final Snapshot before;
        try (TestServer server = start(history)) {
            maker = server.account(Set.of(Scope.READ, Scope.TRADE), List.of(), Tier.MARKET_MAKER,
                "BTC", "10", "USD", "1000");
            final SignedClient taker = server.account(Set.of(Scope.READ, Scope.TRADE), List.of(), Tier.MARKET_MAKER,
                "USD", "1000000");
            String first = null;
            for (int i = 0; i < ROUNDS; i++) {
                final Reply placed = maker.post("/v1/orders", sell(i));
                assertThat(placed.status()).as("sell %d: %s", i, placed).isEqualTo(200);
                if (first == null) {
                    first = placed.data().path("id").asText();
                }
                final Reply bought = taker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\","
                    + "\"price\":\"63000\",\"size\":\"0.001\",\"time_in_force\":\"ioc\"}");
                assertThat(bought.data().path("status").asText()).as("buy %d", i).isEqualTo("filled");
                final Reply missed = maker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\","
                    + "\"price\":\"2000\",\"size\":\"0.001\",\"time_in_force\":\"ioc\",\"client_order_id\":\"b-" + i + "\"}");
                assertThat(missed.data().path("status").asText()).as("ioc %d", i).isEqualTo("cancelled");
            }
            firstId = first;
            before = check(maker, firstId);
        }
        // a restart: the same history
        try (TestServer server = start(history)) {
            assertThat(check(maker.at(server.baseUrl()), firstId)).isEqualTo(before);
        }
        // the store deleted: rebuilt from the journal, identically
        if (target.equals("sqlite")) {
            try (Stream<Path> files = Files.walk(dir.resolve("history"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } else {
            StoreTargets.empty(history);
        }
        try (TestServer server = start(history)) {
            assertThat(check(maker.at(server.baseUrl()), firstId)).isEqualTo(before);
        }
    }

    /** What a client sees of the history: every order, fill and ledger entry, checked on the way. */
    private record Snapshot(List<String> orders, List<String> fills, List<String> ledger) {
    }

    private static Snapshot check(final SignedClient maker, final String firstId) {
        final List<JsonNode> orders = pages(maker, "/v1/orders?status=all&limit=1000");
        assertThat(orders).hasSize(2 * ROUNDS);
        assertDescendingIds(orders, "id");
        assertThat(orders.get(orders.size() - 1).path("id").asText()).isEqualTo(firstId);
        assertThat(pages(maker, "/v1/orders?status=closed&limit=700")).hasSize(2 * ROUNDS);
        assertThat(pages(maker, "/v1/orders?status=open")).isEmpty();
        final List<JsonNode> fills = pages(maker, "/v1/fills?limit=1000");
        assertThat(fills).hasSize(ROUNDS);
        assertDescendingIds(fills, "trade_id");
        assertThat(pages(maker, "/v1/fills?limit=333")).hasSize(ROUNDS);

        // the first order, long gone from the views: get, by client id, cancel (its final state), replay
        final Reply got = maker.get("/v1/orders/" + firstId);
        assertThat(got.status()).as("%s", got).isEqualTo(200);
        assertThat(got.data().path("status").asText()).isEqualTo("filled");
        final Reply byClientId = maker.get("/v1/orders/by-client-id/h-0");
        assertThat(byClientId.data().path("id").asText()).isEqualTo(firstId);
        final Reply cancelled = maker.post("/v1/orders/" + firstId + "/cancel", "");
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(cancelled.data().path("status").asText()).isEqualTo("filled");
        final Reply cancelledByClientId = maker.post("/v1/orders/by-client-id/h-0/cancel", "");
        assertThat(cancelledByClientId.status()).as("%s", cancelledByClientId).isEqualTo(200);
        final Reply replayed = maker.post("/v1/orders", sell(0));
        assertThat(replayed.status()).as("%s", replayed).isEqualTo(200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.data().path("id").asText()).isEqualTo(firstId);
        assertThat(maker.get("/v1/orders/999999999").errorCode()).isEqualTo("order_not_found");

        // the ledger sums to each wallet's total
        final List<JsonNode> ledger = pages(maker, "/v1/account/ledger?limit=1000");
        assertDescendingIds(ledger, "id");
        final Map<String, BigDecimal> sums = new HashMap<>();
        final List<JsonNode> oldestFirst = new ArrayList<>(ledger);
        java.util.Collections.reverse(oldestFirst);
        for (final JsonNode e : oldestFirst) {
            final String key = e.path("asset").asText() + "/" + e.path("wallet").asText();
            final BigDecimal sum = sums.merge(key, new BigDecimal(e.path("amount").asText()), BigDecimal::add);
            assertThat(new BigDecimal(e.path("balance_after").asText())).as("entry %s", e).isEqualByComparingTo(sum);
        }
        for (final JsonNode balance : maker.get("/v1/account/balances").data()) {
            for (final String wallet : List.of("spot", "margin", "earn")) {
                final JsonNode w = balance.path(wallet);
                final BigDecimal total = new BigDecimal(w.path("available").asText()).add(new BigDecimal(w.path("hold").asText()));
                assertThat(sums.getOrDefault(balance.path("asset").asText() + "/" + wallet, BigDecimal.ZERO))
                    .as("ledger of %s %s", balance.path("asset").asText(), wallet).isEqualByComparingTo(total);
            }
        }
        assertThat(pages(maker, "/v1/account/ledger?asset=BTC&limit=1000"))
            .allSatisfy(e -> assertThat(e.path("asset").asText()).isEqualTo("BTC"));
        assertThat(ledger).extracting(e -> e.path("type").asText()).contains("deposit", "trade", "fee");
        return new Snapshot(orders.stream().map(JsonNode::toString).toList(), fills.stream().map(JsonNode::toString).toList(),
            ledger.stream().map(JsonNode::toString).toList());
    }

    /** Every item of a list endpoint, following next_cursor until it is null. */
    static List<JsonNode> pages(final SignedClient client, final String first) {
        final List<JsonNode> items = new ArrayList<>();
        String path = first;
        while (true) {
            final Reply page = client.get(path);
            assertThat(page.status()).as("%s: %s", path, page).isEqualTo(200);
            page.data().forEach(items::add);
            final JsonNode next = page.json().path("next_cursor");
            if (next.isNull()) {
                return items;
            }
            assertThat(page.data().size()).as("a page before the last is full").isGreaterThan(0);
            path = first + "&before=" + next.asText();
        }
    }

    private static void assertDescendingIds(final List<JsonNode> items, final String field) {
        for (int i = 1; i < items.size(); i++) {
            assertThat(Long.parseLong(items.get(i).path(field).asText()))
                .isLessThan(Long.parseLong(items.get(i - 1).path(field).asText()));
        }
    }
}
