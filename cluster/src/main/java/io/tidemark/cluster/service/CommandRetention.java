package io.tidemark.cluster.service;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The last applied commands, as the COMMAND messages that were sent, so that a gateway that missed some
 * (the leader died between applying a command and delivering it, or egress was back-pressured) can ask
 * for them again. A fixed ring of slots: no allocation per command. Not part of the replicated state: a
 * node restored from a snapshot retains only what it applied since. Owned by the service thread.
 */
final class CommandRetention {
    private final int capacity;
    private final int slotLength;
    private final UnsafeBuffer slots;
    private final int[] lengths;
    /** Sequence of the newest retained message; 0 when none. */
    private long newest;
    private long count;

    CommandRetention(final int capacity, final int slotLength) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("retention capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.slotLength = slotLength;
        this.slots = new UnsafeBuffer(new byte[capacity * slotLength]);
        this.lengths = new int[capacity];
    }

    /** Keeps the message of {@code sequence}, which must follow the newest kept (else the ring restarts there). */
    void add(final long sequence, final DirectBuffer message, final int offset, final int length) {
        if (sequence != newest + 1) {
            count = 0;
        }
        final int slot = (int) (sequence & (capacity - 1));
        slots.putBytes(slot * slotLength, message, offset, length);
        lengths[slot] = length;
        newest = sequence;
        count = Math.min(count + 1, capacity);
    }

    /** Retains nothing, the next to keep being {@code sequence + 1} (after a restore from a snapshot). */
    void restart(final long sequence) {
        newest = sequence;
        count = 0;
    }

    /** The oldest sequence retained; {@code newest + 1} when none is. */
    long oldest() {
        return newest - count + 1;
    }

    long newest() {
        return newest;
    }

    int offset(final long sequence) {
        return (int) (sequence & (capacity - 1)) * slotLength;
    }

    int length(final long sequence) {
        return lengths[(int) (sequence & (capacity - 1))];
    }

    DirectBuffer buffer() {
        return slots;
    }
}
