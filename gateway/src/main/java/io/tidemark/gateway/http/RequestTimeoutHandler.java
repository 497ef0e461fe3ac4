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
 *
 * <p>One check per connection rather than a timer per request: a request only notes when it started,
 * and the pending check, when it fires, closes the connection if the request still open started too
 * long ago, or comes back when that one would be due. Scheduling and cancelling a timer for every
 * request cost the event loop a priority-queue insert and removal each time.
 */
public final class RequestTimeoutHandler extends ChannelDuplexHandler {
    private static final long IDLE = -1;

    private final long timeoutNanos;
    /** When the request now arriving started, or {@link #IDLE} between requests. */
    private long startedNanos = IDLE;
    private ScheduledFuture<?> check;

    public RequestTimeoutHandler(final long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (msg instanceof HttpRequest && startedNanos == IDLE) {
            startedNanos = ctx.executor().ticker().nanoTime();
            if (check == null) {
                check = ctx.executor().schedule(() -> check(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        if (msg instanceof LastHttpContent) {
            startedNanos = IDLE;
        }
        ctx.fireChannelRead(msg);
    }

    private void check(final ChannelHandlerContext ctx) {
        check = null;
        if (startedNanos == IDLE) {
            return;
        }
        final long late = ctx.executor().ticker().nanoTime() - startedNanos;
        if (late >= timeoutNanos) {
            ctx.close();
        } else {
            check = ctx.executor().schedule(() -> check(ctx), timeoutNanos - late, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        cancelCheck();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(final ChannelHandlerContext ctx) {
        cancelCheck();
    }

    private void cancelCheck() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
