package io.tidemark.node.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for what a stage depends on by spinning briefly, then parking until woken, and wakes exactly
 * the stages whose dependency has just advanced.
 *
 * <p>Who wakes whom: producers call {@link #signalAllWhenBlocking} after every publish, which wakes the
 * first stage; every stage calls {@link #waitFor} right after it has published its own progress (the
 * Disruptor's processor sets its sequence and then waits for the next batch), so entering
 * {@code waitFor} wakes the stage after it. A parked stage is woken only once what it waits for is
 * available, so a publish costs a few volatile reads and at most one unpark.
 *
 * <p>Why: {@link BackoffWaitStrategy} yields for up to 100 µs before it parks; on a 2-core box at
 * moderate load its four stage threads spent more CPU yielding than working (about 1 core at 10,000
 * requests/s in the REST benchmark), taking it from the event loops, and an idle stage slept up to
 * 1 ms before noticing work. Here an idle stage sleeps until there is work; the price is a wake-up
 * (tens of µs on this VM) for a stage that had gone to sleep, which shows in the pipeline's median at
 * low rates while its throughput and p99 improve (benchmarks/README.md). The parks are bounded
 * ({@code maxParkNanos}, 100 ms by default) only as a safety net: the handshake (announce, fence,
 * re-check; publish, fence, look) cannot lose a wake-up, and an idle node then costs almost no CPU.
 */
final class SignallingWaitStrategy implements WaitStrategy {
    private static final int SPINS = 100;

    private final long maxParkNanos;
    private final ThreadLocal<Waiter> self = ThreadLocal.withInitial(this::register);
    private volatile Waiter[] waiters = new Waiter[0];

    /** One stage thread, and what it parked waiting for. */
    private static final class Waiter {
        final Thread thread;
        volatile boolean parked;
        Sequence dependent;
        long needed;
        SequenceBarrier barrier;

        Waiter(final Thread thread) {
            this.thread = thread;
        }
    }

    SignallingWaitStrategy(final long maxParkNanos) {
        this.maxParkNanos = maxParkNanos;
    }

    private synchronized Waiter register() {
        final Waiter waiter = new Waiter(Thread.currentThread());
        final Waiter[] grown = Arrays.copyOf(waiters, waiters.length + 1);
        grown[grown.length - 1] = waiter;
        waiters = grown;
        return waiter;
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
                        final SequenceBarrier barrier) throws AlertException {
        // the calling stage has just published what it processed: the stage after it may be parked on it
        wakeReady();
        long available;
        int spins = SPINS;
        Waiter waiter = null;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
            } else {
                if (waiter == null) {
                    waiter = self.get();
                }
                waiter.dependent = dependentSequence;
                waiter.needed = sequence;
                waiter.barrier = barrier;
                waiter.parked = true;
                try {
                    VarHandle.fullFence(); // announce, then re-check: pairs with the fence in wakeReady
                    if (dependentSequence.get() < sequence) {
                        barrier.checkAlert();
                        LockSupport.parkNanos(this, maxParkNanos);
                    }
                } finally {
                    waiter.parked = false; // also when halted: a stage that left must not be woken again
                }
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        wakeReady();
    }

    /** Wakes every parked stage whose dependency now has what it waits for, or that is being halted. */
    private void wakeReady() {
        VarHandle.fullFence(); // publish, then look: pairs with the fence in waitFor
        for (final Waiter waiter : waiters) {
            if (waiter.parked && (waiter.dependent.get() >= waiter.needed || waiter.barrier.isAlerted())) {
                LockSupport.unpark(waiter.thread);
            }
        }
    }
}
