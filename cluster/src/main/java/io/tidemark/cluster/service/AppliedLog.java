package io.tidemark.cluster.service;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Every COMMAND message this member sent, on its disk (a Chronicle queue under the node's data directory):
 * a gateway that fell further behind than {@link CommandRetention} keeps in memory (stopped for a while, or
 * behind through a long election under load) catches up from here, command by command, so its replica and
 * read models (history included) are rebuilt exactly as if it had never left. Each excerpt is the sequence
 * then the message. A restarted member replays its log and sends again what it had sent: those sequences are
 * already here and not written twice. A jump in sequence (a member recovered from a snapshot taken past the
 * end of this log) starts a new run: only the newest unbroken run is served.
 *
 * <p>A sparse index (every {@value #INDEX_EVERY}th sequence to its excerpt) makes a resend start near its
 * first sequence. Not thread safe: owned by the service thread.
 */
final class AppliedLog implements AutoCloseable {
    static final String DIRECTORY = "applied-log";
    private static final int INDEX_EVERY = 1_024;

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ExcerptTailer tailer;
    private final Long2LongHashMap indexBySequence = new Long2LongHashMap(-1);
    private final UnsafeBuffer read = new UnsafeBuffer(new byte[0]);
    private byte[] scratch = new byte[256];
    /** The first and last sequence of the newest unbroken run; 0 when the log is empty. */
    private long first;
    private long last;

    /** Where a resend delivers each message; false when it was refused (back-pressure): the resend stops there. */
    @FunctionalInterface
    interface Sink {
        boolean offer(DirectBuffer buffer, int offset, int length);
    }

    private AppliedLog(final SingleChronicleQueue queue) {
        this.queue = queue;
        this.appender = queue.createAppender();
        this.tailer = queue.createTailer();
        scanToEnd();
    }

    static AppliedLog open(final Path dataDir) {
        return new AppliedLog(SingleChronicleQueueBuilder.binary(dataDir.resolve(DIRECTORY))
            .rollCycle(RollCycles.FAST_DAILY)
            .timeoutMS(2_000)
            .build());
    }

    private void scanToEnd() {
        tailer.toStart();
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                noteWritten(dc.wire().bytes().readLong(), dc.index());
            }
        }
    }

    private void noteWritten(final long sequence, final long index) {
        if (first == 0 || sequence != last + 1) {
            first = sequence;
            indexBySequence.clear();
        }
        last = sequence;
        if (sequence == first || sequence % INDEX_EVERY == 0) {
            indexBySequence.put(sequence, index);
        }
    }

    /** Writes the message of {@code sequence}, unless this log has it already. */
    void append(final long sequence, final DirectBuffer message, final int offset, final int length) {
        if (sequence <= last && sequence >= first) {
            return;
        }
        try (DocumentContext dc = appender.writingDocument()) {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeLong(sequence);
            if (scratch.length < length) {
                scratch = new byte[length];
            }
            message.getBytes(offset, scratch, 0, length);
            bytes.write(scratch, 0, length);
        }
        noteWritten(sequence, appender.lastIndexAppended());
    }

    /** Whether a resend from {@code sequence} can be served from here. */
    boolean covers(final long sequence) {
        return first > 0 && sequence >= first && sequence <= last + 1;
    }

    /** Hands the messages from {@code from} to the newest to {@code sink}, until it refuses one; returns how many. */
    long resend(final long from, final Sink sink) {
        final long start = from <= first ? first : Math.max(first, from - from % INDEX_EVERY);
        if (!tailer.moveToIndex(indexBySequence.get(start))) {
            return 0;
        }
        long sent = 0;
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return sent;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long sequence = bytes.readLong();
                if (sequence < from) {
                    continue;
                }
                final int length = (int) bytes.readRemaining();
                if (scratch.length < length) {
                    scratch = new byte[length];
                }
                bytes.read(scratch, 0, length);
                read.wrap(scratch, 0, length);
                if (!sink.offer(read, 0, length)) {
                    return sent;
                }
                sent++;
            }
        }
    }

    long first() {
        return first;
    }

    long last() {
        return last;
    }

    /** Closes the log; from any thread once the service thread has stopped. */
    @Override
    public void close() {
        appender.singleThreadedCheckReset();
        tailer.singleThreadedCheckReset();
        appender.close();
        tailer.close();
        queue.close();
    }
}
