package io.tidemark.history;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.history.store.HistoryStore;
import io.tidemark.history.writer.HandOff;
import io.tidemark.history.writer.HistoryRecorder;
import io.tidemark.history.writer.HistoryWriter;
import io.tidemark.node.Node;
import io.tidemark.node.ReadModelSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The history store of one node: the SQL store, the read model that copies each command's changes on
 * the view thread, the bounded hand-off and the writer thread behind it. Wire it with
 * {@code nodeContext.readModel(history.readModel())} before the node starts and call
 * {@link #start(Node)} once it has recovered.
 *
 * <p>Reads that must see everything the views have seen take {@link #viewsSequence()} on the view thread
 * and {@link #awaitReached} it off the event loop before asking the {@link #store()}.
 */
public final class History implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(History.class);
    /** Commands whose history the hand-off holds; beyond it the writer reads the journal instead. */
    public static final int HAND_OFF_CAPACITY = 1 << 16;

    private final ExchangeConfig config;
    private final HistoryConfig historyConfig;
    private final HistoryStore store;
    private final HandOff handOff;
    private final HistoryWriter writer;

    private History(final Path dataDir, final ExchangeConfig config, final HistoryConfig historyConfig,
                    final int capacity, final LongSupplier clockNanos) {
        this.config = config;
        this.historyConfig = historyConfig;
        this.store = HistoryStore.open(historyConfig.jdbcUrl(dataDir), historyConfig.user(), historyConfig.password());
        this.handOff = new HandOff(capacity);
        this.writer = new HistoryWriter(store, handOff, dataDir, config, historyConfig.retention().toNanos(), clockNanos);
        LOG.info("event=history_opened store={} reached={}", store.isSqlite() ? historyConfig.jdbcUrl(dataDir)
            : "postgresql", writer.reached());
    }

    public static History open(final Path dataDir, final ExchangeConfig config, final HistoryConfig historyConfig) {
        return open(dataDir, config, historyConfig, HAND_OFF_CAPACITY,
            () -> System.currentTimeMillis() * 1_000_000L);
    }

    public static History open(final Path dataDir, final ExchangeConfig config, final HistoryConfig historyConfig,
                               final int handOffCapacity, final LongSupplier clockNanos) {
        return new History(dataDir, config, historyConfig, handOffCapacity, clockNanos);
    }

    /** The read model factory to register with the node (after the account views, as the node does). */
    public ReadModelSet.Factory readModel() {
        return set -> set.live() ? new HistoryRecorder(config, set.accounts(), handOff) : HistoryRecorder.replicaCopy(config);
    }

    /** Starts the writer once the node has recovered: it first catches the store up from the journal. */
    public void start(final Node node) {
        writer.start(node.recovery().lastSequence());
    }

    /** On the view thread: the sequence the views have reached, for {@link #awaitReached}. */
    public long viewsSequence() {
        return handOff.viewsSequence();
    }

    public boolean awaitReached(final long sequence, final long timeoutNanos) {
        return writer.awaitReached(sequence, timeoutNanos);
    }

    public HistoryStore store() {
        return store;
    }

    public HistoryWriter writer() {
        return writer;
    }

    public HistoryConfig historyConfig() {
        return historyConfig;
    }

    /** Commands the store is behind the views (the lag gauge). */
    public long lag() {
        return writer.lag();
    }

    public long dropped() {
        return handOff.dropped();
    }

    /** Writes what is handed off, stops the writer, closes the store. Call after the node is closed. */
    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
