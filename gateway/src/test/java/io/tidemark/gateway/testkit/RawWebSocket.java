package io.tidemark.gateway.testkit;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client on a bare socket, for clients that misbehave on purpose: one that never reads, or
 * one that never answers a ping. It does the handshake and sends masked text frames, nothing more.
 */
public final class RawWebSocket {
    private RawWebSocket() {
    }

    /** Connects and completes the handshake (101); {@code receiveBuffer} 0 keeps the system's default. */
    public static Socket connect(final int port, final int receiveBuffer) throws Exception {
        final Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        final OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        final InputStream in = socket.getInputStream();
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

    public static void sendText(final Socket socket, final String text) throws Exception {
        socket.getOutputStream().write(maskedText(text));
        socket.getOutputStream().flush();
    }

    /** A client text frame (masked, as RFC 6455 requires). */
    public static byte[] maskedText(final String text) {
        return masked(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked client frame: {@code first} is the FIN bit and opcode byte (0x81 text, 0x01 a first fragment, 0x80 a last continuation, 0x89 ping). */
    public static byte[] masked(final int first, final byte[] payload) {
        final byte[] mask = {1, 2, 3, 4};
        final int header = payload.length < 126 ? 2 : payload.length <= 0xFFFF ? 4 : 10;
        final byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) first;
        if (payload.length < 126) {
            frame[1] = (byte) (0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    /** One frame from the server (unmasked): its opcode and payload. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's status code. */
        public int closeStatus() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    /** Reads the next server frame, or null at the end of the stream. */
    public static Frame readFrame(final InputStream in) throws java.io.IOException {
        final int first = in.read();
        if (first < 0) {
            return null;
        }
        final int second = in.read();
        long length = second & 0x7F;
        if (length == 126) {
            length = ((long) in.read() << 8) | in.read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | in.read();
            }
        }
        final byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            return null;
        }
        return new Frame(first & 0x0F, payload);
    }
}
