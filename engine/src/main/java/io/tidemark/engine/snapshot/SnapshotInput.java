package io.tidemark.engine.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/** Reads what {@link SnapshotOutput} wrote, in the same order; throws {@link SnapshotFormatException} on overrun. */
public final class SnapshotInput {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private final DirectBuffer buffer;
    private final int limit;
    private int position;

    public SnapshotInput(final byte[] bytes) {
        this(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    public SnapshotInput(final DirectBuffer buffer, final int offset, final int length) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    private int advance(final int bytes) {
        if (position + bytes > limit) {
            throw new SnapshotFormatException("snapshot ends early at byte " + position);
        }
        final int at = position;
        position += bytes;
        return at;
    }

    public long getLong() {
        return buffer.getLong(advance(8), ORDER);
    }

    public int getInt() {
        return buffer.getInt(advance(4), ORDER);
    }

    public int getByte() {
        return buffer.getByte(advance(1));
    }

    public boolean getBoolean() {
        return getByte() == 1;
    }

    /** Reads a section head written by {@link SnapshotOutput#putHeader}; {@code what} names the section in errors. */
    public void expectHeader(final int magic, final int version, final long configFingerprint, final String what) {
        if (getInt() != magic) {
            throw new SnapshotFormatException("not a " + what + " snapshot");
        }
        final int written = getInt();
        if (written != version) {
            throw new SnapshotFormatException(what + " snapshot version " + written + ", expected " + version);
        }
        if (getLong() != configFingerprint) {
            throw new SnapshotFormatException(what + " snapshot was written under a different market configuration");
        }
    }

    /**
     * As {@link #expectHeader(int, int, long, String)}, for a section whose older versions are still read:
     * accepts any version from {@code oldest} to {@code newest} and returns the one written.
     */
    public int expectHeader(final int magic, final int oldest, final int newest, final long configFingerprint,
                            final String what) {
        if (getInt() != magic) {
            throw new SnapshotFormatException("not a " + what + " snapshot");
        }
        final int written = getInt();
        if (written < oldest || written > newest) {
            throw new SnapshotFormatException(what + " snapshot version " + written + ", expected " + oldest + ".." + newest);
        }
        if (getLong() != configFingerprint) {
            throw new SnapshotFormatException(what + " snapshot was written under a different market configuration");
        }
        return written;
    }

    /** Reads an int that must lie in [0, max], e.g. a count or an enum code. */
    public int getBounded(final int max) {
        final int value = getInt();
        if (value < 0 || value > max) {
            throw new SnapshotFormatException("value " + value + " out of range 0.." + max + " at byte " + (position - 4));
        }
        return value;
    }

    public int remaining() {
        return limit - position;
    }
}
