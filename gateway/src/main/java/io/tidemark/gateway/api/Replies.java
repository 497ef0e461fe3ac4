package io.tidemark.gateway.api;

import io.tidemark.gateway.http.ApiException;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ErrorCode;
import io.tidemark.gateway.http.Responder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Wraps a continuation that answers a request so that it always answers: an {@link ApiException}
 * thrown while rendering (an engine rejection, a missing order) becomes its error response, anything
 * else a logged 500. Without this a throwing continuation would leave the client waiting.
 */
public final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    public static <T> Consumer<T> guard(final ApiRequest request, final Responder responder, final Consumer<T> then) {
        return value -> {
            try {
                then.accept(value);
            } catch (final ApiException e) {
                responder.fail(request, e);
            } catch (final RuntimeException e) {
                LOG.error("event=reply_failed route={} error={}", request.route(), e.toString(), e);
                responder.fail(request, new ApiException(ErrorCode.INTERNAL_ERROR, "internal error"));
            }
        };
    }
}
