package io.tidemark.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up banner names the address the server is bound to (with {@code gateway.host: ::1}, {@code [::1]})
 * and the data directory as one absolute path without {@code .} or {@code ..} segments.
 */
class BannerAddressTest {
    private static final String IPV6_GATEWAY = """
        gateway:
          host: "::1"
          port: 8080
          request_timeout_ms: 10000
          idle_timeout_s: 120
          rate_limits:
            retail: 1200
            verified: 2400
            market_maker: 12000
            public_per_ip: 1200
            signup_per_ip: 60
          websocket:
            max_subscriptions: 100
            max_messages_per_second: 50
            max_backlog_bytes: 4194304
            heartbeat_ms: 5000
        """;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aSandboxBoundToIpv6LoopbackPrintsItsBracketedAddress() throws Exception {
        final Path config = temp.resolve("ipv6.yaml");
        Files.writeString(config, IPV6_GATEWAY);
        try (LauncherProcess sandbox = LauncherProcess.start("::1", temp.resolve("data"), "ipv6", "--no-sim",
            "--config", config.toString())) {
            final String base = "http://[::1]:" + sandbox.port;
            final String banner = awaitBanner(sandbox);
            assertThat(banner)
                .contains("Tidemark sandbox  " + base + "/v1   (WebSocket ws://[::1]:" + sandbox.port + "/v1/ws)")
                .contains("curl -s -X POST " + base + "/v1/sandbox/accounts")
                .contains("Tidemark is listening on " + base + "/v1")
                .doesNotContain("127.0.0.1");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aServerGivenADataDirectoryWithDotSegmentsNamesItNormalised() throws Exception {
        final Path given = temp.resolve(".").resolve("exchange");
        try (LauncherProcess server = LauncherProcess.server(given, "dots")) {
            final String banner = awaitBanner(server);
            final Path normal = temp.resolve("exchange").toAbsolutePath();
            assertThat(banner)
                .contains("(data: " + normal + ")")
                .contains("kept in " + normal.resolve("admin-key.json") + ", mode 0600)")
                .doesNotContain("/./");
        }
    }

    /** Ping answers before the banner is printed: waits for its last line. */
    private static String awaitBanner(final LauncherProcess sandbox) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String out = sandbox.stdout();
        while (!out.contains("Tidemark is listening") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            out = sandbox.stdout();
        }
        return out;
    }
}
