package io.tidemark.benchmarks.sandbox;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of a set of threads, picked by name, from a start mark on. Read every second: a thread that
 * ends (an idle HTTP client worker) keeps what was last read of it, so at most a second of its time is lost.
 * Not thread safe: one sampling thread.
 */
final class SimulationCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Predicate<String> counted;
    /** per thread id: CPU nanos at the mark (or when first seen after it) and as last read */
    private final Map<Long, long[]> seen = new HashMap<>();

    SimulationCpu(final Predicate<String> counted) {
        this.counted = counted;
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
    }

    /** Starts counting: what the threads used before now is left out. */
    void mark() {
        seen.clear();
        read(true);
    }

    /** Reads the counted threads' CPU time now. */
    void read() {
        read(false);
    }

    private void read(final boolean marking) {
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || !counted.test(info.getThreadName())) {
                continue;
            }
            final long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            // a thread first seen after the mark was started after it: all of its time counts
            final long[] times = seen.computeIfAbsent(info.getThreadId(), id -> new long[] {marking ? cpu : 0, cpu});
            times[1] = cpu;
        }
    }

    /** CPU nanos the counted threads used since the mark, as of the last read. */
    long nanos() {
        long total = 0;
        for (final long[] times : seen.values()) {
            total += times[1] - times[0];
        }
        return total;
    }
}
