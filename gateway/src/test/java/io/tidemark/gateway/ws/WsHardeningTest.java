package io.tidemark.gateway.ws;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.OrderFlow;
import io.tidemark.gateway.testkit.RawWebSocket;
import io.tidemark.gateway.testkit.RawWebSocket.Frame;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** WebSocket clients that misbehave at the frame level, through raw sockets against a real server. */
@Timeout(90)
class WsHardeningTest {
    private static final int CLOSE = 0x8;
    private static final int PONG = 0xA;
    private static final int TEXT = 0x1;

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
    }

    /** Reads frames until a close frame or the end of the stream; the frames read, in order. */
    private static List<Frame> readUntilClose(final Socket socket, final long millis) throws Exception {
        socket.setSoTimeout((int) millis);
        final List<Frame> frames = new ArrayList<>();
        final InputStream in = socket.getInputStream();
        try {
            Frame frame;
            while ((frame = RawWebSocket.readFrame(in)) != null) {
                frames.add(frame);
                if (frame.opcode() == CLOSE) {
                    break;
                }
            }
        } catch (final SocketTimeoutException | SocketException e) {
            // what came before is the answer
        }
        return frames;
    }

    private static byte[] payload(final int bytes) {
        final byte[] payload = new byte[bytes];
        Arrays.fill(payload, (byte) 'a');
        return payload;
    }

    @Test
    void aFragmentedMessageOverTheLimitIsClosed1009() throws Exception {
        try (TestServer server = TestServer.start(dir); Socket socket = RawWebSocket.connect(server.server().port(), 0)) {
            final var out = socket.getOutputStream();
            out.write(RawWebSocket.masked(0x01, payload(40_000)));   // first fragment of a text message
            out.write(RawWebSocket.masked(0x00, payload(40_000)));   // continuation, not final
            out.write(RawWebSocket.masked(0x80, payload(10)));       // final continuation
            out.flush();
            final List<Frame> frames = readUntilClose(socket, 5_000);
            assertThat(frames).isNotEmpty();
            final Frame last = frames.get(frames.size() - 1);
            assertThat(last.opcode()).as("a close frame").isEqualTo(CLOSE);
            assertThat(last.closeStatus()).isEqualTo(1009);
        }
    }

    @Test
    void oneFrameOverTheLimitIsClosed1009() throws Exception {
        try (TestServer server = TestServer.start(dir); Socket socket = RawWebSocket.connect(server.server().port(), 0)) {
            socket.getOutputStream().write(RawWebSocket.masked(0x81, payload(70_000)));
            socket.getOutputStream().flush();
            final List<Frame> frames = readUntilClose(socket, 5_000);
            assertThat(frames).isNotEmpty();
            assertThat(frames.get(frames.size() - 1).opcode()).isEqualTo(CLOSE);
            assertThat(frames.get(frames.size() - 1).closeStatus()).isEqualTo(1009);
        }
    }

    @Test
    void resetConnectionsEndQuietlyWithoutWarnings() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            for (int i = 0; i < 50; i++) {
                final Socket socket = RawWebSocket.connect(server.server().port(), 0);
                RawWebSocket.sendText(socket, "{\"op\":\"subscribe\",\"channels\":[\"trades:BTC-USD\"]}");
                socket.setSoLinger(true, 0);   // close with a reset
                socket.close();
            }
            Thread.sleep(1_000);
            assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        }
    }

    @Test
    void pingsAreMeteredByTheMessageRateNotAnsweredWithoutBound() throws Exception {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
            .withWebSocket(10, 50, 4 * 1024 * 1024, 5_000)));
             Socket socket = RawWebSocket.connect(server.server().port(), 0)) {
            final ByteArrayOutputStream pings = new ByteArrayOutputStream();
            final byte[] ping = RawWebSocket.masked(0x89, new byte[0]);
            for (int i = 0; i < 20_000; i++) {
                pings.write(ping);
            }
            final long started = System.nanoTime();
            socket.getOutputStream().write(pings.toByteArray());
            socket.getOutputStream().flush();
            int pongs = 0;
            // the first answer may take a while on a loaded machine; after it, 300 ms of quiet ends the count
            socket.setSoTimeout(10_000);
            final InputStream in = socket.getInputStream();
            try {
                Frame frame;
                while ((frame = RawWebSocket.readFrame(in)) != null) {
                    socket.setSoTimeout(300);
                    if (frame.opcode() == PONG) {
                        pongs++;
                    }
                }
            } catch (final SocketTimeoutException e) {
                // quiet now
            }
            final double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(pongs).as("pongs for 20,000 pings in %.1f s", seconds).isPositive()
                .isLessThanOrEqualTo((int) (50 * (Math.ceil(seconds) + 1)));
        }
    }

    @Test
    void aSlowConsumerIsToldThenClosed1008LoggedAndCounted() throws Exception {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
            .withWebSocket(10, 50, 256 * 1024, 5_000)))) {
            final long[] accounts = {
                server.account("USD", "100000000", "BTC", "10000").accountId(),
                server.account("USD", "100000000", "BTC", "10000").accountId()};
            final int market = server.server().config().marketByPair("BTC-USD").id();
            try (Socket stalled = RawWebSocket.connect(server.server().port(), 2048)) {
                RawWebSocket.sendText(stalled, "{\"op\":\"subscribe\",\"channels\":[\"orderbook:BTC-USD\",\"trades:BTC-USD\","
                    + "\"ticker:BTC-USD\",\"candles:BTC-USD:1m\"]}");
                Thread.sleep(200);
                final OrderFlow flow = new OrderFlow(server.server().node().pipeline(), market, accounts, 3);
                final long deadline = System.currentTimeMillis() + 30_000;
                while (slowConsumers(server) == 0 && System.currentTimeMillis() < deadline) {
                    flow.run(500, 6_000_000, 60);
                }
                assertThat(slowConsumers(server)).as("counted").isEqualTo(1.0);
                final List<Frame> frames = readUntilClose(stalled, 10_000);
                assertThat(frames).as("frames after the cut").isNotEmpty();
                final Frame close = frames.get(frames.size() - 1);
                assertThat(close.opcode()).isEqualTo(CLOSE);
                assertThat(close.closeStatus()).isEqualTo(1008);
                final Frame error = frames.get(frames.size() - 2);
                assertThat(error.opcode()).isEqualTo(TEXT);
                assertThat(error.text()).contains("\"type\":\"error\"").contains("\"code\":\"slow_consumer\"");
            }
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(message -> message.startsWith("event=ws_slow_consumer"));
        }
    }

    private static double slowConsumers(final TestServer server) {
        final String metrics = SignedClient.anonymous(server.baseUrl(), "GET", "/metrics", "").json().path("raw").asText();
        for (final String line : metrics.split("\n")) {
            if (line.startsWith("tidemark_rejects_total{code=\"slow_consumer\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
