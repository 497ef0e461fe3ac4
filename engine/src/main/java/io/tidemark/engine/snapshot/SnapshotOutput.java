package io.tidemark.engine.snapshot;

import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An append-only, little-endian byte sink for snapshots, growing as needed. Snapshots are rare, so
 * growth allocation is fine here; the format is whatever each writer documents, read back by
 * {@link SnapshotInput} in the same order.
 */
public final class SnapshotOutput {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** How many bytes between two calls of the writer's {@code everyChunk}. */
    public static final int CHUNK = 1 << 16;
    private static final Runnable NOTHING = () -> { };
    private final ExpandableDirectByteBuffer buffer;
    private final Runnable everyChunk;
    private int position;
    private int nextChunk = CHUNK;

    public SnapshotOutput(final int initialCapacity) {
        this(initialCapacity, NOTHING);
    }

    /**
     * @param everyChunk run after every {@link #CHUNK} bytes written: the writer of a large section (the engine's,
     *                   tens of MB) can be paced from outside without the section's code knowing
     */
    public SnapshotOutput(final int initialCapacity, final Runnable everyChunk) {
        this.buffer = new ExpandableDirectByteBuffer(initialCapacity);
        this.everyChunk = everyChunk;
    }

    /**
     * The head of a snapshot section: what it is, its layout version and the market configuration it was
     * written under; {@link SnapshotInput#expectHeader} checks it.
     */
    public SnapshotOutput putHeader(final int magic, final int version, final long configFingerprint) {
        return putInt(magic).putInt(version).putLong(configFingerprint);
    }

    public SnapshotOutput putLong(final long value) {
        buffer.putLong(position, value, ORDER);
        return advance(8);
    }

    public SnapshotOutput putInt(final int value) {
        buffer.putInt(position, value, ORDER);
        return advance(4);
    }

    public SnapshotOutput putByte(final int value) {
        buffer.putByte(position, (byte) value);
        return advance(1);
    }

    public SnapshotOutput putBoolean(final boolean value) {
        return putByte(value ? 1 : 0);
    }

    private SnapshotOutput advance(final int bytes) {
        position += bytes;
        if (position >= nextChunk) {
            nextChunk = position + CHUNK;
            everyChunk.run();
        }
        return this;
    }

    public int length() {
        return position;
    }

    /** The written bytes, read-only and without a copy: valid until the next put. */
    public ByteBuffer view() {
        return buffer.byteBuffer().duplicate().clear().limit(position).asReadOnlyBuffer();
    }

    /** The written bytes as a new array. */
    public byte[] toByteArray() {
        final byte[] bytes = new byte[position];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
