package io.tidemark.node.journal;

import io.tidemark.engine.api.Command;
import io.tidemark.node.pipeline.Journal;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The command journal on Chronicle Queue. Every stamped command is written in the compact
 * {@link CommandCodec} form (no per-command allocation, no JSON), and each batch the journal stage
 * takes from the ring becomes one Chronicle document: records prefixed by their length. A document
 * is complete or absent after a crash, and nothing in a batch is acknowledged before the batch ends,
 * so batching loses nothing that was acknowledged while it saves the per-document locking, header
 * and index work that would otherwise dominate. The appender is created on the journal stage's
 * thread, the only thread that appends. With {@link Durability#SYNC} the batch is forced to the
 * device before the stage releases it, so before anything is acknowledged.
 */
public final class ChronicleJournal implements Journal {
    private final SingleChronicleQueue queue;
    private final int generation;
    private final Durability durability;
    private final long configFingerprint;
    private final CommandCodec codec = new CommandCodec();
    private ExcerptAppender appender;
    private DocumentContext batch;
    private net.openhft.chronicle.bytes.Bytes<?> batchBytes;
    private boolean headerWritten;
    private long lastSequence;
    private long lastTimestamp;
    private long lastPosition;

    /**
     * @param hasRecords whether the generation already holds records (then its header exists)
     */
    public ChronicleJournal(final JournalDirectory directory, final int generation, final Durability durability,
                            final long configFingerprint, final long lastSequence, final long lastTimestamp,
                            final long lastPosition, final boolean hasRecords) {
        this.queue = directory.open(generation);
        this.generation = generation;
        this.durability = durability;
        this.configFingerprint = configFingerprint;
        this.lastSequence = lastSequence;
        this.lastTimestamp = lastTimestamp;
        this.lastPosition = lastPosition;
        this.headerWritten = hasRecords;
    }

    public int generation() {
        return generation;
    }

    @Override
    public long append(final Command command) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        if (!headerWritten) {
            try (DocumentContext dc = appender.writingDocument()) {
                writeRecord(dc.wire().bytes(), codec.encodeHeader(configFingerprint, command.sequence));
            }
            lastPosition = appender.lastIndexAppended();
            headerWritten = true;
        }
        if (batch == null) {
            batch = appender.writingDocument();
            batchBytes = batch.wire().bytes();
        }
        writeRecord(batchBytes, codec.encode(command));
        lastSequence = command.sequence;
        lastTimestamp = command.timestamp;
        // the position of the last whole document: a replay from it skips by sequence what it already has
        return lastPosition;
    }

    private void writeRecord(final net.openhft.chronicle.bytes.Bytes<?> bytes, final int length) {
        bytes.writeUnsignedByte(length);
        bytes.write(codec.bytes(), 0, length);
    }

    @Override
    public void endOfBatch() {
        if (batch == null) {
            return;
        }
        batch.close();
        batch = null;
        batchBytes = null;
        lastPosition = appender.lastIndexAppended();
        if (durability == Durability.SYNC) {
            appender.sync();
        }
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    public long lastTimestamp() {
        return lastTimestamp;
    }

    @Override
    public long lastPosition() {
        return lastPosition;
    }

    @Override
    public void close() {
        endOfBatch();
        if (appender != null) {
            appender.singleThreadedCheckReset();
            appender.close();
        }
        queue.close();
    }
}
