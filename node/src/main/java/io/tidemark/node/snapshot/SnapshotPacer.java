package io.tidemark.node.snapshot;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps the snapshot thread's CPU in short bursts: called at small steps of its work (a few journal
 * commands replayed, 64 KB of a section written, 1 MB of the file), it parks for a moment once a burst has
 * run {@link #BURST_NANOS}. On a box with as many busy threads as cores (the core thread and the gateway's
 * event loops on two), a snapshot thread that ran freely held a core for whole scheduler slices, several
 * milliseconds each, and every command waited for it; in bursts it takes a core for at most ~0.1 ms at a
 * time. The price is a snapshot that takes about twice as long: it was never on anyone's critical path.
 *
 * <p>Not thread safe: one per snapshot thread.
 */
public final class SnapshotPacer implements Runnable {
    static final long BURST_NANOS = 100_000;
    static final long PAUSE_NANOS = 100_000;

    private final LongSupplier clock;
    private final LongConsumer pause;
    private long burstStarted;

    public SnapshotPacer() {
        this(System::nanoTime, LockSupport::parkNanos);
    }

    SnapshotPacer(final LongSupplier clock, final LongConsumer pause) {
        this.clock = clock;
        this.pause = pause;
        this.burstStarted = clock.getAsLong();
    }

    @Override
    public void run() {
        if (clock.getAsLong() - burstStarted >= BURST_NANOS) {
            pause.accept(PAUSE_NANOS);
            burstStarted = clock.getAsLong();
        }
    }
}
