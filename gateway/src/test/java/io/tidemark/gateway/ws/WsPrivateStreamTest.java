package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Private channels: every change once and in order, and since_seq replay across reconnects and restarts. */
@Timeout(60)
class WsPrivateStreamTest {
    private static final String ALL = "\"channels\":[\"orders\",\"fills\",\"balances\"]";

    @TempDir
    Path dir;

    private static String sell(final String price, final String size) {
        return "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"" + price + "\",\"size\":\"" + size + "\"}";
    }

    private static String buy(final String price, final String size) {
        return "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"" + price + "\",\"size\":\"" + size + "\"}";
    }

    /** A connection authenticated as {@code client} and subscribed to all private channels from {@code sinceSeq}. */
    private static WsClient subscribedFrom(final TestServer server, final SignedClient client, final long sinceSeq) {
        final WsClient ws = WsClient.connect(server.baseUrl());
        ws.auth(client, false);
        assertThat(ws.answer(ws.op("subscribe", ALL + ",\"since_seq\":" + sinceSeq)).path("type").asText())
            .as("subscribed").isEqualTo("ack");
        return ws;
    }

    /** Reads private messages until one for this order with this status; returns all read. */
    private static List<JsonNode> untilOrder(final WsClient ws, final String orderId, final String status) {
        final List<JsonNode> seen = new ArrayList<>();
        while (true) {
            final JsonNode m = ws.next(10_000);
            if (m.has("seq")) {
                seen.add(m);
            }
            if (m.path("channel").asText().equals("orders") && m.path("data").path("id").asText().equals(orderId)
                && m.path("data").path("status").asText().equals(status)) {
                return seen;
            }
        }
    }

    private static void assertContiguous(final List<JsonNode> messages, final long from) {
        long expected = from;
        for (final JsonNode m : messages) {
            assertThat(m.path("seq").asLong()).as("seq after %d in %s", expected - 1, m).isEqualTo(expected);
            expected++;
        }
    }

