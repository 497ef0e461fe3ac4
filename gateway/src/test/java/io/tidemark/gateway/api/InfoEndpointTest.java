package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/info}: what the web screen and clients read to know where they are. */
@Timeout(60)
class InfoEndpointTest {
    @Test
    void aServerSaysServerAndItsBuildVersion(@TempDir final Path dir) throws IOException {
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient.Reply info = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/info", "");
            assertThat(info.status()).isEqualTo(200);
            final JsonNode data = info.data();
            assertThat(data.path("mode").asText()).isEqualTo("server");
            assertThat(data.path("sandbox").isBoolean()).isTrue();
            assertThat(data.path("sandbox").asBoolean()).isFalse();
            assertThat(data.path("version").asText()).isEqualTo(PublicEndpoints.version()).doesNotContain("${").matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(info.header("RateLimit-Remaining")).isNotNull();
        }
    }

    @Test
    void aSandboxSaysSandbox(@TempDir final Path dir) throws IOException {
        try (TestServer server = TestServer.start(dir, context -> context.sandbox(true))) {
            final JsonNode data = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/info", "").data();
            assertThat(data.path("mode").asText()).isEqualTo("sandbox");
            assertThat(data.path("sandbox").asBoolean()).isTrue();
        }
    }

    @Test
    void aClusterGatewayRunningTheSandboxSaysClusterWithTheSandboxOn(@TempDir final Path dir) throws IOException {
        // the cluster is the cluster module's; here only what the gateway says of itself (no command is sent)
        try (TestServer server = TestServer.start(dir, context -> context.sandbox(true).cluster(node -> node.pipeline()::submit))) {
            final JsonNode data = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/info", "").data();
            assertThat(data.path("mode").asText()).isEqualTo("cluster");
            assertThat(data.path("sandbox").asBoolean()).isTrue();
        }
    }

    @Test
    void aQueryParameterIsRefused(@TempDir final Path dir) throws IOException {
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient.Reply info = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/info?verbose=1", "");
            assertThat(info.status()).isEqualTo(400);
            assertThat(info.errorCode()).isEqualTo("invalid_parameter");
        }
    }
}
