package io.tidemark.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.history.testkit.StoreTargets;
import io.tidemark.sandbox.SignedHttp;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history store survives {@code kill -9} of a real sandbox process: 1,200 closed orders (more than
 * the views keep) and their fills, killed right after the last acknowledgement with the writer
 * possibly behind; after the restart every order pages, the first client id replays, and the ledger
 * sums to the balances. Against SQLite, and PostgreSQL when {@code TIDEMARK_PG_URL} is set.
 */
class HistoryCrashTest {
    private static final int ORDERS = 1_200;

    @TempDir
    Path temp;

    static List<String> targets() {
        return StoreTargets.names();
    }

    @ParameterizedTest
    @MethodSource("targets")
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killedWithTheWriterBehindLosesNoHistory(final String target) throws Exception {
        final Path data = temp.resolve("data");
        final List<String> extra = new ArrayList<>(List.of("--no-sim"));
        if (!target.equals("sqlite")) {
            StoreTargets.config(target); // empties the database
            final Path config = temp.resolve("history.yaml");
            Files.writeString(config, "history:\n  url: \"" + StoreTargets.pgUrl() + "\"\n");
            extra.addAll(List.of("--config", config.toString()));
        }
        final String[] aliceKey;
        final String firstId;
        try (LauncherProcess first = LauncherProcess.start(data, "first", extra.toArray(String[]::new))) {
            final SignedHttp anonymous = SignedHttp.anonymous(first.baseUrl);
            final JsonNode a = anonymous.post("/v1/sandbox/accounts", "{\"tier\":\"market_maker\"}").data();
            aliceKey = new String[] {a.path("key").asText(), a.path("secret").asText()};
            final JsonNode b = anonymous.post("/v1/sandbox/accounts", "{\"tier\":\"market_maker\"}").data();
            final SignedHttp alice = new SignedHttp(first.baseUrl, aliceKey[0], aliceKey[1]);
            final SignedHttp bob = new SignedHttp(first.baseUrl, b.path("key").asText(), b.path("secret").asText());
            String firstOrder = null;
            for (int i = 0; i < ORDERS; i++) {
                if (i % 4 == 0) {
                    assertThat(bob.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\","
                        + "\"price\":\"63000\",\"size\":\"0.001\"}").status()).isEqualTo(200);
                }
                final SignedHttp.Reply placed = alice.post("/v1/orders", order(i));
                assertThat(placed.status()).as("%s", placed).isEqualTo(200);
                if (firstOrder == null) {
                    firstOrder = placed.data().path("id").asText();
                }
            }
            firstId = firstOrder;
            first.kill();
        }
        try (LauncherProcess second = LauncherProcess.start(data, "second", extra.toArray(String[]::new))) {
            final SignedHttp alice = new SignedHttp(second.baseUrl, aliceKey[0], aliceKey[1]);
            final List<JsonNode> orders = pages(alice, "/v1/orders?status=closed&limit=1000");
            assertThat(orders).hasSize(ORDERS);
            assertThat(orders.get(ORDERS - 1).path("id").asText()).isEqualTo(firstId);
            assertThat(pages(alice, "/v1/fills?limit=1000")).hasSize(ORDERS / 4);
            final SignedHttp.Reply replayed = alice.post("/v1/orders", order(0));
            assertThat(replayed.status()).as("%s", replayed).isEqualTo(200);
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replayed.data().path("id").asText()).isEqualTo(firstId);

            final List<JsonNode> ledger = new ArrayList<>(pages(alice, "/v1/account/ledger?limit=1000"));
            Collections.reverse(ledger);
            final Map<String, BigDecimal> sums = new HashMap<>();
            for (final JsonNode e : ledger) {
                final BigDecimal sum = sums.merge(e.path("asset").asText() + "/" + e.path("wallet").asText(),
                    new BigDecimal(e.path("amount").asText()), BigDecimal::add);
                assertThat(new BigDecimal(e.path("balance_after").asText())).isEqualByComparingTo(sum);
            }
            for (final JsonNode balance : alice.get("/v1/account/balances").data()) {
                final JsonNode spot = balance.path("spot");
                assertThat(sums.getOrDefault(balance.path("asset").asText() + "/spot", BigDecimal.ZERO))
                    .as("ledger of %s", balance.path("asset").asText())
                    .isEqualByComparingTo(new BigDecimal(spot.path("available").asText())
                        .add(new BigDecimal(spot.path("hold").asText())));
            }
        }
    }

    /** Every fourth takes bob's resting sell (a fill); the others find nothing at their price (ioc: cancelled). */
    private static String order(final int i) {
        return "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"time_in_force\":\"ioc\",\"size\":\"0.001\","
            + "\"price\":\"" + (i % 4 == 0 ? "63000" : "2000") + "\",\"client_order_id\":\"k-" + i + "\"}";
    }

    private static List<JsonNode> pages(final SignedHttp client, final String first) throws Exception {
        final List<JsonNode> items = new ArrayList<>();
        String path = first;
        while (true) {
            final SignedHttp.Reply page = client.get(path);
            assertThat(page.status()).as("%s: %s", path, page).isEqualTo(200);
            page.data().forEach(items::add);
            final JsonNode next = page.json().path("next_cursor");
            if (next.isNull()) {
                return items;
            }
            path = first + "&before=" + next.asText();
        }
    }
}
