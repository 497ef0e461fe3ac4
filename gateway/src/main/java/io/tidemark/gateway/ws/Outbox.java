package io.tidemark.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One WebSocket connection's way out. Any thread (the view thread above all) may hand it an encoded
 * message; the write happens on the channel's event loop, so a sender never blocks. The bytes handed
 * over and not yet written to the socket are counted: past the bound the connection is a slow
 * consumer and is told so and closed, and nothing more is queued for it. Writes queued together are
 * flushed together (one flush task per burst). Thread safe for {@link #send}; the rest is event-loop only.
 */
final class Outbox {
    /** How long a slow consumer gets to take its error frame before the connection is cut anyway. */
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private final Channel channel;
    private final EventLoop loop;
    private final long maxBacklogBytes;
    private final LongConsumer deliveryObserver;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicBoolean cut = new AtomicBoolean();
    private boolean flushScheduled;
    private long lastWriteNanos = System.nanoTime();

    Outbox(final Channel channel, final long maxBacklogBytes, final LongConsumer deliveryObserver) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.maxBacklogBytes = maxBacklogBytes;
        this.deliveryObserver = deliveryObserver;
    }

    /** Queues one text message (takes ownership of {@code payload}). */
    void send(final ByteBuf payload) {
        send(payload, 0);
    }

    /**
     * Queues one text message; {@code eventNanos} ({@link System#nanoTime()} when the engine event was
     * seen, 0 for none) is reported to the delivery observer once the frame is on the socket.
     */
    void send(final ByteBuf payload, final long eventNanos) {
        if (cut.get()) {
            payload.release();
            return;
        }
        final int bytes = payload.readableBytes();
        if (backlog.addAndGet(bytes) > maxBacklogBytes) {
            backlog.addAndGet(-bytes);
            payload.release();
            slowConsumer();
            return;
        }
        if (loop.inEventLoop()) {
            write(payload, bytes, eventNanos);
        } else {
            loop.execute(() -> write(payload, bytes, eventNanos));
        }
    }

    void send(final byte[] message) {
        send(Unpooled.wrappedBuffer(message));
    }

    boolean isCut() {
        return cut.get();
    }

    long backlogBytes() {
        return backlog.get();
    }

    /** Nanos since the last write (event loop only): the heartbeat's idle test. */
    long idleNanos(final long now) {
        return now - lastWriteNanos;
    }

    private void write(final ByteBuf payload, final int bytes, final long eventNanos) {
        if (!channel.isActive() || cut.get()) {
            backlog.addAndGet(-bytes);
            payload.release();
            return;
        }
        lastWriteNanos = System.nanoTime();
        channel.write(new TextWebSocketFrame(payload)).addListener(future -> {
            backlog.addAndGet(-bytes);
            if (eventNanos != 0 && deliveryObserver != null && future.isSuccess()) {
                deliveryObserver.accept(System.nanoTime() - eventNanos);
            }
        });
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(this::flush);
        }
    }

    private void flush() {
        flushScheduled = false;
        channel.flush();
    }

    /** Tells the client it fell behind and closes: it must never hold up the engine or other clients. */
    private void slowConsumer() {
        if (!cut.compareAndSet(false, true)) {
            return;
        }
        loop.execute(() -> {
            final byte[] error = WsMessages.error(null, io.tidemark.gateway.http.ErrorCode.SLOW_CONSUMER,
                "the unsent backlog passed " + maxBacklogBytes + " bytes; reconnect and resubscribe", null);
            channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(error)))
                .addListener(future -> channel.close());
            loop.schedule(() -> {
                channel.close();
            }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
