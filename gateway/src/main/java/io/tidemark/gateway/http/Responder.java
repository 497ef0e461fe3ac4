package io.tidemark.gateway.http;

import io.netty.channel.Channel;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;

/**
 * Sends a response on the request's channel from any thread (the pipeline's reply stage included):
 * the write happens on the channel's event loop, never by blocking the caller.
 *
 * <p>A responder made for a request guards its continuations: an {@link ApiException} a continuation
 * throws (e.g. {@code outcome.valueOrThrow()} on an engine rejection) becomes that request's error
 * response, and any other exception a 500 {@code internal_error}, instead of escaping into the event
 * loop and leaving the client without an answer.
 */
public final class Responder {
    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final Channel channel;
    private final ApiRequest request;
    private final Executor executor;
    private volatile boolean answered;

    public Responder(final Channel channel) {
        this(channel, null);
    }

    public Responder(final Channel channel, final ApiRequest request) {
        this.channel = channel;
        this.request = request;
        this.executor = request == null ? channel.eventLoop() : new Guarded(this);
    }

    /** The channel's event loop: where continuations run. */
    public Executor executor() {
        return executor;
    }

    /**
     * Runs continuations on the channel's event loop and answers a request whose continuation failed.
     * Tells which loop it runs on, so replies of one ring batch bound for the same loop travel as one task
     * whatever request each belongs to.
     */
    public static final class Guarded implements Executor {
        private final Responder responder;

        private Guarded(final Responder responder) {
            this.responder = responder;
        }

        public Executor eventLoop() {
            return responder.channel.eventLoop();
        }

        @Override
        public void execute(final Runnable task) {
            eventLoop().execute(() -> runHere(task));
        }

        /** Runs {@code task} on the calling thread, which must be the event loop. */
        public void runHere(final Runnable task) {
            try {
                task.run();
            } catch (final ApiException e) {
                responder.failOnce(e);
            } catch (final RuntimeException e) {
                LOG.error("event=continuation_failed route={} error={}", responder.request.route(), e.toString(), e);
                responder.failOnce(new ApiException(ErrorCode.INTERNAL_ERROR, "internal error"));
            }
        }
    }

    private void failOnce(final ApiException error) {
        if (!answered) {
            fail(request, error);
        }
    }

    public void send(final ApiResponse response) {
        answered = true;
        if (channel.eventLoop().inEventLoop()) {
            channel.writeAndFlush(response);
        } else {
            channel.eventLoop().execute(() -> channel.writeAndFlush(response));
        }
    }

    public void fail(final ApiRequest request, final ApiException error) {
        send(ApiResponse.error(request, error));
    }
}
