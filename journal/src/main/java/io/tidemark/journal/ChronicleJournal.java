package io.tidemark.journal;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.pipeline.Journal;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The command journal on Chronicle Queue: each stamped command is appended as one document in the
 * compact {@link CommandCodec} form (no per-command allocation, no JSON). The appender is created on
 * the journal stage's thread, which is the only thread that appends. With {@link Durability#SYNC}
 * the batch is forced to the device before the stage releases it, so before anything is acknowledged.
 */
public final class ChronicleJournal implements Journal {
    private final SingleChronicleQueue queue;
    private final int generation;
    private final Durability durability;
    private final long configFingerprint;
    private final CommandCodec codec = new CommandCodec();
    private ExcerptAppender appender;
    private boolean headerWritten;
    private boolean unsynced;
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
            write(codec.encodeHeader(configFingerprint, command.sequence));
            headerWritten = true;
        }
        write(codec.encode(command));
        lastPosition = appender.lastIndexAppended();
        lastSequence = command.sequence;
        lastTimestamp = command.timestamp;
        unsynced = true;
        return lastPosition;
    }

    private void write(final int length) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(codec.bytes(), 0, length);
        }
    }

    @Override
    public void endOfBatch() {
        if (durability == Durability.SYNC && unsynced) {
            appender.sync();
            unsynced = false;
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
        if (appender != null) {
            appender.singleThreadedCheckReset();
            appender.close();
        }
        queue.close();
    }
}
