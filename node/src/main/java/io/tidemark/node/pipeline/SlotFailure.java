package io.tidemark.node.pipeline;

/** Why a slot was not fully processed; its submitter must answer internal_error. */
public enum SlotFailure {
    NONE,
    /** The command could not be journaled, so it was not applied and is not acknowledged. */
    JOURNAL,
    /** The engine threw: the pipeline stops accepting commands, the state can no longer be trusted. */
    ENGINE
}
