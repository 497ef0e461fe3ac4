package io.tidemark.node.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for what a stage actually depends on (the stage before it) by backing off in three phases:
 * spin briefly, then yield while idle for up to {@code yieldNanos}, then park in naps that double
 * from {@code minParkNanos} up to {@code maxParkNanos}.
 *
 * <p>Why not Disruptor's own: its blocking strategies block only on the producer cursor and then
 * busy-spin on the previous stage, which in a four-stage chain means three spinning threads; on a
 * box with fewer cores than stages they starve the stage doing the work. Yielding forever wastes the
 * CPU when idle. This keeps latency low while busy and the CPU nearly free when idle (a stage idle
 * for long sleeps up to {@code maxParkNanos} before noticing the next command).
 */
final class BackoffWaitStrategy implements WaitStrategy {
    private static final int SPINS = 100;
    private final long yieldNanos;
    private final long minParkNanos;
    private final long maxParkNanos;

    BackoffWaitStrategy(final long yieldNanos, final long minParkNanos, final long maxParkNanos) {
        this.yieldNanos = yieldNanos;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
                        final SequenceBarrier barrier) throws AlertException {
        long available;
        int spins = SPINS;
        long yieldingSince = 0;
        long park = minParkNanos;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
            } else if (yieldingSince == 0) {
                yieldingSince = System.nanoTime();
                Thread.yield();
            } else if (System.nanoTime() - yieldingSince < yieldNanos) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(park);
                park = Math.min(maxParkNanos, park * 2);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // nobody blocks on a lock: parked stages wake on their own timers
    }
}
