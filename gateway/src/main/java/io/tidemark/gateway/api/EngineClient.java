package io.tidemark.gateway.api;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.marketdata.MarketData;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import io.tidemark.node.pipeline.Sequencer;
import io.tidemark.node.pipeline.SlotFailure;
import io.tidemark.node.view.AccountViews;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The gateway's way into the pipeline. A command or a read goes into the ring without blocking; what
 * the caller needs from the read models is copied out on the view thread (the only thread that may
 * read them), and the continuation then runs on the caller's executor (a channel's event loop), where
 * JSON is built and written. The continuations of one ring batch are handed to each executor as one task
 * at the end of the batch ({@link ReplyBatch}), in the order the ring answered them. A full ring or a stopped pipeline is answered at once with
 * {@code engine_busy}: nothing was accepted.
 */
public final class EngineClient {
    private final Pipeline pipeline;
    /** Where commands are sequenced: the pipeline itself, or a cluster's log feeding it. */
    private final Sequencer sequencer;
    /** The effective configuration (with the listings the views have seen), readable on any thread. */
    private final Supplier<ExchangeConfig> config;
    /** The read models, handed to every {@link ViewRead} (built once: reads run per request). */
    private final Views views;
    private final HistoryReads history;
    /** Owned by the pipeline's reply thread. */
    private final ReplyBatch replies = new ReplyBatch();

    /** Reads what the answer needs, on the view thread, after the command (if any) was applied. */
    @FunctionalInterface
    public interface ViewRead<T> {
        T read(Views views, Command command, CommandSlot slot);
    }

    /** The read models, for {@link ViewRead}s only. */
    public record Views(AccountViews accounts, MarketData marketData) {
    }

    /** What came back: the value read, or why there is none. */
    public record Outcome<T>(T value, ApiException error) {
        public T valueOrThrow() {
            if (error != null) {
                throw error;
            }
            return value;
        }
    }

    public EngineClient(final Pipeline pipeline, final Supplier<ExchangeConfig> config, final AccountViews accounts,
                        final MarketData marketData, final HistoryReads history) {
        this(pipeline, pipeline::submit, config, accounts, marketData, history);
    }

    /**
     * Commands go to {@code sequencer}, which must deliver them, in its order, to {@code pipeline} with the
     * handler given; reads go to the pipeline directly.
     */
    public EngineClient(final Pipeline pipeline, final Sequencer sequencer, final Supplier<ExchangeConfig> config,
                        final AccountViews accounts, final MarketData marketData, final HistoryReads history) {
        this.pipeline = pipeline;
        this.sequencer = sequencer;
        this.config = config;
        this.views = new Views(accounts, marketData);
        pipeline.addReplyBatchListener(replies);
        this.history = history;
    }

    /** The history store, for what the views no longer hold. */
    public HistoryReads history() {
        return history;
    }

    /**
     * The configured assets and markets and those listed since, as the views know them: a request that
     * follows the answer to a listing finds the new asset or market.
     */
    public ExchangeConfig config() {
        return config.get();
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** Applies {@code command} (copied into the ring: the caller may reuse it at once). */
    public <T> void command(final Command command, final ViewRead<T> read, final Executor executor,
                            final Consumer<Outcome<T>> then) {
        check(sequencer.submit(command, new Pending<>(this, read, false, executor, then)));
    }

    /**
     * As {@link #command}, for a read that also decodes the command's events from the slot
     * ({@link CommandSlot#events}): only then are they encoded there on the fused core thread.
     */
    public <T> void commandReadingEvents(final Command command, final ViewRead<T> read, final Executor executor,
                                         final Consumer<Outcome<T>> then) {
        check(sequencer.submit(command, new Pending<>(this, read, true, executor, then)));
    }

    /**
     * Why the read models can no longer be trusted (a cluster gateway's replica behind what the cluster still
     * retains), or null while they can; any thread.
     */
    public String unavailable() {
        return sequencer.unavailable();
    }

    /** Reads the read models after every command submitted before; refused when they cannot be trusted. */
    public <T> void query(final ViewRead<T> read, final Executor executor, final Consumer<Outcome<T>> then) {
        final String unavailable = unavailable();
        if (unavailable != null) {
            // a replica that cannot catch up says so rather than answer from stale state
            throw new ApiException(ErrorCode.ENGINE_BUSY, unavailable);
        }
        check(pipeline.submitQuery(new Pending<>(this, read, false, executor, then)));
    }

    private static void check(final Pipeline.Submit submit) {
        switch (submit) {
            case PUBLISHED -> {
            }
            case BUSY -> throw new ApiException(ErrorCode.ENGINE_BUSY, "the engine is busy; the request was not accepted, retry");
            case STOPPED -> throw new ApiException(ErrorCode.ENGINE_BUSY, "the engine is not accepting commands; the request was not accepted");
            default -> throw new IllegalStateException(submit.toString());
        }
    }

    private static final class Pending<T> implements ReplyHandler {
        private final EngineClient client;
        private final ViewRead<T> read;
        private final boolean readsEvents;
        private final Executor executor;
        private final Consumer<Outcome<T>> then;
        private Outcome<T> outcome;

        Pending(final EngineClient client, final ViewRead<T> read, final boolean readsEvents, final Executor executor,
                final Consumer<Outcome<T>> then) {
            this.client = client;
            this.read = read;
            this.readsEvents = readsEvents;
            this.executor = executor;
            this.then = then;
        }

        @Override
        public boolean readsEvents() {
            return readsEvents;
        }

        @Override
        public void onViews(final CommandSlot slot) {
            if (slot.failure() != SlotFailure.NONE) {
                outcome = new Outcome<>(null, new ApiException(ErrorCode.INTERNAL_ERROR,
                    "the command could not be processed (" + slot.failure().name().toLowerCase() + "); it was not applied"));
                return;
            }
            try {
                outcome = new Outcome<>(read.read(client.views, slot.command(), slot), null);
            } catch (final ApiException e) {
                outcome = new Outcome<>(null, e);
            } catch (final RuntimeException e) {
                outcome = new Outcome<>(null, new ApiException(ErrorCode.INTERNAL_ERROR, "internal error"));
            }
        }

        @Override
        public void onReply(final CommandSlot slot) {
            final Outcome<T> result = outcome != null ? outcome : new Outcome<>(null,
                new ApiException(ErrorCode.INTERNAL_ERROR, "the command was not processed"));
            client.replies.add(executor, () -> then.accept(result));
        }
    }
}
