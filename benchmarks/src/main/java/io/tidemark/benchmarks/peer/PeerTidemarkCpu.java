package io.tidemark.benchmarks.peer;

import io.tidemark.benchmarks.engine.ChecksumListener;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.peer.workload.CpuLine;
import io.tidemark.peer.workload.Workload;
import io.tidemark.peer.workload.WorkloadFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Tidemark's side of {@code benchmarks/peer-cpu.sh}: the same replay as {@link PeerTidemarkBenchmark}'s slot
 * input (a fresh engine per run, the set-up book untimed, each record translated into one reused command),
 * timed by the thread's CPU time instead of the wall clock, so that time the thread spends descheduled on a
 * shared machine is not counted. Prints one line, {@link CpuLine}: nanoseconds of CPU per command over the second half of {@code runs} replays (the first half
 * warms up), and every replay's figure.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tidemark.benchmarks.peer.PeerTidemarkCpu FILE RUNS}
 */
public final class PeerTidemarkCpu {
    private PeerTidemarkCpu() {
    }

    public static void main(final String[] args) throws IOException {
        final Workload w = WorkloadFile.read(Path.of(args[0]));
        final int runs = Integer.parseInt(args[1]);
        TidemarkReplay.verify(w);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final Command[] setup = TidemarkReplay.commands(w, 0, w.header().setupCount());
        final Command slot = new Command();
        final int from = w.header().setupCount();
        final double[] perCommand = new double[runs];
        long checksum = 0;
        for (int run = 0; run < runs; run++) {
            final ChecksumListener listener = new ChecksumListener();
            final MatchingEngine engine = TidemarkReplay.freshEngine(w.header().accounts(), listener);
            for (final Command command : setup) {
                engine.process(command);
            }
            final long start = threads.getCurrentThreadCpuTime();
            for (int i = from; i < w.size(); i++) {
                engine.process(TidemarkReplay.command(w.type(i), w.side(i), w.orderType(i), w.timeInForce(i),
                    w.account(i), w.orderId(i), w.price(i), w.size(i), w.newSize(i), i, slot));
            }
            perCommand[run] = (threads.getCurrentThreadCpuTime() - start) / (double) (w.size() - from);
            checksum += listener.checksum;
        }
        System.out.println(CpuLine.of("tidemark", w.header().mix(), perCommand, checksum));
    }
}