    @Test
    void everyOrderChangeAndFillArrivesOnceInOrder() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient maker = server.account("BTC", "10");
            final SignedClient taker = server.account("USD", "1000000");
            try (WsClient ws = subscribedFrom(server, maker, 0)) {
                final String a = maker.post("/v1/orders", sell("60000", "0.01")).data().path("id").asText();
                final String b = maker.post("/v1/orders", sell("60001", "0.01")).data().path("id").asText();
                taker.post("/v1/orders", buy("60001", "0.015"));
                final List<JsonNode> seen = new ArrayList<>(untilOrder(ws, b, "partially_filled"));

                assertContiguous(seen, 1);
                final List<String> orderStates = new ArrayList<>();
                final Set<String> trades = new HashSet<>();
                for (final JsonNode m : seen) {
                    if (m.path("channel").asText().equals("orders")) {
                        orderStates.add(m.path("data").path("id").asText() + ":" + m.path("data").path("status").asText());
                    } else if (m.path("channel").asText().equals("fills")) {
                        assertThat(trades.add(m.path("data").path("trade_id").asText())).isTrue();
                        assertThat(m.path("data").path("liquidity").asText()).isEqualTo("maker");
                    }
                }
                assertThat(orderStates).containsExactly(a + ":open", b + ":open", a + ":filled", b + ":partially_filled");
                final Set<String> restTrades = new HashSet<>();
                maker.get("/v1/fills").data().forEach(f -> restTrades.add(f.path("trade_id").asText()));
                assertThat(trades).isEqualTo(restTrades).hasSize(2);
                final JsonNode lastOrder = seen.get(seen.size() - 1).path("data");
                assertThat(lastOrder).isEqualTo(maker.get("/v1/orders/" + b).data());
            }
        }
    }

    @Test
    void reconnectingWithSinceSeqMissesNothingAndDoublesNothing() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient maker = server.account("BTC", "10");
            final SignedClient taker = server.account("USD", "1000000");
            final List<JsonNode> received = new ArrayList<>();
            try (WsClient ws = subscribedFrom(server, maker, 0)) {
                final String first = maker.post("/v1/orders", sell("60000", "0.01")).data().path("id").asText();
                received.addAll(untilOrder(ws, first, "open"));
            }
            // away: trades and new orders happen
            final String second = maker.post("/v1/orders", sell("60002", "0.02")).data().path("id").asText();
            taker.post("/v1/orders", buy("60002", "0.02"));
            final long last = received.get(received.size() - 1).path("seq").asLong();
            try (WsClient ws = subscribedFrom(server, maker, last)) {
                received.addAll(untilOrder(ws, second, "partially_filled"));
                final String third = maker.post("/v1/orders", sell("61000", "0.01")).data().path("id").asText();
                received.addAll(untilOrder(ws, third, "open"));
            }
            assertContiguous(received, 1);
            final long fills = received.stream().filter(m -> m.path("channel").asText().equals("fills")).count();
            assertThat(fills).isEqualTo(maker.get("/v1/fills").data().size()).isEqualTo(2);
        }
    }

    @Test
    void sinceSeqReplayWorksAcrossAServerRestart() throws Exception {
        final List<JsonNode> received = new ArrayList<>();
        final SignedClient before;
        final String resting;
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient maker = server.account("BTC", "10");
            final SignedClient taker = server.account("USD", "1000000");
            before = maker;
            try (WsClient ws = subscribedFrom(server, maker, 0)) {
                final String first = maker.post("/v1/orders", sell("60000", "0.01")).data().path("id").asText();
                received.addAll(untilOrder(ws, first, "open"));
            }
            resting = maker.post("/v1/orders", sell("60005", "0.03")).data().path("id").asText();
            taker.post("/v1/orders", buy("60005", "0.02"));
        }
        try (TestServer server = TestServer.start(dir)) {
            assertThat(server.server().node().recovery().snapshot()).as("recovered from the final snapshot").isNotNull();
            assertThat(server.server().node().recovery().skippedSnapshots()).isEmpty();
            final SignedClient maker = before.at(server.baseUrl());
            final long last = received.get(received.size() - 1).path("seq").asLong();
            try (WsClient ws = subscribedFrom(server, maker, last)) {
                received.addAll(untilOrder(ws, resting, "partially_filled"));
                final String after = maker.post("/v1/orders", sell("62000", "0.01")).data().path("id").asText();
                received.addAll(untilOrder(ws, after, "open"));
            }
            assertContiguous(received, 1);
            final long fills = received.stream().filter(m -> m.path("channel").asText().equals("fills")).count();
            assertThat(fills).isEqualTo(maker.get("/v1/fills").data().size()).isEqualTo(2);
        }
    }

    /** Reads private messages until the one with this seq; returns all read. */
    private static List<JsonNode> untilSeq(final WsClient ws, final long seq) {
        final List<JsonNode> seen = new ArrayList<>();
        while (seen.isEmpty() || seen.get(seen.size() - 1).path("seq").asLong() < seq) {
            final JsonNode m = ws.next(10_000);
            if (m.has("seq")) {
                seen.add(m);
            }
        }
        return seen;
    }

    @Test
    void aReplayShowsEachEventAsItWasWhenItHappenedAlsoAfterARestart() throws Exception {
        final List<JsonNode> live;
        final SignedClient before;
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient maker = server.account("BTC", "10");
            final SignedClient taker = server.account("USD", "1000000");
            before = maker;
            try (WsClient watcher = subscribedFrom(server, maker, 0)) {
                // one order through open, amended, partially filled, cancelled: each event must keep its own state
                final String id = maker.post("/v1/orders", sell("60000", "0.05")).data().path("id").asText();
                maker.post("/v1/orders/" + id + "/amend", "{\"price\":\"60001\"}");
                taker.post("/v1/orders", buy("60001", "0.02"));
                maker.post("/v1/orders/" + id + "/cancel", "");
                live = untilOrder(watcher, id, "cancelled");
            }
            assertContiguous(live, 1);
            assertThat(live.stream().map(m -> m.path("channel").asText())).contains("orders", "fills", "balances");
            assertThat(live.stream().filter(m -> m.path("channel").asText().equals("orders"))
                .map(m -> m.path("data").path("status").asText()))
                .containsExactly("open", "open", "partially_filled", "cancelled");
            final long last = live.get(live.size() - 1).path("seq").asLong();
            try (WsClient late = subscribedFrom(server, maker, 0)) {
                assertThat(untilSeq(late, last)).as("replayed from memory").isEqualTo(live);
            }
        }
        try (TestServer server = TestServer.start(dir)) {
            assertThat(server.server().node().recovery().snapshot()).as("recovered from the final snapshot").isNotNull();
            try (WsClient late = subscribedFrom(server, before.at(server.baseUrl()), 0)) {
                assertThat(untilSeq(late, live.get(live.size() - 1).path("seq").asLong()))
                    .as("replayed from the snapshot").isEqualTo(live);
            }
        }
    }
}
