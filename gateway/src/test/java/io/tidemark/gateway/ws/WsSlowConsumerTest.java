package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.OrderFlow;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.RawWebSocket;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A subscriber that never reads is cut off; the others keep receiving everything. */
@Timeout(60)
class WsSlowConsumerTest {
    @TempDir
    Path dir;

    /** Completes a WebSocket handshake on a raw socket with a tiny receive buffer and subscribes; then never reads. */
    private static Socket stalledSubscriber(final int port) throws Exception {
        final Socket socket = RawWebSocket.connect(port, 2048);
        // every public channel of the pair, so the flow outruns the kernel's socket buffers quickly
        RawWebSocket.sendText(socket, "{\"op\":\"subscribe\",\"channels\":[\"orderbook:BTC-USD\",\"trades:BTC-USD\","
            + "\"ticker:BTC-USD\",\"candles:BTC-USD:1m\",\"candles:BTC-USD:5m\",\"candles:BTC-USD:15m\"]}");
        return socket;
    }

    /** Drains the socket until the server closes it; true when it did within the timeout. */
    private static boolean closedByServer(final Socket socket, final long millis) throws Exception {
        socket.setSoTimeout(200);
        final long deadline = System.currentTimeMillis() + millis;
        final byte[] buffer = new byte[65_536];
        while (System.currentTimeMillis() < deadline) {
            try {
                if (socket.getInputStream().read(buffer) < 0) {
                    return true;
                }
            } catch (final SocketTimeoutException e) {
                // nothing yet
            } catch (final SocketException e) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bound (2 MiB) is above everything the reader's one channel carries in the whole run (about
     * 1-2 MB), so it is never cut even if it lags through the burst; the stalled subscriber's six
     * channels carry far more than the bound plus the kernel's socket buffers.
     */
    @Test
    void aSubscriberThatNeverReadsIsCutOffWhileAnotherKeepsUp() throws Exception {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
            .withWebSocket(10, 50, 2 * 1024 * 1024, 5_000)))) {
            final long[] accounts = {
                server.account("USD", "100000000", "BTC", "10000").accountId(),
                server.account("USD", "100000000", "BTC", "10000").accountId()};
            final int market = server.server().config().marketByPair("BTC-USD").id();
            try (WsClient reader = WsClient.connect(server.baseUrl()); Socket stalled = stalledSubscriber(server.server().port())) {
                reader.answer(reader.op("subscribe", "\"channels\":[\"orderbook:BTC-USD\"]"));
                final ClientBook book = new ClientBook();
                book.load(reader.until(m -> m.path("type").asText().equals("snapshot"), 5_000));
                Thread.sleep(200);

                new OrderFlow(server.server().node().pipeline(), market, accounts, 3).run(12_000, 6_000_000, 60);

                final JsonNode rest = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/orderbook/BTC-USD", "").data();
                while (book.seq < rest.path("seq").asLong()) {
                    final JsonNode delta = reader.until(m -> m.path("type").asText().equals("delta"), 10_000);
                    assertThat(book.applyDelta(delta)).as("no gap for the reader").isTrue();
                }
                assertThat(book.checksum()).isEqualTo(rest.path("checksum").asLong());
                assertThat(closedByServer(stalled, 10_000)).as("the stalled subscriber was disconnected").isTrue();
            }
        }
    }
}
