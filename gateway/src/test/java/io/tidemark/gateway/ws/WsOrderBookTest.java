package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.testkit.OrderFlow;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The orderbook channel keeps a client's book exact: snapshot, gap-free deltas, every checksum right. */
@Timeout(90)
class WsOrderBookTest {
    private static final long MID = 6_000_000; // 60000.00 in ticks of 0.01

    @TempDir
    static Path dir;
    static TestServer server;
    static long[] accounts;
    static int btcUsd;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
        accounts = new long[4];
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = server.account("USD", "100000000", "BTC", "10000").accountId();
        }
        btcUsd = server.server().config().marketByPair("BTC-USD").id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode restBook() {
        return SignedClient.anonymous(server.baseUrl(), "GET", "/v1/orderbook/BTC-USD?depth=100", "").data();
    }

    /** Reads deltas into the book, checking each checksum, until the book reaches {@code seq}. */
    private static int follow(final WsClient ws, final ClientBook book, final long seq) {
        int deltas = 0;
        while (book.seq < seq) {
            final JsonNode message = ws.until(m -> m.path("type").asText().equals("delta"), 20_000);
            assertThat(book.applyDelta(message)).as("delta %s continues from seq %d", message.path("seq"), book.seq).isTrue();
            assertThat(message.path("checksum").asLong()).as("checksum at seq %d", book.seq).isEqualTo(book.checksum());
            deltas++;
        }
        return deltas;
    }

    @Test
    void snapshotThenDeltasTrackTheBookExactlyThroughThousandsOfRandomOrders() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            final long id = ws.op("subscribe", "\"channels\":[\"orderbook:BTC-USD\"]");
            assertThat(ws.answer(id).path("type").asText()).isEqualTo("ack");
            final JsonNode snapshot = ws.until(m -> m.path("type").asText().equals("snapshot"), 5_000);
            assertThat(snapshot.path("channel").asText()).isEqualTo("orderbook:BTC-USD");
            final ClientBook book = new ClientBook();
            book.load(snapshot);
            assertThat(snapshot.path("checksum").asLong()).isEqualTo(book.checksum());

            new OrderFlow(server.server().node().pipeline(), btcUsd, accounts, 42).run(3_000, MID, 40);

            final JsonNode rest = restBook();
            final int deltas = follow(ws, book, rest.path("seq").asLong());
            assertThat(deltas).isGreaterThan(1_000);
            assertThat(book.seq).isEqualTo(rest.path("seq").asLong());
            assertThat(book.top(100)).isEqualTo(ClientBook.restTop(rest));
            assertThat(book.checksum()).isEqualTo(rest.path("checksum").asLong());
        }
    }

    @Test
    void aRestSnapshotJoinsTheStreamWithoutAGap() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.answer(ws.op("subscribe", "\"channels\":[\"orderbook:BTC-USD\"]"));
            ws.until(m -> m.path("type").asText().equals("snapshot"), 5_000);
            final OrderFlow flow = new OrderFlow(server.server().node().pipeline(), btcUsd, accounts, 7);
            flow.run(200, MID, 30);
            // a bot that takes the REST snapshot while deltas flow: drop deltas up to its seq, apply the rest
            final JsonNode rest = restBook();
            final ClientBook book = new ClientBook();
            book.load(rest);
            flow.run(300, MID, 30);
            final long end = restBook().path("seq").asLong();
            final List<JsonNode> later = new ArrayList<>();
            while (true) {
                final JsonNode delta = ws.until(m -> m.path("type").asText().equals("delta"), 20_000);
                if (delta.path("seq").asLong() > rest.path("seq").asLong()) {
                    later.add(delta);
                }
                if (delta.path("seq").asLong() >= end) {
                    break;
                }
            }
            assertThat(later.get(0).path("prev_seq").asLong()).isEqualTo(rest.path("seq").asLong());
            for (final JsonNode delta : later) {
                assertThat(book.applyDelta(delta)).isTrue();
                assertThat(delta.path("checksum").asLong()).isEqualTo(book.checksum());
            }
            assertThat(book.seq).isEqualTo(end);
        }
    }
}
