package io.tidemark.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after its last response without losing that response. A client may still be
 * sending (the rest of an oversized body, more pipelined requests); closing a socket with unread input
 * makes the kernel answer with a reset, and a reset can destroy the response in the client's receive
 * buffer before it is read. So: send FIN, drop whatever still arrives, and close when the client does
 * or after {@link #LINGER_MILLIS}.
 */
final class LingeringClose {
    static final long LINGER_MILLIS = 2_000;

    private LingeringClose() {
    }

    /** Call once the last response is written ({@code written}: whether that succeeded). */
    static void after(final ChannelHandlerContext ctx, final boolean written) {
        if (!written || !(ctx.channel() instanceof DuplexChannel duplex) || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        if (ctx.pipeline().get("discard") == null) {
            ctx.pipeline().addFirst("discard", new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(final ChannelHandlerContext discard, final Object msg) {
                    ReferenceCountUtil.release(msg);
                }
            });
        }
        // the request timeout would otherwise close early on a body still trickling in, resetting the answer
        if (ctx.pipeline().get(RequestTimeoutHandler.class) != null) {
            ctx.pipeline().remove(RequestTimeoutHandler.class);
        }
        // a client still writing must get to its close: a connection that stopped reading reads again
        ctx.channel().config().setAutoRead(true);
        duplex.shutdownOutput();
        final ScheduledFuture<?> close = ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(closed -> close.cancel(false));
    }
}
