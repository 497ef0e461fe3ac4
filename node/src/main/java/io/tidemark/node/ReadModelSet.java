package io.tidemark.node;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.node.pipeline.ReadModel;
import io.tidemark.node.view.AccountViews;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One set of read models fed by one engine: the node's live set, which the gateway reads and whose
 * models tell listeners (WebSocket streams, the history writer) what changed, or a replica's copy, which
 * the snapshot thread keeps level with the journal and which must tell no one. Every set starts with the
 * account views; each further model is made by its {@link Factory}, in registration order, and may read
 * the models made before it in the same set.
 */
public final class ReadModelSet {
    /** Makes one model of a set. Called once per set: recovery may make fresh sets, the replica makes its own. */
    @FunctionalInterface
    public interface Factory {
        ReadModel create(ReadModelSet set);
    }

    private final boolean live;
    private final List<ReadModel> models = new ArrayList<>();

    private ReadModelSet(final boolean live) {
        this.live = live;
    }

    static ReadModelSet create(final ExchangeConfig config, final List<Factory> factories, final boolean live) {
        final ReadModelSet set = new ReadModelSet(live);
        set.models.add(new AccountViews(config));
        for (final Factory factory : factories) {
            set.models.add(factory.create(set));
        }
        return set;
    }

    /**
     * Whether this is the node's live set. A replica's models are fed the same events but must not reach
     * outside themselves: no listeners, no hand-offs, only the state their snapshot sections hold.
     */
    public boolean live() {
        return live;
    }

    /** The set's account views: every event reaches them before the models made by factories. */
    public AccountViews accounts() {
        return (AccountViews) models.get(0);
    }

    /** The model of this type made before the caller in this set. */
    public <T extends ReadModel> T get(final Class<T> type) {
        for (final ReadModel model : models) {
            if (type.isInstance(model)) {
                return type.cast(model);
            }
        }
        throw new IllegalArgumentException("no read model of type " + type.getSimpleName() + " made before in this set");
    }

    /** The models in the order they are fed and snapshotted. */
    public List<ReadModel> models() {
        return Collections.unmodifiableList(models);
    }
}
