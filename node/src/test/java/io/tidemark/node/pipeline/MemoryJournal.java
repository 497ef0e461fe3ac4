package io.tidemark.node.pipeline;

import io.tidemark.engine.api.Command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A journal in memory, for pipeline tests: keeps copies of what was appended; can be told to fail. */
public final class MemoryJournal implements Journal {
    private final List<Command> commands = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean failing;
    private long lastSequence;
    private long lastTimestamp;
    private volatile long flushedSequence;

    @Override
    public long append(final Command command) {
        if (failing) {
            throw new IllegalStateException("disk full (simulated)");
        }
        commands.add(new Command().copyFrom(command));
        lastSequence = command.sequence;
        lastTimestamp = command.timestamp;
        return commands.size();
    }

    @Override
    public void endOfBatch() {
        flushedSequence = lastSequence;
    }

    /** The last sequence an end of batch (the flush point of a real journal) covered. */
    public long flushedSequence() {
        return flushedSequence;
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
        return commands.size();
    }

    public List<Command> commands() {
        return commands;
    }

    public void failFromNowOn() {
        failing = true;
    }

    @Override
    public void close() {
    }
}
