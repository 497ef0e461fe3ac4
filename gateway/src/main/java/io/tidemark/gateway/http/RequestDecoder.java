package io.tidemark.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.List;

/**
 * Netty's HTTP/1.1 request decoder, able to stop between requests. While the {@link RequestSequencer}
 * holds as many requests as it takes in, {@link #pause()} leaves the next request undecoded in this
 * decoder's buffer and stops the channel reading, so a client that pipelines more is held back by TCP;
 * {@link #resume()} decodes what was held and reads again. (Netty's {@code HttpServerCodec} cannot stop
 * decoding what it has read, and closes a connection with more than 128 requests unanswered.) One per
 * channel; runs on its event loop.
 */
public final class RequestDecoder extends HttpRequestDecoder {
    private final Runnable decodeHeld = this::decodeHeld;
    private ChannelHandlerContext ctx;
    /** Nothing of the next request decoded yet, or only part of its headers. */
    private boolean betweenRequests = true;
    private boolean paused;
    private boolean resumePending;

    public RequestDecoder(final HttpDecoderConfig config) {
        super(config);
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) throws Exception {
        if (paused && betweenRequests) {
            return;
        }
        final int before = out.size();
        super.decode(ctx, in, out);
        for (int i = before; i < out.size(); i++) {
            final Object decoded = out.get(i);
            if (decoded instanceof HttpRequest) {
                betweenRequests = false;
            }
            if (decoded instanceof LastHttpContent) {
                betweenRequests = true;
            }
        }
    }

    /** Decodes no further request and stops reading. */
    void pause() {
        if (paused) {
            return;
        }
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    /**
     * Decodes the requests held while paused and reads again. Deferred to its own task: it is called
     * while a response is being written, and decoding there would run the next requests inside that.
     */
    void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        if (!resumePending) {
            resumePending = true;
            ctx.executor().execute(decodeHeld);
        }
    }

    boolean isPaused() {
        return paused;
    }

    private void decodeHeld() {
        resumePending = false;
        if (paused) {
            return;
        }
        if (!ctx.isRemoved()) {
            try {
                // an empty read makes the decoder go through what it holds
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
            } catch (final Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }
        if (!paused) {
            ctx.channel().config().setAutoRead(true);
        }
    }
}
