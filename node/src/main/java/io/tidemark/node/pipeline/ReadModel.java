package io.tidemark.node.pipeline;

import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * A read model fed by engine events on the view stage, snapshotted with the engine at the same
 * sequence so that recovery restores it exactly. Owned by the view thread.
 */
public interface ReadModel extends EngineListener {
    /** A stable name for its section of a snapshot. */
    String name();

    void writeSnapshot(SnapshotOutput out);

    /** Restores from a snapshot into an empty model. */
    void readSnapshot(SnapshotInput in);

    /**
     * The effective configuration grew: assets or markets were listed at run time. A model that keeps
     * something per asset or per market grows to it. Called by the model itself when a listing completes
     * ({@link io.tidemark.engine.config.Listing#apply}), and by recovery on an empty model before it reads
     * a snapshot taken after listings.
     */
    default void listed(ExchangeConfig effective) {
    }
}
