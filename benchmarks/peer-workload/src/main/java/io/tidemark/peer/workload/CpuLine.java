package io.tidemark.peer.workload;

import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The one line each side of {@code benchmarks/peer-cpu.sh} prints for a JVM's replays:
 * <pre>PEER-CPU engine=… mix=… median=… min=… n=… checksum=… replays=a,b,c,…</pre>
 * median and min are nanoseconds of CPU per command over the second half of the replays (the first half
 * warms up); {@code replays} is every replay's figure in the order they ran, so a stretch of a JVM's life
 * that the machine slowed (another tenant on the core) shows as such and not only as a slow median.
 */
public final class CpuLine {
    private CpuLine() {
    }

    public static String of(final String engine, final String mix, final double[] perCommand, final long checksum) {
        final double[] measured = Arrays.copyOfRange(perCommand, perCommand.length / 2, perCommand.length);
        Arrays.sort(measured);
        final int n = measured.length;
        final double median = n % 2 == 1 ? measured[n / 2] : (measured[n / 2 - 1] + measured[n / 2]) / 2;
        final StringJoiner replays = new StringJoiner(",");
        for (final double ns : perCommand) {
            replays.add(String.format(Locale.ROOT, "%.0f", ns));
        }
        return String.format(Locale.ROOT, "PEER-CPU engine=%s mix=%s median=%.1f min=%.1f n=%d checksum=%d replays=%s",
            engine, mix, median, measured[0], n, checksum & 0xFFFF, replays);
    }
}
