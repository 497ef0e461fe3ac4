package io.tidemark.gateway.http;

import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.RawHttp;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection caps, over real sockets: past its address's cap a connection is answered 429
 * {@code too_many_connections} and closed, past the total 503 {@code server_busy}, while the connections
 * already open go on working; a closed connection frees its place. The whole of 127.0.0.0/8 is loopback,
 * so a second client address is a socket bound to 127.0.0.2.
 */
@Timeout(60)
class ConnectionLimitTest {
    @TempDir
    Path dir;

    @Test
    void pastItsAddressesCapAConnectionIs429AndClosedWhileTheOthersWork() throws Exception {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
                .withConnectionLimits(3, 100)));
             Connections open = new Connections()) {
            for (int i = 0; i < 3; i++) {
                open.add(server, "127.0.0.1").ping();
            }
            final RawHttp.Response refused = open.add(server, "127.0.0.1").refusal();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("too_many_connections");
            assertThat(refused.header("Connection")).isEqualTo("close");
            assertThat(refused.header("RateLimit-Limit")).isNotNull();
            // another address has its own cap
            open.add(server, "127.0.0.2").ping();
            for (int i = 0; i < 3; i++) {
                open.get(i).ping();
            }
        }
    }

    @Test
    void pastTheTotalCapAConnectionIs503AndClosedWhileTheOthersWork() throws Exception {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
                .withConnectionLimits(2, 3)));
             Connections open = new Connections()) {
            open.add(server, "127.0.0.1").ping();
            open.add(server, "127.0.0.1").ping();
            open.add(server, "127.0.0.2").ping();
            final RawHttp.Response refused = open.add(server, "127.0.0.2").refusal();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("server_busy");
            assertThat(refused.header("Connection")).isEqualTo("close");
            assertThat(refused.header("RateLimit-Limit")).isNotNull();
            for (int i = 0; i < 3; i++) {
                open.get(i).ping();
            }
        }
    }

    @Test
    void aClosedConnectionFreesItsPlaceAndARefusedOneTakesNone() throws Exception {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
                .withConnectionLimits(2, 2)));
             Connections open = new Connections()) {
            open.add(server, "127.0.0.1").ping();
            final Client second = open.add(server, "127.0.0.1");
            second.ping();
            for (int i = 0; i < 3; i++) {
                assertThat(open.add(server, "127.0.0.1").refusal().status()).isEqualTo(429);
            }
            second.socket.close();
            // the server learns of the close a moment later
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Client next = open.add(server, "127.0.0.1");
            while (next.answer().status() != 200) {
                assertThat(System.nanoTime()).as("a place freed within 10 s").isLessThan(deadline);
                Thread.sleep(20);
                next = open.add(server, "127.0.0.1");
            }
            assertThat(open.add(server, "127.0.0.1").refusal().status()).isEqualTo(429);
            // a connection that ends on its own (Connection: close) frees its place as well
            next.send("GET /v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.read(next.in).status()).isEqualTo(200);
            assertThat(next.in.read()).isEqualTo(-1);
            next.socket.close();
            Client last = open.add(server, "127.0.0.1");
            while (last.answer().status() != 200) {
                assertThat(System.nanoTime()).as("a place freed within 10 s").isLessThan(deadline);
                Thread.sleep(20);
                last = open.add(server, "127.0.0.1");
            }
        }
    }

    /** One client socket, from a chosen loopback address. */
    private static final class Client {
        final Socket socket;
        final InputStream in;

        Client(final TestServer server, final String from) throws IOException {
            socket = new Socket();
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()), 5_000);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
        }

        void send(final String request) throws IOException {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        }

        /** Sends a ping and reads what comes back: its answer, or the connection's refusal. */
        RawHttp.Response answer() throws IOException {
            send("GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
            return RawHttp.read(in);
        }

        /** A ping on an open connection: answered, and the connection stays. */
        void ping() throws IOException {
            final RawHttp.Response response = answer();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualTo("keep-alive");
        }

        /** The refusal given at accept, then the end of the connection (nothing sent first). */
        RawHttp.Response refusal() throws IOException {
            final RawHttp.Response response = RawHttp.read(in);
            assertThat(in.read()).as("the connection ends after " + response).isEqualTo(-1);
            return response;
        }
    }

    /** The clients of a test, closed at its end. */
    private static final class Connections implements AutoCloseable {
        private final List<Client> clients = new ArrayList<>();

        Client add(final TestServer server, final String from) throws IOException {
            final Client client = new Client(server, from);
            clients.add(client);
            return client;
        }

        Client get(final int index) {
            return clients.get(index);
        }

        @Override
        public void close() throws IOException {
            for (final Client client : clients) {
                client.socket.close();
            }
        }
    }
}
