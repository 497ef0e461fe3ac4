package io.tidemark.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The public fan-out's way onto one event loop: each message goes to the loop once, with the subscribers
 * of that loop it is for, instead of once per subscriber. The loop writes everything handed to it since it
 * last ran to each subscriber's channel, then flushes each channel it wrote to once — one task and one
 * flush per channel per loop iteration, however many messages and subscribers.
 *
 * <p>{@link #collect} and {@link #hand} are the view thread's (not thread safe); {@link #run} is the loop's.
 */
final class LoopDelivery implements Runnable {
    private record Batch(ByteBuf frame, Subscription[] to, int count, long eventNanos) {
    }

    private final EventLoop loop;
    private final Queue<Batch> batches = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** View thread: the subscribers of the message being published that this loop serves. */
    private Subscription[] collecting = new Subscription[16];
    private int collected;
    /** Loop: the outboxes written to in this run, flushed at its end. */
    private final ArrayList<Outbox> written = new ArrayList<>();

    LoopDelivery(final EventLoop loop) {
        this.loop = loop;
    }

    /** Adds a subscriber of the message being published (view thread). */
    void collect(final Subscription subscription) {
        if (collected == collecting.length) {
            collecting = Arrays.copyOf(collecting, collected * 2);
        }
        collecting[collected++] = subscription;
    }

    /**
     * Hands the loop {@code frame} (owned from here on) for the subscribers collected since the last call;
     * releases it when none were.
     */
    void hand(final ByteBuf frame, final long eventNanos) {
        if (collected == 0) {
            frame.release();
            return;
        }
        batches.add(new Batch(frame, Arrays.copyOf(collecting, collected), collected, eventNanos));
        Arrays.fill(collecting, 0, collected, null);
        collected = 0;
        if (scheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this);
            } catch (final RuntimeException e) {
                // the loop is shutting down: its connections are closing, nobody reads these frames
                scheduled.set(false);
                drop();
            }
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        Batch batch;
        while ((batch = batches.poll()) != null) {
            try {
                for (int i = 0; i < batch.count(); i++) {
                    final Subscription subscription = batch.to()[i];
                    if (subscription.live()) {
                        final Outbox outbox = subscription.outbox;
                        if (outbox.deliver(batch.frame().retainedDuplicate(), batch.eventNanos()) && outbox.markWritten()) {
                            written.add(outbox);
                        }
                    }
                }
            } finally {
                batch.frame().release();
            }
        }
        for (int i = 0; i < written.size(); i++) {
            written.get(i).flushWritten();
        }
        written.clear();
    }

    private void drop() {
        Batch batch;
        while ((batch = batches.poll()) != null) {
            batch.frame().release();
        }
    }
}
