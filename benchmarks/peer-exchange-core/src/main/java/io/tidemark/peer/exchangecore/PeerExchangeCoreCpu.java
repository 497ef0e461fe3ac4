package io.tidemark.peer.exchangecore;

import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import io.tidemark.peer.workload.CpuLine;
import io.tidemark.peer.workload.Workload;
import io.tidemark.peer.workload.WorkloadFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * exchange-core's side of {@code benchmarks/peer-cpu.sh}: the same replay as {@link PeerExchangeCoreBenchmark}'s
 * slot input (a fresh book, or for {@code risk} the risk pipeline started over, per run; the set-up orders
 * untimed; each record translated into one reused command; the matcher events consumed and let go), timed
 * by the thread's CPU time. Prints one line, {@link CpuLine} with engine {@code ec-direct|ec-naive|ec-risk}:
 * nanoseconds of CPU per command over the second half of {@code runs} replays (the first half warms up), and
 * every replay's figure.
 *
 * <p>Usage: {@code java $(exchange-core flags) -cp peer-exchange-core.jar io.tidemark.peer.exchangecore.PeerExchangeCoreCpu
 * FILE direct|naive|risk RUNS}
 */
public final class PeerExchangeCoreCpu {
    private PeerExchangeCoreCpu() {
    }

    public static void main(final String[] args) throws IOException {
        final Workload w = WorkloadFile.read(Path.of(args[0]));
        final ExchangeCoreReplay.Impl impl = ExchangeCoreReplay.Impl.of(args[1]);
        final int runs = Integer.parseInt(args[2]);
        ExchangeCoreReplay.verify(w, impl);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final OrderCommand[] setup = ExchangeCoreReplay.commands(w, 0, w.header().setupCount());
        final ExchangeCoreReplay.Runner runner = new ExchangeCoreReplay.Runner(impl, ExchangeCoreReplay.productionPool(),
            w.header().accounts());
        final OrderCommand slot = new OrderCommand();
        final int from = w.header().setupCount();
        final double[] perCommand = new double[runs];
        long checksum = 0;
        for (int run = 0; run < runs; run++) {
            runner.reset();
            for (final OrderCommand command : setup) {
                command.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
                runner.process(command);
                command.matcherEvent = null;
            }
            final long start = threads.getCurrentThreadCpuTime();
            for (int i = from; i < w.size(); i++) {
                final OrderCommand c = ExchangeCoreReplay.fill(w, i, slot);
                checksum += runner.process(c).ordinal();
                for (MatcherTradeEvent e = c.matcherEvent; e != null; e = e.nextEvent) {
                    checksum += e.matchedOrderId ^ e.price ^ e.size;
                }
                c.matcherEvent = null;
            }
            perCommand[run] = (threads.getCurrentThreadCpuTime() - start) / (double) (w.size() - from);
        }
        System.out.println(CpuLine.of(impl.engineName(), w.header().mix(), perCommand, checksum));
    }
}
