package io.tidemark.history.writer;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bounded hand-off from the view thread to the history writer. The view thread never waits: when
 * the queue is full the batch is dropped and the hand-off remembers that something was lost, so the
 * next batch that fits (or the idle writer) sends the writer to the journal for what is missing.
 *
 * <p>{@link #accept} and {@link #commandCompleted} are called by the view thread only; the rest by the
 * writer and by readers.
 */
public final class HandOff implements Consumer<Batch> {
    private final ArrayBlockingQueue<Batch> queue;
    /** The view thread dropped batches that no later batch has yet announced (written by the view thread). */
    private volatile boolean lost = true;
    /** The sequence of the last command the views applied. */
    private volatile long viewsSequence;
    /** Every batch of commands up to this sequence is in the queue or taken (meaningless while lost). */
    private volatile long covered;
    private volatile long dropped;
    // view thread only
    private boolean losing = true;

    /**
     * @param capacity batches the queue holds. It starts as if something was lost, so the writer first
     *                 brings the store up to the views from the journal.
     */
    public HandOff(final int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void accept(final Batch batch) {
        final Batch offered = losing ? new Batch(batch.sequence(), batch.time(), batch.type(), batch.resultId(), true,
            batch.orders(), batch.fills(), batch.balances()) : batch;
        if (queue.offer(offered)) {
            losing = false;
        } else {
            losing = true;
            dropped++;
        }
    }

    void commandCompleted(final long sequence) {
        viewsSequence = sequence;
        if (!losing) {
            covered = sequence;
        }
        lost = losing;
    }

    /** Recovery brought the views to {@code sequence} (before any command is submitted). */
    void recovered(final long sequence) {
        if (sequence > viewsSequence) {
            viewsSequence = sequence;
        }
    }

    /** The sequence the views have reached: a read that must see everything they have seen waits for the writer to reach it. */
    public long viewsSequence() {
        return viewsSequence;
    }

    boolean lost() {
        return lost;
    }

    long covered() {
        return covered;
    }

    public long dropped() {
        return dropped;
    }

    Batch poll(final long timeoutMillis) throws InterruptedException {
        return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    void drainTo(final List<Batch> into, final int max) {
        queue.drainTo(into, max);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }
}
