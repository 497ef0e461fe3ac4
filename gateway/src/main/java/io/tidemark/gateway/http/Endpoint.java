package io.tidemark.gateway.http;

import io.tidemark.gateway.error.ApiException;

/**
 * Handles one route. Runs on the channel's event loop and must not block: it either answers at once or
 * hands the work to the pipeline and answers from the continuation. An {@link ApiException} thrown
 * here becomes the contract's error response.
 */
@FunctionalInterface
public interface Endpoint {
    void handle(ApiRequest request, Responder responder);
}
