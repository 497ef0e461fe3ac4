package io.tidemark.benchmarks.marketdata;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The three cases of {@link MarketDataViewsBenchmark}, interleaved: each round delivers the recorded
 * events into fresh market data alone, with an empty model beside it, and with the analytics after it, in
 * a rotating order, timing each by the thread's CPU time as well as wall time. On a machine shared with
 * other builds the load moves between JMH's back-to-back benchmarks; here the cases of a round see the
 * same moment, and the ratios per round cancel what they share. Prints medians and median ratios.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar views [--rounds 30] [--warmup 8]}
 */
public final class ViewsAbBenchmark {
    private static final String[] CASES = {"market data alone", "market data + empty model", "market data + analytics"};

    private ViewsAbBenchmark() {
    }

    public static void main(final String[] args) {
        int rounds = 30;
        int warmup = 8;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final MarketDataViewsBenchmark bench = new MarketDataViewsBenchmark();
        bench.record();
        final double events = MarketDataViewsBenchmark.EVENTS;
        final double[][] cpu = new double[CASES.length][rounds];
        final double[][] wall = new double[CASES.length][rounds];
        long sink = 0;
        for (int r = -warmup; r < rounds; r++) {
            for (int k = 0; k < CASES.length; k++) {
                final int c = Math.floorMod(r + k, CASES.length);
                bench.freshModels();
                final long cpu0 = threads.getCurrentThreadCpuTime();
                final long wall0 = System.nanoTime();
                sink += switch (c) {
                    case 0 -> bench.marketData().hashCode();
                    case 1 -> bench.marketDataAndEmptyModel().hashCode();
                    default -> bench.marketDataAndAnalytics();
                };
                final long wallNanos = System.nanoTime() - wall0;
                final long cpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
                if (r >= 0) {
                    cpu[c][r] = cpuNanos / events;
                    wall[c][r] = wallNanos / events;
                }
            }
        }
        System.out.printf("views, %d rounds after %d warm-up rounds, %d events per case per round (sink %d)%n",
            rounds, warmup, MarketDataViewsBenchmark.EVENTS, sink & 1);
        for (int c = 0; c < CASES.length; c++) {
            System.out.printf("  %-27s CPU %s ns/event, wall %s%n", CASES[c] + ":", stats(cpu[c]), stats(wall[c]));
        }
        for (final int base : new int[] {0, 1}) {
            final double[] cpuRatio = new double[rounds];
            final double[] wallRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                cpuRatio[r] = cpu[2][r] / cpu[base][r];
                wallRatio[r] = wall[2][r] / wall[base][r];
            }
            System.out.printf("  analytics / %-15s CPU %s, wall %s%n", base == 0 ? "alone:" : "empty model:",
                stats(cpuRatio), stats(wallRatio));
        }
    }

    /** "median (min-max)". */
    private static String stats(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        final double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format("%.3f (%.3f-%.3f)", median, sorted[0], sorted[n - 1]);
    }
}
