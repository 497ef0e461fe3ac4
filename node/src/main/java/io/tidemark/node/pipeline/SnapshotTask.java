package io.tidemark.node.pipeline;

import io.tidemark.engine.snapshot.SnapshotOutput;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A snapshot being taken as it passes down the ring: the journal stage records the last journaled
 * sequence and position, the engine stage writes the engine, the view stage each read model, and
 * the reply stage hands the finished task to whoever persists it (off the pipeline threads).
 */
public final class SnapshotTask {
    private final Consumer<SnapshotTask> onReady;
    long sequence;
    long timestamp;
    long journalPosition;
    final SnapshotOutput engine = new SnapshotOutput(1 << 20);
    final Map<String, SnapshotOutput> readModels = new LinkedHashMap<>();

    public SnapshotTask(final Consumer<SnapshotTask> onReady) {
        this.onReady = onReady;
    }

    /** Sequence of the last command this snapshot includes. */
    public long sequence() {
        return sequence;
    }

    /** Timestamp of that command. */
    public long timestamp() {
        return timestamp;
    }

    public long journalPosition() {
        return journalPosition;
    }

    public SnapshotOutput engine() {
        return engine;
    }

    /** Each read model's section, by name, in registration order. */
    public Map<String, SnapshotOutput> readModels() {
        return readModels;
    }

    void ready() {
        onReady.accept(this);
    }
}
