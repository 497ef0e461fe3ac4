package io.tidemark.gateway.http;

import io.netty.channel.Channel;

import java.util.concurrent.Executor;

/**
 * Sends a response on the request's channel from any thread (the pipeline's reply stage included):
 * the write happens on the channel's event loop, never by blocking the caller.
 */
public final class Responder {
    private final Channel channel;

    public Responder(final Channel channel) {
        this.channel = channel;
    }

    /** The channel's event loop: where continuations run. */
    public Executor executor() {
        return channel.eventLoop();
    }

    public void send(final ApiResponse response) {
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
