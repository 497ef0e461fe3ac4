package io.tidemark.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The public fan-out's way onto one event loop. The messages one command produces (its trades, book
 * delta, ticker, candles) are staged here with the subscribers of this loop each is for, and handed to the
 * loop together, once, at the command's end — not once per subscriber. The loop writes everything handed
 * to it since it last ran, in order, to each subscriber's channel, then flushes each channel it wrote to
 * once: one task per loop per command, and one flush per channel per loop iteration, however many
 * messages and subscribers. (Handing each message alone made the loop flush each subscriber once per
 * message: measured, it delivered fewer frames than a task per subscriber, which coalesces.)
 *
 * <p>{@link #collect}, {@link #stage} and {@link #hand} are the view thread's (not thread safe);
 * {@link #run} is the loop's.
 */
final class LoopDelivery implements Runnable {
    /** One message for some of this loop's subscribers. */
    private record Message(ByteBuf frame, Subscription[] to, long eventNanos) {
    }

    private final EventLoop loop;
    private final Queue<List<Message>> handed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** View thread: the subscribers of the message being published that this loop serves. */
    private Subscription[] collecting = new Subscription[16];
    private int collected;
    /** View thread: the messages of the command so far. */
    private List<Message> staged = new ArrayList<>();
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
     * Stages {@code frame} (owned from here on) for the subscribers collected since the last call, or
     * releases it when none were (view thread).
     */
    void stage(final ByteBuf frame, final long eventNanos) {
        if (collected == 0) {
            frame.release();
            return;
        }
        staged.add(new Message(frame, Arrays.copyOf(collecting, collected), eventNanos));
        Arrays.fill(collecting, 0, collected, null);
        collected = 0;
    }

    /** Hands the loop what was staged, in one task at most (view thread). */
    void hand() {
        if (staged.isEmpty()) {
            return;
        }
        handed.add(staged);
        staged = new ArrayList<>();
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
        List<Message> messages;
        while ((messages = handed.poll()) != null) {
            for (int m = 0; m < messages.size(); m++) {
                final Message message = messages.get(m);
                try {
                    for (final Subscription subscription : message.to()) {
                        if (subscription.live()) {
                            final Outbox outbox = subscription.outbox;
                            if (outbox.deliver(message.frame().retainedDuplicate(), message.eventNanos())
                                && outbox.markWritten()) {
                                written.add(outbox);
                            }
                        }
                    }
                } finally {
                    message.frame().release();
                }
            }
        }
        for (int i = 0; i < written.size(); i++) {
            written.get(i).flushWritten();
        }
        written.clear();
    }

    private void drop() {
        List<Message> messages;
        while ((messages = handed.poll()) != null) {
            for (final Message message : messages) {
                message.frame().release();
            }
        }
    }
}
