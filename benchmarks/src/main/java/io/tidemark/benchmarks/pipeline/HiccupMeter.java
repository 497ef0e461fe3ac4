package io.tidemark.benchmarks.pipeline;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the platform alone does to a spinning thread: {@code hiccups [--seconds 20] [--threads 2] [--rate 200000]
 * [--service-ns 500]}. Each thread spins reading the clock and records every gap between two reads (a gap is
 * time the thread did not run: the scheduler gave its core to another thread, the hypervisor took the vCPU, a
 * safepoint, an interrupt). With the fused topology the generator and the core thread are two such spinning
 * threads, so their gaps are a floor under the pipeline's tail that no code in the pipeline can lower.
 *
 * <p>It then replays the gaps through a model of the pipeline at {@code --rate}: commands arrive on a fixed
 * schedule, one server takes {@code --service-ns} per command and stops whenever either thread had a gap (a
 * stalled generator sends late, a stalled core serves late; both show as latency from the intended time).
 * The model's percentiles are what a pipeline with no stalls of its own would measure on this machine now.
 */
public final class HiccupMeter {
    /** Gaps shorter than this are the loop itself (a clock read is ~20-30 ns); longer ones are kept in order. */
    private static final long KEPT_GAP_NANOS = 5_000;

    private HiccupMeter() {
    }

    /** One spinning thread's gaps: a histogram of all, and the kept ones as (start, length) pairs in time order. */
    private static final class Spinner implements Runnable {
        final Histogram gaps = new Histogram(3_600_000_000_000L, 3);
        long[] kept = new long[1 << 16];
        int keptPairs;
        final long end;
        long first;
        long last;

        Spinner(final long end) {
            this.end = end;
        }

        @Override
        public void run() {
            long previous = System.nanoTime();
            first = previous;
            while (previous < end) {
                final long now = System.nanoTime();
                final long gap = now - previous;
                if (gap >= KEPT_GAP_NANOS) {
                    gaps.recordValue(gap);
                    if (2 * keptPairs + 2 > kept.length) {
                        kept = Arrays.copyOf(kept, kept.length * 2);
                    }
                    kept[2 * keptPairs] = previous;
                    kept[2 * keptPairs + 1] = gap;
                    keptPairs++;
                }
                previous = now;
            }
            last = previous;
        }

        long lostAtLeast(final long nanos) {
            long sum = 0;
            for (int i = 0; i < keptPairs; i++) {
                if (kept[2 * i + 1] >= nanos) {
                    sum += kept[2 * i + 1];
                }
            }
            return sum;
        }

        long countAtLeast(final long nanos) {
            long n = 0;
            for (int i = 0; i < keptPairs; i++) {
                if (kept[2 * i + 1] >= nanos) {
                    n++;
                }
            }
            return n;
        }
    }

    public static void main(final String[] args) throws Exception {
        double seconds = 20;
        int threads = 2;
        long rate = 200_000;
        long serviceNanos = 500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Long.parseLong(args[++i]);
                case "--service-ns" -> serviceNanos = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // warm the loop up (JIT) before the measured run
        final Spinner warm = new Spinner(System.nanoTime() + 2_000_000_000L);
        warm.run();

        final long end = System.nanoTime() + 200_000_000L + (long) (seconds * 1e9);
        final List<Spinner> spinners = new ArrayList<>();
        final List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final Spinner spinner = new Spinner(end);
            spinners.add(spinner);
            final Thread thread = new Thread(spinner, "hiccup-spinner-" + t);
            running.add(thread);
            thread.start();
        }
        for (final Thread thread : running) {
            thread.join();
        }
        System.out.printf(Locale.ROOT, "hiccups: %d spinning threads for %.0f s on %d cores; gaps between two clock reads of one thread%n",
            threads, seconds, Runtime.getRuntime().availableProcessors());
        for (int t = 0; t < threads; t++) {
            final Spinner s = spinners.get(t);
            final double span = (s.last - s.first) / 1e9;
            System.out.printf(Locale.ROOT, "  thread %d: gaps per second >= 20 µs %.1f, >= 200 µs %.1f, >= 1 ms %.2f, >= 5 ms %.2f; "
                    + "max %.2f ms; time lost in gaps >= 20 µs %.3f %%, >= 200 µs %.3f %%%n",
                t, s.countAtLeast(20_000) / span, s.countAtLeast(200_000) / span, s.countAtLeast(1_000_000) / span,
                s.countAtLeast(5_000_000) / span, s.gaps.getMaxValue() / 1e6,
                100.0 * s.lostAtLeast(20_000) / (s.last - s.first), 100.0 * s.lostAtLeast(200_000) / (s.last - s.first));
        }
        final Histogram latency = model(spinners, rate, serviceNanos);
        System.out.printf(Locale.ROOT, "  model: %,d commands/s served in %d ns each, stopping whenever a thread had a gap: "
                + "p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, p99.99 %.1f µs, max %.1f µs%n",
            rate, serviceNanos, latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
            latency.getValueAtPercentile(99.9) / 1e3, latency.getValueAtPercentile(99.99) / 1e3, latency.getMaxValue() / 1e3);
    }

    /** Open-loop arrivals at {@code rate} through one FIFO server that is out during every thread's gaps. */
    static Histogram model(final List<Spinner> spinners, final long rate, final long serviceNanos) {
        int pairs = 0;
        long from = Long.MIN_VALUE;
        long to = Long.MAX_VALUE;
        for (final Spinner s : spinners) {
            pairs += s.keptPairs;
            from = Math.max(from, s.first);
            to = Math.min(to, s.last);
        }
        final long[][] stalls = new long[pairs][];
        int n = 0;
        for (final Spinner s : spinners) {
            for (int i = 0; i < s.keptPairs; i++) {
                stalls[n++] = new long[] {s.kept[2 * i], s.kept[2 * i] + s.kept[2 * i + 1]};
            }
        }
        Arrays.sort(stalls, (a, b) -> Long.compare(a[0], b[0]));
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        final double period = 1e9 / rate;
        long free = from;
        int next = 0;
        for (long k = 0; ; k++) {
            final long arrival = from + (long) (k * period);
            if (arrival >= to) {
                break;
            }
            long start = Math.max(arrival, free);
            long done = start + serviceNanos;
            // every stall that begins before the command is done stops the server for its length
            while (next < stalls.length && stalls[next][0] < done) {
                final long[] stall = stalls[next++];
                if (stall[1] > start) {
                    start = Math.max(start, stall[1]);
                    done = start + serviceNanos;
                }
            }
            free = done;
            latency.recordValue(done - arrival);
        }
        return latency;
    }
}
