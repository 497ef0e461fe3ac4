package io.tidemark.gateway.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 as exact bytes: a request written byte for byte on a fresh connection ({@code Connection:
 * close}) and its answer read whole. For what a client library would not send (a header twice) and for
 * re-sending a captured request unchanged.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** What came back. */
    public record Answer(int status, Map<String, String> headers, JsonNode json) {
        /** A header by its lower-case name. */
        public String header(final String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String errorCode() {
            return json.path("error").path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + json;
        }
    }

    /**
     * A signed request with API.md's four headers, each line of {@code extraHeaders} ({@code "Name: value"})
     * after them; the Host header has no port, so the bytes do not depend on where the server listens.
     */
    public static byte[] signed(final String method, final String pathWithQuery, final String body, final String key,
                                final String secret, final long timestamp, final String nonce,
                                final String... extraHeaders) {
        final String signature = Signer.sign(secret, Long.toString(timestamp), nonce, method, pathWithQuery,
            body.getBytes(StandardCharsets.UTF_8));
        final StringBuilder request = new StringBuilder()
            .append(method).append(' ').append(pathWithQuery).append(" HTTP/1.1\r\n")
            .append("Host: tidemark\r\n")
            .append("X-Api-Key: ").append(key).append("\r\n")
            .append("X-Api-Timestamp: ").append(timestamp).append("\r\n")
            .append("X-Api-Nonce: ").append(nonce).append("\r\n")
            .append("X-Api-Signature: ").append(signature).append("\r\n");
        for (final String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        final byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (content.length > 0) {
            request.append("Content-Type: application/json\r\n");
        }
        request.append("Content-Length: ").append(content.length).append("\r\n")
            .append("Connection: close\r\n\r\n").append(body);
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code request} as it is to 127.0.0.1:{@code port} and reads the whole answer. */
    public static Answer send(final int port, final byte[] request) {
        try (Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            final String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final int headEnd = text.indexOf("\r\n\r\n");
            final String[] lines = text.substring(0, headEnd).split("\r\n");
            final Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                final int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            final String body = text.substring(headEnd + 4);
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                body.isEmpty() ? Json.object() : Json.MAPPER.readTree(body));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
