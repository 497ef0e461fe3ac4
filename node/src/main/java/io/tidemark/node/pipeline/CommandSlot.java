package io.tidemark.node.pipeline;

import io.tidemark.engine.api.Command;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * One pre-allocated ring entry, mutated in place by each stage in turn: the journal stamps and
 * writes the command, the engine applies it and encodes its events here, the views read those
 * events, and the reply stage hands the slot to its {@link ReplyHandler}. A stage only touches a
 * slot after the stage before it has released it.
 */
public final class CommandSlot {
    SlotKind kind;
    final Command command = new Command();
    final ExpandableDirectByteBuffer events = new ExpandableDirectByteBuffer(512);
    int eventsLength;
    ReplyHandler handler;
    SnapshotTask snapshot;
    SlotFailure failure = SlotFailure.NONE;
    /** Where the journal put the command (for snapshots: the last journaled command). */
    long journalPosition;

    /** Makes a reused slot a fresh one of {@code kind}: what a publisher writes before anything else. */
    void reset(final SlotKind slotKind, final ReplyHandler replyHandler, final SnapshotTask snapshotTask) {
        kind = slotKind;
        handler = replyHandler;
        snapshot = snapshotTask;
        failure = SlotFailure.NONE;
        eventsLength = 0;
    }

    public SlotKind kind() {
        return kind;
    }

    /** The command as journaled and applied: sequence, timestamp, and the engine's result and result id. */
    public Command command() {
        return command;
    }

    public SlotFailure failure() {
        return failure;
    }

    /** The engine's events for this command, as encoded by the engine stage. */
    public DirectBuffer events() {
        return events;
    }

    public int eventsLength() {
        return eventsLength;
    }

    public long journalPosition() {
        return journalPosition;
    }
}
