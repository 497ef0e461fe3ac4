package io.tidemark.gateway.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A bot's HTTP client: signs requests as API.md says and returns status, headers and parsed JSON. */
public final class SignedClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong NONCES = new AtomicLong(System.nanoTime());

    private final String baseUrl;
    private final String keyId;
    private final String secret;
    private final long accountId;

    public SignedClient(final String baseUrl, final String keyId, final String secret, final long accountId) {
        this.baseUrl = baseUrl;
        this.keyId = keyId;
        this.secret = secret;
        this.accountId = accountId;
    }

    /** The same key against another server (e.g. the same data directory after a restart). */
    public SignedClient at(final String otherBaseUrl) {
        return new SignedClient(otherBaseUrl, keyId, secret, accountId);
    }

    public String keyId() {
        return keyId;
    }

    public String secret() {
        return secret;
    }

    public long accountId() {
        return accountId;
    }

    /** What came back. */
    public record Reply(int status, HttpResponse<byte[]> raw, JsonNode json) {
        public String header(final String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode data() {
            return json.path("data");
        }

        public String errorCode() {
            return json.path("error").path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + json;
        }
    }

    /** The status {@code GET /v1/orders/{id}} answers for one of this account's orders. */
    public String orderStatus(final String orderId) {
        return get("/v1/orders/" + orderId).data().path("status").asText();
    }

    /** {@link #orderStatus} polled until it is {@code wanted} or {@code millis} pass; the last status seen. */
    public String awaitOrderStatus(final String orderId, final String wanted, final long millis)
        throws InterruptedException {
        final long deadline = System.currentTimeMillis() + millis;
        String status = orderStatus(orderId);
        while (!status.equals(wanted) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            status = orderStatus(orderId);
        }
        return status;
    }

    public Reply get(final String pathWithQuery) {
        return send("GET", pathWithQuery, "");
    }

    public Reply post(final String pathWithQuery, final String body) {
        return send("POST", pathWithQuery, body);
    }

    public Reply send(final String method, final String pathWithQuery, final String body) {
        return send(method, pathWithQuery, body, System.currentTimeMillis(), "n" + NONCES.incrementAndGet());
    }

    public Reply send(final String method, final String pathWithQuery, final String body, final long timestamp,
                      final String nonce) {
        return send(method, pathWithQuery, body.getBytes(StandardCharsets.UTF_8), timestamp, nonce);
    }

    /** A signed request whose body is exactly these bytes (which need not be valid UTF-8). */
    public Reply send(final String method, final String pathWithQuery, final byte[] body) {
        return send(method, pathWithQuery, body, System.currentTimeMillis(), "n" + NONCES.incrementAndGet());
    }

    private Reply send(final String method, final String pathWithQuery, final byte[] body, final long timestamp,
                       final String nonce) {
        final String signature = Signer.sign(secret, Long.toString(timestamp), nonce, method, pathWithQuery, body);
        return raw(baseUrl, HttpRequest.newBuilder(URI.create(baseUrl + pathWithQuery))
            .header("X-Api-Key", keyId).header("X-Api-Timestamp", Long.toString(timestamp))
            .header("X-Api-Nonce", nonce).header("X-Api-Signature", signature)
            .header("Content-Type", "application/json")
            .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** An unsigned request. */
    public static Reply anonymous(final String baseUrl, final String method, final String pathWithQuery, final String body) {
        return raw(baseUrl, HttpRequest.newBuilder(URI.create(baseUrl + pathWithQuery))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    public static Reply raw(final String baseUrl, final HttpRequest.Builder request) {
        try {
            final HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json;
            try {
                json = response.body().length == 0 ? Json.object() : Json.MAPPER.readTree(response.body());
            } catch (final IOException e) {
                json = Json.object().put("raw", new String(response.body(), StandardCharsets.UTF_8));
            }
            return new Reply(response.statusCode(), response, json);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
