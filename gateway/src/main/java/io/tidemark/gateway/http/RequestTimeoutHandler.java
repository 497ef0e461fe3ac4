package io.tidemark.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request does not arrive in full within the limit of its first byte: a
 * client trickling a request a byte at a time would otherwise hold a connection forever. One per channel.
 */
public final class RequestTimeoutHandler extends ChannelDuplexHandler {
    private final long timeoutMillis;
    private ScheduledFuture<?> pending;

    public RequestTimeoutHandler(final long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (msg instanceof HttpRequest && pending == null) {
            pending = ctx.executor().schedule(() -> ctx.close(), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        if (msg instanceof LastHttpContent && pending != null) {
            pending.cancel(false);
            pending = null;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
