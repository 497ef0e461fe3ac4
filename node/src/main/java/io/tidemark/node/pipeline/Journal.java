package io.tidemark.node.pipeline;

import io.tidemark.engine.api.Command;

/**
 * Where commands are made durable before they are applied (the port the journal module implements).
 * Called only from the journal stage's thread.
 */
public interface Journal extends AutoCloseable {
    /** Appends a stamped command; returns its position, from which a replay can resume. */
    long append(Command command);

    /** Called at the end of each batch of appends: a journal that syncs to disk does it here, once per batch. */
    void endOfBatch();

    /** Sequence of the last command appended (0 when empty). */
    long lastSequence();

    /** Timestamp of the last command appended (0 when empty); the clock never goes back past it. */
    long lastTimestamp();

    /** Position of the last command appended. */
    long lastPosition();

    @Override
    void close();
}
