package io.tidemark.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Server-to-client text frames built once as whole wire bytes. A server frame is unmasked, so the
 * bytes are the same for every subscriber: a public message is framed once and each subscriber's
 * channel gets a duplicate, with no per-subscriber frame object or header encoding.
 */
final class WsFrames {
    private WsFrames() {
    }

    /** FIN + text opcode, the payload length (RFC 6455 §5.2), then the UTF-8 payload. */
    static ByteBuf text(final byte[] payload) {
        final int length = payload.length;
        final int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        final ByteBuf frame = Unpooled.buffer(header + length);
        frame.writeByte(0x81);
        if (length < 126) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        frame.writeBytes(payload);
        return frame;
    }

    /** FIN + pong opcode echoing a ping's payload (at most 125 bytes, as a control frame's is). */
    static ByteBuf pong(final ByteBuf pingPayload) {
        final int length = Math.min(pingPayload.readableBytes(), 125);
        final ByteBuf frame = Unpooled.buffer(2 + length);
        frame.writeByte(0x8A);
        frame.writeByte(length);
        frame.writeBytes(pingPayload, pingPayload.readerIndex(), length);
        return frame;
    }

    /** FIN + ping opcode with no payload: a live client answers with a pong (RFC 6455 §5.5.2). */
    static ByteBuf ping() {
        return Unpooled.wrappedBuffer(new byte[] {(byte) 0x89, 0});
    }
}
