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
    private final ExpandableDirectByteBuffer buffer;
    private int position;

    public SnapshotOutput(final int initialCapacity) {
        this.buffer = new ExpandableDirectByteBuffer(initialCapacity);
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
        position += 8;
        return this;
    }

    public SnapshotOutput putInt(final int value) {
        buffer.putInt(position, value, ORDER);
        position += 4;
        return this;
    }

    public SnapshotOutput putByte(final int value) {
        buffer.putByte(position, (byte) value);
        position += 1;
        return this;
    }

    public SnapshotOutput putBoolean(final boolean value) {
        return putByte(value ? 1 : 0);
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
