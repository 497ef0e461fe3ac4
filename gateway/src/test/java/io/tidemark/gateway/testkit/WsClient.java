package io.tidemark.gateway.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** A WebSocket bot on the JDK client: sends ops, queues every message the server sends, in order. */
public final class WsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicLong NONCES = new AtomicLong(System.nanoTime());

    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();

    private WsClient(final String baseUrl) {
        final URI uri = URI.create(baseUrl.replace("http://", "ws://") + "/v1/ws");
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, new Listener()).join();
    }

    public static WsClient connect(final String baseUrl) {
        return new WsClient(baseUrl);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.parse(partial.toString().getBytes(StandardCharsets.UTF_8)));
                } catch (final java.io.IOException e) {
                    throw new IllegalStateException("server sent bad JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error) {
            closed.complete(-1);
        }
    }

    /** Sends a raw text frame. */
    public void send(final String text) {
        socket.sendText(text, true).join();
    }

    /** Sends a binary frame (the protocol is text frames only). */
    public void sendBinary(final byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    /** Sends {@code {"op":op,"id":n, fields...}} ({@code fields} is the JSON members, may be empty) and returns n. */
    public long op(final String op, final String fields) {
        final long id = nextId();
        send("{\"op\":\"" + op + "\",\"id\":" + id + (fields.isEmpty() ? "" : "," + fields) + "}");
        return id;
    }

    /** The next message, or fails after the timeout. */
    public JsonNode next(final long timeoutMillis) {
        try {
            final JsonNode message = messages.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + timeoutMillis + " ms");
            }
            return message;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, or null after the timeout. */
    public JsonNode poll(final long timeoutMillis) {
        try {
            return messages.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips messages until one matches (fails after the timeout). */
    public JsonNode until(final Predicate<JsonNode> match, final long timeoutMillis) {
        final long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            final JsonNode message = next(Math.max(1, deadline - System.currentTimeMillis()));
            if (match.test(message)) {
                return message;
            }
        }
    }

    /** The answer to op {@code id} (ack, error, pong or order), skipping stream messages. */
    public JsonNode answer(final long id) {
        return until(m -> m.path("id").asLong(-1) == id, 10_000);
    }

    /** Authenticates as the signed client's key; returns the answer. */
    public JsonNode auth(final SignedClient client, final boolean cancelOnDisconnect) {
        final long ts = System.currentTimeMillis();
        final String nonce = "ws" + NONCES.incrementAndGet();
        final String signature = Signer.sign(client.secret(), Long.toString(ts), nonce, "GET", "/v1/ws", new byte[0]);
        final long id = op("auth", "\"key\":\"" + client.keyId() + "\",\"timestamp\":" + ts + ",\"nonce\":\"" + nonce
            + "\",\"signature\":\"" + signature + "\"" + (cancelOnDisconnect ? ",\"cancel_on_disconnect\":true" : ""));
        return answer(id);
    }

    public boolean awaitClosed(final long timeoutMillis) {
        try {
            closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (final Exception e) {
            return false;
        }
    }

    /** The status of the server's close frame (-1 for a failed connection), or null while still open after the timeout. */
    public Integer closeStatus(final long timeoutMillis) {
        try {
            return closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (final Exception e) {
            return null;
        }
    }

    /** Drops the TCP connection without a close handshake (a crashed bot). */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
