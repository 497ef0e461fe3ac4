package io.tidemark.node.pipeline;

import io.tidemark.engine.api.Command;

/**
 * Where a command goes to be given its place in the one order every replica applies: the pipeline's own
 * journal stage on a single node, a cluster's replicated log when the engine is clustered. Either way the
 * handler hears back once the command was applied and the read models reflect it. Never blocks.
 */
public interface Sequencer {
    /** Offers {@code command} (copied: the caller may reuse it). */
    Pipeline.Submit submit(Command command, ReplyHandler handler);

    /**
     * Why the state fed by this sequencer can no longer be trusted (a replica that fell behind what its
     * upstream can still give it), or null while it can: reads of that state are then refused too.
     */
    default String unavailable() {
        return null;
    }

    /** Stops taking commands (before the node they feed is closed). */
    default void close() {
    }
}
