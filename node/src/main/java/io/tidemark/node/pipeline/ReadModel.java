package io.tidemark.node.pipeline;

import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

import java.util.EnumSet;
import java.util.Set;

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
     * The kinds of event this model reads; {@link FanOut} calls it for those only. Level changes and
     * balance changes are most of the events, so a model that reads neither saves a call for each.
     */
    default Set<Event> events() {
        return EnumSet.allOf(Event.class);
    }

    /** The events of {@link EngineListener}, one per method. */
    enum Event {
        ORDER_ACCEPTED, ORDER_TRIGGERED, ORDER_AMENDED, TRADE, ORDER_CLOSED, ORDER_REJECTED, BALANCE_CHANGED,
        LEVEL_CHANGED, MARKET_STATUS_CHANGED, COMMAND_COMPLETE
    }

    /**
     * The effective configuration grew: assets or markets were listed at run time. A model that keeps
     * something per asset or per market grows to it. Called by the model itself when a listing completes
     * ({@link io.tidemark.engine.config.Listing#apply}), and by recovery on an empty model before it reads
     * a snapshot taken after listings.
     */
    default void listed(ExchangeConfig effective) {
    }
}
