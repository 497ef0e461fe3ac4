package io.tidemark.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The service's snapshot on Aeron's snapshot stream: a message with the total length, then the bytes in
 * messages no longer than the publication's payload, read back in order from the snapshot's image.
 */
final class SnapshotChunks {
    private SnapshotChunks() {
    }

    static void write(final ExclusivePublication publication, final byte[] bytes, final IdleStrategy idle) {
        final UnsafeBuffer header = new UnsafeBuffer(new byte[8]);
        header.putLong(0, bytes.length, ByteOrder.LITTLE_ENDIAN);
        offer(publication, header, 0, 8, idle);
        final UnsafeBuffer body = new UnsafeBuffer(bytes);
        final int chunk = publication.maxPayloadLength();
        for (int at = 0; at < bytes.length; at += chunk) {
            offer(publication, body, at, Math.min(chunk, bytes.length - at), idle);
        }
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer buffer, final int offset,
                              final int length, final IdleStrategy idle) {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0) {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED) {
                throw new IllegalStateException("snapshot publication refused: " + result);
            }
            idle.idle();
        }
    }

    static byte[] read(final Image image, final IdleStrategy idle) {
        final byte[][] bytes = {null};
        final int[] received = {0};
        idle.reset();
        while (bytes[0] == null || received[0] < bytes[0].length) {
            final int fragments = image.poll((buffer, offset, length, header) -> {
                if (bytes[0] == null) {
                    bytes[0] = new byte[(int) buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN)];
                } else {
                    buffer.getBytes(offset, bytes[0], received[0], length);
                    received[0] += length;
                }
            }, 16);
            if (fragments == 0) {
                if (image.isEndOfStream() || image.isClosed()) {
                    throw new IllegalStateException("snapshot ended after " + received[0] + " bytes");
                }
                idle.idle();
            }
        }
        return bytes[0];
    }
}
