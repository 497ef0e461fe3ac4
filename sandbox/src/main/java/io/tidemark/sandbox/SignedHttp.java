package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the public API over HTTP, exactly as a bot would be: every private call is signed with
 * the key's secret as API.md says ({@code ts\nnonce\nMETHOD\npath\nbody}). Used by the simulated traders
 * and by the sandbox tests. Nonces are this process's start time plus a counter, so they never repeat
 * across restarts. Thread safe.
 */
public final class SignedHttp {
    private static final String NONCE_PREFIX = Long.toString(System.currentTimeMillis(), 36) + "-";
    private static final AtomicLong NONCES = new AtomicLong();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String key;
    private final String secret;

    /** What came back: status, headers and the parsed body (an empty object when there is none). */
    public record Reply(int status, HttpHeaders headers, JsonNode json) {
        public String header(final String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode data() {
            return json.path("data");
        }

        public String errorCode() {
            return json.path("error").path("code").asText(null);
        }

        public boolean ok() {
            return status == 200;
        }

        @Override
        public String toString() {
            return status + " " + json;
        }
    }

    public SignedHttp(final String baseUrl, final String key, final String secret) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.secret = secret;
    }

    /** A client for public endpoints only. */
    public static SignedHttp anonymous(final String baseUrl) {
        return new SignedHttp(baseUrl, null, null);
    }

    public String key() {
        return key;
    }

    public Reply get(final String pathWithQuery) throws IOException, InterruptedException {
        return send("GET", pathWithQuery, "");
    }

    public Reply post(final String pathWithQuery, final String body) throws IOException, InterruptedException {
        return send("POST", pathWithQuery, body);
    }

    /** Sends a request, signed when this client has a key. */
    public Reply send(final String method, final String pathWithQuery, final String body) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathWithQuery))
            .timeout(Duration.ofSeconds(10))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            final String timestamp = Long.toString(System.currentTimeMillis());
            final String nonce = NONCE_PREFIX + NONCES.incrementAndGet();
            request.header("X-Api-Key", key).header("X-Api-Timestamp", timestamp).header("X-Api-Nonce", nonce)
                .header("X-Api-Signature", Signer.sign(secret, timestamp, nonce, method, pathWithQuery,
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        final HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json;
        try {
            json = response.body().length == 0 ? Json.object() : Json.MAPPER.readTree(response.body());
        } catch (final IOException e) {
            json = Json.object().put("raw", new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Reply(response.statusCode(), response.headers(), json);
    }
}
