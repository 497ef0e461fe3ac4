package io.tidemark.gateway.config;

import io.tidemark.engine.config.ConfigException;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway section: the defaults of the connection limits and header deadline, and mistakes refused at start. */
class GatewayConfigTest {
    private static final String SECTION = """
        gateway:
          host: 127.0.0.1
          port: 8080
          request_timeout_ms: 10000
          idle_timeout_s: 120
          header_timeout_ms: 10000
          max_connections_per_ip: 64
          max_connections: 10000
          rate_limits: {retail: 1200, verified: 2400, market_maker: 12000, public_per_ip: 1200, signup_per_ip: 60}
          websocket: {max_subscriptions: 100, max_messages_per_second: 50, max_backlog_bytes: 4194304, heartbeat_ms: 5000}
        """;

    @TempDir
    Path dir;

    @Test
    void theDefaultsAreTheContracts() {
        final GatewayConfig config = GatewayConfig.defaults();
        assertThat(config.headerTimeoutMillis()).isEqualTo(10_000);
        assertThat(config.maxConnectionsPerIp()).isEqualTo(64);
        assertThat(config.maxConnections()).isEqualTo(10_000);
    }

    @Test
    void theKeysAreRead() throws IOException {
        final GatewayConfig config = load(SECTION.replace("header_timeout_ms: 10000", "header_timeout_ms: 2500")
            .replace("max_connections_per_ip: 64", "max_connections_per_ip: 8")
            .replace("max_connections: 10000", "max_connections: 100"));
        assertThat(config.headerTimeoutMillis()).isEqualTo(2_500);
        assertThat(config.maxConnectionsPerIp()).isEqualTo(8);
        assertThat(config.maxConnections()).isEqualTo(100);
    }

    @Test
    void aNonLoopbackHostConfiguredExplicitlyIsTaken() throws IOException {
        assertThat(load(SECTION.replace("host: 127.0.0.1", "host: 0.0.0.0")).host()).isEqualTo("0.0.0.0");
        assertThat(GatewayConfig.defaults().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void mistakesAreRefused() {
        assertRefused(SECTION.replace("host: 127.0.0.1", "host: 'a b'"), "gateway.host must be an address or host name");
        assertRefused(SECTION.replace("header_timeout_ms: 10000", "header_timeout_ms: 0"), "'header_timeout_ms' must be positive");
        assertRefused(SECTION.replace("max_connections_per_ip: 64", "max_connections_per_ip: -1"),
            "'max_connections_per_ip' must be positive");
        assertRefused(SECTION.replace("max_connections: 10000", "max_connections: 0"), "'max_connections' must be positive");
        assertRefused(SECTION.replace("max_connections: 10000", "max_connections: 10"),
            "max_connections_per_ip (64) must not be more than gateway.max_connections (10)");
        assertRefused(SECTION.replace("header_timeout_ms:", "headers_timeout_ms:"), "headers_timeout_ms");
    }

    private void assertRefused(final String yaml, final String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    private GatewayConfig load(final String yaml) throws IOException {
        final Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return GatewayConfig.from(ConfigFile.load(file));
    }
}
