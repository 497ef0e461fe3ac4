package io.tidemark.gateway.api;

import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.history.History;
import io.tidemark.history.store.HistoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads of the history store for what the account views no longer hold. A read first waits for the
 * writer to reach the sequence the views had when they were asked (taken on the view thread), so an
 * order or fill that left the views but was not yet written is still found: memory and store join
 * without a gap. The wait and the SQL run on a small pool of their own, never on an event loop or the
 * view thread; the answer goes back to the caller's executor.
 */
public final class HistoryReads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryReads.class);
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final History history;
    private final ExecutorService pool;

    public HistoryReads(final History history, final int threads) {
        this.history = history;
        final AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            final Thread thread = new Thread(runnable, "tidemark-history-read-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public History history() {
        return history;
    }

    /** On the view thread: the sequence a later {@link #read} must see. */
    public long viewsSequence() {
        return history.viewsSequence();
    }

    /**
     * Runs {@code read} against the store once it has everything up to {@code sequence}, then {@code then}
     * on {@code executor}; a store that does not get there in time answers 503 {@code engine_busy}.
     */
    public <T> void read(final long sequence, final Function<HistoryStore, T> read, final Executor executor,
                         final Consumer<EngineClient.Outcome<T>> then) {
        try {
            pool.execute(() -> {
                EngineClient.Outcome<T> outcome;
                try {
                    if (!history.awaitReached(sequence, WAIT_NANOS)) {
                        outcome = new EngineClient.Outcome<>(null, new ApiException(ErrorCode.ENGINE_BUSY,
                            "the history store is behind; retry"));
                    } else {
                        outcome = new EngineClient.Outcome<>(read.apply(history.store()), null);
                    }
                } catch (final ApiException e) {
                    outcome = new EngineClient.Outcome<>(null, e);
                } catch (final RuntimeException e) {
                    LOG.error("event=history_store_failed", e);
                    outcome = new EngineClient.Outcome<>(null, new ApiException(ErrorCode.INTERNAL_ERROR, "internal error"));
                }
                final EngineClient.Outcome<T> result = outcome;
                executor.execute(() -> then.accept(result));
            });
        } catch (final RejectedExecutionException e) {
            executor.execute(() -> then.accept(new EngineClient.Outcome<>(null,
                new ApiException(ErrorCode.ENGINE_BUSY, "the server is stopping"))));
        }
    }

    /**
     * Runs {@code work} against the store now (no waiting for the writer), on the same pool, then
     * {@code then} on {@code executor}: the operator's audit log and withdrawal addresses, which the
     * gateway itself writes.
     */
    public <T> void write(final Function<HistoryStore, T> work, final Executor executor,
                          final Consumer<EngineClient.Outcome<T>> then) {
        read(0, work, executor, then);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
