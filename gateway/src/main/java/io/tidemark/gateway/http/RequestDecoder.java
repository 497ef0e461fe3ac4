package io.tidemark.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.tidemark.gateway.error.ErrorCode;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty's HTTP/1.1 request decoder, able to stop between requests and keeping the header deadline.
 *
 * <p>While the {@link RequestSequencer} holds as many requests as it takes in, {@link #pause()} leaves
 * the next request undecoded in this decoder's buffer and stops the channel reading, so a client that
 * pipelines more is held back by TCP; {@link #resume()} decodes what was held and reads again. (Netty's
 * {@code HttpServerCodec} cannot stop decoding what it has read, and closes a connection with more than
 * 128 requests unanswered.)
 *
 * <p>Only the decoder knows which bytes it holds, so it keeps the header deadline: bytes of a request
 * whose headers are incomplete start a clock, complete headers stop it, and a request still without
 * them after the limit is given up: a {@link RequestSequencer.Refusal} (408 {@code request_timeout})
 * goes to the sequencer, which answers it in its turn and ends the connection, and nothing after it is
 * decoded. The idle timeout cannot catch a client trickling its headers (every byte resets it), nor the
 * request timeout (it starts once the headers are in). While paused the clock does not run: it is the
 * server that is not reading; it starts when decoding goes on. One per channel; runs on its event loop.
 */
public final class RequestDecoder extends HttpRequestDecoder {
    private static final long IDLE = -1;

    private final long headerTimeoutNanos;
    private final RequestSequencer.Refusal timedOut;
    private final Runnable decodeHeld = this::decodeHeld;
    private final Runnable check = this::check;
    private ChannelHandlerContext ctx;
    /** Nothing of the next request decoded yet, or only part of its headers. */
    private boolean betweenRequests = true;
    /** The next request's first line is in, its headers are not. */
    private boolean requestLineIn;
    private boolean paused;
    private boolean resumePending;
    /** A request ran out of time: what follows is dropped. */
    private boolean expired;
    /** When bytes of a request whose headers are incomplete were first held, or {@link #IDLE}. */
    private long headersSinceNanos = IDLE;
    private ScheduledFuture<?> pendingCheck;

    public RequestDecoder(final HttpDecoderConfig config, final long headerTimeoutMillis) {
        super(config);
        this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMillis);
        this.timedOut = new RequestSequencer.Refusal(ErrorCode.REQUEST_TIMEOUT,
            "the request's headers did not arrive within " + headerTimeoutMillis + " ms of its first byte");
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) throws Exception {
        if (expired) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (paused && betweenRequests) {
            return;
        }
        final int before = out.size();
        super.decode(ctx, in, out);
        for (int i = before; i < out.size(); i++) {
            final Object decoded = out.get(i);
            if (decoded instanceof HttpRequest) {
                betweenRequests = false;
                requestLineIn = false;
                headersSinceNanos = IDLE;
            }
            if (decoded instanceof LastHttpContent) {
                betweenRequests = true;
            }
        }
    }

    @Override
    protected HttpMessage createMessage(final String[] initialLine) throws Exception {
        requestLineIn = true;
        return super.createMessage(initialLine);
    }

    @Override
    protected void callDecode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
        super.callDecode(ctx, in, out);
        // all that could be decoded is: a request line taken in, or bytes left over (the decoder has
        // skipped stray line breaks between requests already), are a request still without its headers
        if (betweenRequests && (requestLineIn || in.isReadable()) && headersSinceNanos == IDLE && !paused && !expired
            && !ctx.isRemoved()) {
            headersSinceNanos = ctx.executor().ticker().nanoTime();
            if (pendingCheck == null) {
                pendingCheck = ctx.executor().schedule(check, headerTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * One pending check per connection, not a timer per request (as in {@link RequestTimeoutHandler}): it
     * gives the request up when its time is out, or comes back when it would be.
     */
    private void check() {
        pendingCheck = null;
        if (headersSinceNanos == IDLE) {
            return;
        }
        final long late = ctx.executor().ticker().nanoTime() - headersSinceNanos;
        if (late < headerTimeoutNanos) {
            pendingCheck = ctx.executor().schedule(check, headerTimeoutNanos - late, TimeUnit.NANOSECONDS);
            return;
        }
        expired = true;
        headersSinceNanos = IDLE;
        ctx.fireUserEventTriggered(timedOut);
    }

    /** Decodes no further request and stops reading. */
    void pause() {
        if (paused) {
            return;
        }
        paused = true;
        headersSinceNanos = IDLE;
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

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
        cancelCheck();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(final ChannelHandlerContext ctx) throws Exception {
        cancelCheck();
        super.handlerRemoved0(ctx);
    }

    private void cancelCheck() {
        if (pendingCheck != null) {
            pendingCheck.cancel(false);
            pendingCheck = null;
        }
    }
}
