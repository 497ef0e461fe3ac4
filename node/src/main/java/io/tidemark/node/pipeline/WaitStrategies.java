package io.tidemark.node.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How idle stages wait for work. Four stage threads share whatever cores the box has: spinning
 * threads only pay off with a core each, so the default spins briefly and then sleeps until the
 * stage before it has work for it, which leaves the cores to the threads that have work and the CPU
 * nearly free when idle.
 */
public enum WaitStrategies {
    /** Spin briefly, then park until the stage before publishes (default; see {@link SignallingWaitStrategy}). */
    SIGNALLING {
        @Override
        WaitStrategy create() {
            // the park bound is only a safety net (wake-ups are signalled): 1 ms kept an idle sandbox at 6% of a core
            return new SignallingWaitStrategy(TimeUnit.MILLISECONDS.toNanos(100));
        }
    },
    /** Spin, yield while idle up to 100 µs, then park in naps growing to 1 ms (see {@link BackoffWaitStrategy}). */
    BACKOFF {
        @Override
        WaitStrategy create() {
            return new BackoffWaitStrategy(100_000, 20_000, 1_000_000);
        }
    },
    /** Disruptor's phased backoff: spin 20 µs, yield up to 200 µs, then block on the producer and spin on the stage before. */
    PHASED {
        @Override
        WaitStrategy create() {
            return PhasedBackoffWaitStrategy.withLiteLock(20, 200, TimeUnit.MICROSECONDS);
        }
    },
    /** Spin then yield forever: lowest latency, a busy core per stage. */
    YIELDING {
        @Override
        WaitStrategy create() {
            return new YieldingWaitStrategy();
        }
    },
    /** Spin forever: only with a dedicated core per stage. */
    BUSY_SPIN {
        @Override
        WaitStrategy create() {
            return new BusySpinWaitStrategy();
        }
    },
    /** Spin, yield, then sleep in short parks. */
    SLEEPING {
        @Override
        WaitStrategy create() {
            return new SleepingWaitStrategy();
        }
    },
    /** Lock and condition: least CPU, highest latency. */
    BLOCKING {
        @Override
        WaitStrategy create() {
            return new BlockingWaitStrategy();
        }
    };

    abstract WaitStrategy create();
}
