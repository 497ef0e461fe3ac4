package io.tidemark.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One WebSocket connection's way out. Any thread (the view thread above all) may hand it a framed
 * message ({@link WsFrames}); it is queued and written on the channel's event loop by one drain task
 * per burst with one flush, so a sender never blocks and never pays a syscall. The unsent backlog —
 * queued here plus Netty's outbound buffer — is bounded: past it the connection is a slow consumer,
 * is told so and closed, and nothing more is queued for it. Thread safe for {@link #send}; the rest
 * is event-loop only.
 */
final class Outbox {
    /** How long a slow consumer gets to take its error frame before the connection is cut anyway. */
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private record Pending(ByteBuf frame, long eventNanos) {
    }

    private final Channel channel;
    private final EventLoop loop;
    private final long maxBacklogBytes;
    private final LongConsumer deliveryObserver;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean cut = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private long lastWriteNanos = System.nanoTime();

    Outbox(final Channel channel, final long maxBacklogBytes, final LongConsumer deliveryObserver) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.maxBacklogBytes = maxBacklogBytes;
        this.deliveryObserver = deliveryObserver;
    }

    /** Frames and queues one text message. */
    void send(final byte[] message) {
        send(WsFrames.text(message), 0);
    }

    /**
     * Queues one framed message (takes ownership); {@code eventNanos} ({@link System#nanoTime()} when
     * the engine event was seen, 0 for none) goes to the delivery observer once the frame is written.
     */
    void send(final ByteBuf frame, final long eventNanos) {
        if (cut.get()) {
            frame.release();
            return;
        }
        final int bytes = frame.readableBytes();
        if (queuedBytes.addAndGet(bytes) + nettyPendingBytes() > maxBacklogBytes) {
            queuedBytes.addAndGet(-bytes);
            frame.release();
            slowConsumer();
            return;
        }
        queue.add(new Pending(frame, eventNanos));
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(drain);
        }
    }

    private long nettyPendingBytes() {
        final ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    boolean isCut() {
        return cut.get();
    }

    /** Nanos since the last write (event loop only): the heartbeat's idle test. */
    long idleNanos(final long now) {
        return now - lastWriteNanos;
    }

    private void drain() {
        drainScheduled.set(false);
        final boolean open = channel.isActive() && !cut.get();
        Pending pending;
        int written = 0;
        while ((pending = queue.poll()) != null) {
            queuedBytes.addAndGet(-pending.frame.readableBytes());
            if (!open) {
                pending.frame.release();
                continue;
            }
            final long eventNanos = pending.eventNanos;
            if (eventNanos != 0 && deliveryObserver != null) {
                channel.write(pending.frame).addListener(future -> {
                    if (future.isSuccess()) {
                        deliveryObserver.accept(System.nanoTime() - eventNanos);
                    }
                });
            } else {
                channel.write(pending.frame, channel.voidPromise());
            }
            written++;
        }
        if (written > 0) {
            lastWriteNanos = System.nanoTime();
            channel.flush();
        }
    }

    /** Tells the client it fell behind and closes: it must never hold up the engine or other clients. */
    private void slowConsumer() {
        if (!cut.compareAndSet(false, true)) {
            return;
        }
        loop.execute(() -> {
            final ByteBuf error = WsFrames.text(WsMessages.error(null, io.tidemark.gateway.error.ErrorCode.SLOW_CONSUMER,
                "the unsent backlog passed " + maxBacklogBytes + " bytes; reconnect and resubscribe", null));
            channel.writeAndFlush(error).addListener(future -> channel.close());
            loop.schedule(() -> {
                channel.close();
            }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            drain();
        });
    }
}
