package io.tidemark.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.tidemark.gateway.error.ErrorCode;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One WebSocket connection's way out. Any thread (the view thread above all) may hand it a framed
 * message ({@link WsFrames}); it is queued and written on the channel's event loop by one drain task
 * per burst with one flush, so a sender never blocks and never pays a syscall. Only what the channel
 * takes while writable is handed to Netty (its write-buffer water mark), the rest waits here, so the
 * backlog of a client that stops reading piles up where it can be dropped. The unsent backlog —
 * queued here plus Netty's outbound buffer — is bounded: past it the connection is a slow consumer:
 * the queued backlog is dropped, the client is sent {@code slow_consumer} and a close frame (1008), and
 * the connection ends when the client closes or after {@link #CLOSE_GRACE_MILLIS}; nothing more is
 * queued for it. Thread safe for {@link #send}; the rest is event-loop only.
 */
final class Outbox {
    /** How long a slow consumer gets to answer the close before the connection is cut anyway. */
    static final long CLOSE_GRACE_MILLIS = 2_000;

    private record Pending(ByteBuf frame, long eventNanos) {
    }

    private final Channel channel;
    private final EventLoop loop;
    private final long maxBacklogBytes;
    private final LongConsumer deliveryObserver;
    private final Runnable onSlowConsumer;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean cut = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private long lastWriteNanos = System.nanoTime();

    /** {@code onSlowConsumer} runs once, on the event loop, when the connection is cut for its backlog. */
    Outbox(final Channel channel, final long maxBacklogBytes, final LongConsumer deliveryObserver,
           final Runnable onSlowConsumer) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.maxBacklogBytes = maxBacklogBytes;
        this.deliveryObserver = deliveryObserver;
        this.onSlowConsumer = onSlowConsumer;
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

    /** The channel became writable again: hand it what waited (event loop). */
    void writable() {
        if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            loop.execute(drain);
        }
    }

    /**
     * Stops sending for good and drops what is queued (event loop): the connection is ending, e.g. with a
     * close frame the caller writes itself.
     */
    void stop() {
        cut.set(true);
        dropQueued();
    }

    private void dropQueued() {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            queuedBytes.addAndGet(-pending.frame.readableBytes());
            pending.frame.release();
        }
    }

    /** Nanos since the last write (event loop only): the heartbeat's idle test. */
    long idleNanos(final long now) {
        return now - lastWriteNanos;
    }

    private void drain() {
        drainScheduled.set(false);
        if (!channel.isActive() || cut.get()) {
            dropQueued();
            return;
        }
        // write while the channel takes it; a flush may make room again (the socket took it all), so go on
        // until the queue is empty or the channel stays full, when channelWritabilityChanged resumes
        do {
            int written = 0;
            Pending pending;
            while (channel.isWritable() && (pending = queue.poll()) != null) {
                queuedBytes.addAndGet(-pending.frame.readableBytes());
                write(pending);
                written++;
            }
            if (written == 0) {
                return;
            }
            lastWriteNanos = System.nanoTime();
            channel.flush();
        } while (channel.isWritable() && !queue.isEmpty());
    }

    private void write(final Pending pending) {
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
    }

    /** Tells the client it fell behind and closes: it must never hold up the engine or other clients. */
    private void slowConsumer() {
        cut(ErrorCode.SLOW_CONSUMER, "the unsent backlog passed " + maxBacklogBytes + " bytes; reconnect and resubscribe",
            WebSocketCloseStatus.POLICY_VIOLATION, "slow consumer", onSlowConsumer);
    }

    /**
     * Ends the connection for good, from any thread, once: what is queued is dropped, {@code onCut} runs on
     * the event loop, then the client is sent the error message and a close frame with {@code status}, and the
     * connection ends when the client closes or after {@link #CLOSE_GRACE_MILLIS}.
     */
    void cut(final ErrorCode code, final String message, final WebSocketCloseStatus status, final String reason,
             final Runnable onCut) {
        if (!cut.compareAndSet(false, true)) {
            return;
        }
        loop.execute(() -> {
            dropQueued();
            onCut.run();
            if (!channel.isActive()) {
                return;
            }
            channel.write(WsFrames.text(WsMessages.error(null, code, message, null)));
            channel.writeAndFlush(new CloseWebSocketFrame(status, reason));
            loop.schedule(() -> {
                channel.close();
            }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
