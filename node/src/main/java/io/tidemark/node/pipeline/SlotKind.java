package io.tidemark.node.pipeline;

/** What a ring slot carries; only commands are journaled and reach the engine. */
public enum SlotKind {
    /** An engine command: journaled, applied, reflected in the read models, answered. */
    COMMAND,
    /** A read: answered from the read models on the view thread, after every earlier command. */
    QUERY,
    /** A snapshot of the engine and read models at the last journaled sequence. */
    SNAPSHOT
}
