package io.tidemark.gateway.http;

import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.RawHttp;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header deadline, over real sockets against a server that gives a request's headers one second
 * from its first byte: a client trickling them (each byte would reset the idle timeout) gets 408
 * {@code request_timeout} and the connection ends; headers in time, and an idle kept-alive connection,
 * are left alone.
 */
@Timeout(60)
class HeaderDeadlineTest {
    private static final long DEADLINE_MILLIS = 1_000;

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
            .withHeaderTimeoutMillis(DEADLINE_MILLIS)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headersTrickledPastTheDeadlineAre408AndTheConnectionEnds() throws Exception {
        try (Socket socket = connect()) {
            final OutputStream out = socket.getOutputStream();
            final long first = System.nanoTime();
            // the request line is taken in whole at once; the clock runs from its first byte all the same
            out.write("GET /v1/ping HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            final Thread trickle = new Thread(() -> {
                try {
                    for (final byte b : "Host: x\r\nX-Slow: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
                        Thread.sleep(1_200);
                        out.write(b);
                    }
                } catch (final IOException | InterruptedException e) {
                    // the server ended the connection, as it should
                }
            });
            trickle.start();
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            final RawHttp.Response response = RawHttp.read(in);
            final long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
            assertThat(response.status()).as(response.toString()).isEqualTo(408);
            assertThat(response.errorCode()).isEqualTo("request_timeout");
            assertThat(response.json().path("error").path("message").asText()).isNotEmpty();
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(response.header("RateLimit-Limit")).isNotNull();
            assertThat(elapsed).as("ms from the first byte").isBetween(DEADLINE_MILLIS - 50, DEADLINE_MILLIS + 900);
            assertThat(in.read()).as("the connection ends after the 408").isEqualTo(-1);
            trickle.interrupt();
            trickle.join();
        }
    }

    @Test
    void anUnfinishedRequestPipelinedBehindAnAnsweredOneRunsOutOfTimeToo() throws Exception {
        for (final String unfinished : new String[] {"GET /v1/pi", "GET /v1/ping HTTP/1.1\r\nHost: x\r\n"}) {
            try (Socket socket = connect()) {
                final long first = System.nanoTime();
                socket.getOutputStream().write(("GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n" + unfinished)
                    .getBytes(StandardCharsets.US_ASCII));
                final InputStream in = new BufferedInputStream(socket.getInputStream());
                assertThat(RawHttp.read(in).status()).isEqualTo(200);
                final RawHttp.Response timedOut = RawHttp.read(in);
                final long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
                assertThat(timedOut.status()).as(unfinished + ": " + timedOut).isEqualTo(408);
                assertThat(timedOut.errorCode()).isEqualTo("request_timeout");
                assertThat(elapsed).as(unfinished).isBetween(DEADLINE_MILLIS - 50, DEADLINE_MILLIS + 900);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void headersThatArriveInTimeAreServedHoweverSlowly() throws Exception {
        try (Socket socket = connect()) {
            final OutputStream out = socket.getOutputStream();
            for (final byte b : "GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(10);
            }
            assertThat(RawHttp.read(new BufferedInputStream(socket.getInputStream())).status()).isEqualTo(200);
        }
    }

    @Test
    void anIdleKeptAliveConnectionOutlastsTheDeadline() throws Exception {
        try (Socket socket = connect()) {
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            // a stray line break after a request is not the start of another
            socket.getOutputStream().write("GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(in).status()).isEqualTo(200);
            Thread.sleep(DEADLINE_MILLIS * 2);
            socket.getOutputStream().write("GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(in).status()).isEqualTo(200);
        }
    }

    private static Socket connect() throws IOException {
        final Socket socket = new Socket("127.0.0.1", server.server().port());
        socket.setSoTimeout(10_000);
        return socket;
    }
}
