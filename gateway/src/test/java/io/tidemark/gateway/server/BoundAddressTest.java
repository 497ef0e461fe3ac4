package io.tidemark.gateway.server;

import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's URL is the address it is bound to, as {@code gateway.host} chose it, and it answers there. */
@Timeout(60)
class BoundAddressTest {
    @TempDir
    Path dir;

    @Test
    void boundToIpv6LoopbackTheUrlIsBracketedIpv6() throws IOException {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(host("::1")))) {
            assertThat(server.baseUrl()).isEqualTo("http://[::1]:" + server.server().port());
            assertThat(SignedClient.anonymous(server.baseUrl(), "GET", "/v1/ping", "").status()).isEqualTo(200);
        }
    }

    @Test
    void boundToIpv4LoopbackTheUrlIsIpv4() throws IOException {
        try (TestServer server = TestServer.start(dir, context -> context.gateway(host("127.0.0.1")))) {
            assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.server().port());
            assertThat(SignedClient.anonymous(server.baseUrl(), "GET", "/v1/ping", "").status()).isEqualTo(200);
        }
    }

    private static GatewayConfig host(final String host) {
        return GatewayConfig.defaults().withPort(0).withHost(host);
    }
}
