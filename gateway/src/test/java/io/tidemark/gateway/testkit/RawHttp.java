package io.tidemark.gateway.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written and read by hand over a plain socket, for what a client library hides or would not
 * send: pipelining, trickled and unfinished requests, answers given at accept, a header twice, and a
 * captured request re-sent byte for byte.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** One response; header names in lower case. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String header(final String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (final IOException e) {
                throw new UncheckedIOException(text(), e);
            }
        }

        public String errorCode() {
            return json().path("error").path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /** Reads one response framed by its Content-Length; {@link EOFException} when the connection ends first. */
    public static Response read(final InputStream in) throws IOException {
        final String statusLine = line(in);
        final int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        final Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            final int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        final String length = headers.get("content-length");
        final byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        if (length != null && body.length < Integer.parseInt(length)) {
            throw new EOFException("the connection ended inside a body");
        }
        return new Response(status, headers, body);
    }

    private static String line(final InputStream in) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended after " + bytes.size() + " bytes of a line");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** An unsigned request. */
    public static byte[] request(final String method, final String target, final String body) {
        return (method + " " + target + " HTTP/1.1\r\nHost: x\r\n"
            + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
            + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** A request signed as API.md says, with the given nonce. */
    public static byte[] signed(final SignedClient who, final String method, final String target, final String body,
                                final String nonce) {
        final String timestamp = Long.toString(System.currentTimeMillis());
        final byte[] content = body.getBytes(StandardCharsets.UTF_8);
        final String signature = Signer.sign(who.secret(), timestamp, nonce, method, target, content);
        return (method + " " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + content.length + "\r\nX-Api-Key: " + who.keyId() + "\r\nX-Api-Timestamp: " + timestamp
            + "\r\nX-Api-Nonce: " + nonce + "\r\nX-Api-Signature: " + signature + "\r\n\r\n" + body)
            .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A signed request with API.md's four headers at a given time, each line of {@code extraHeaders}
     * ({@code "Name: value"}) after them, ending the connection; the Host header has no port, so the bytes
     * do not depend on where the server listens (a capture to re-send after a restart).
     */
    public static byte[] signed(final String method, final String pathWithQuery, final String body, final String key,
                                final String secret, final long timestamp, final String nonce,
                                final String... extraHeaders) {
        final byte[] content = body.getBytes(StandardCharsets.UTF_8);
        final String signature = Signer.sign(secret, Long.toString(timestamp), nonce, method, pathWithQuery, content);
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
        if (content.length > 0) {
            request.append("Content-Type: application/json\r\n");
        }
        request.append("Content-Length: ").append(content.length).append("\r\n")
            .append("Connection: close\r\n\r\n").append(body);
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code request} as it is on a new connection to 127.0.0.1:{@code port} and reads its answer. */
    public static Response send(final int port, final byte[] request) {
        try (Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
