package io.tidemark.node;

import io.tidemark.engine.api.Command;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Test helper: submits to a node and waits for the outcome. */
public final class NodeClient {
    private final Node node;

    public NodeClient(final Node node) {
        this.node = node;
    }

    /** Submits, retrying while the ring is busy, and waits; returns a copy of the command as applied. */
    public Command submit(final Command command) {
        final CompletableFuture<Command> done = new CompletableFuture<>();
        final ReplyHandler handler = slot -> {
            final Command applied = new Command().copyFrom(slot.command());
            applied.result = slot.command().result;
            applied.resultId = slot.command().resultId;
            done.complete(applied);
        };
        Pipeline.Submit submit;
        while ((submit = node.pipeline().submit(command, handler)) == Pipeline.Submit.BUSY) {
            Thread.onSpinWait();
        }
        if (submit != Pipeline.Submit.PUBLISHED) {
            throw new IllegalStateException("not accepted: " + submit);
        }
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code read} on the view thread, after every command submitted before, and returns its result. */
    public <T> T query(final Function<Node, T> read) {
        final CompletableFuture<T> done = new CompletableFuture<>();
        final ReplyHandler handler = new ReplyHandler() {
            @Override
            public void onViews(final CommandSlot slot) {
                done.complete(read.apply(node));
            }

            @Override
            public void onReply(final CommandSlot slot) {
            }
        };
        if (node.pipeline().submitQuery(handler) != Pipeline.Submit.PUBLISHED) {
            throw new IllegalStateException("query not accepted");
        }
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
