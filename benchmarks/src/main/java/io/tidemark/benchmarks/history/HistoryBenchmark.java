package io.tidemark.benchmarks.history;

import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.Command;
import io.tidemark.history.History;
import io.tidemark.history.HistoryConfig;
import io.tidemark.history.store.HistoryStore;
import io.tidemark.node.Node;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The history store's writer behind a real node (ring → journal → engine → account views → history
 * recorder → hand-off → writer thread → SQLite, or PostgreSQL with {@code --pg}), in two phases on the
 * realistic mix (places, cancels, marketable orders, amends, market/IOC; 1,000 accounts):
 *
 * <ol>
 *   <li>sustained: commands offered open loop at {@code --rate} per second (default 34,000: the REST
 *       closed loop's ~17,000 places plus as many cancels) for {@code --seconds}; the writer's lag
 *       ({@link History#lag()}, the {@code tidemark_history_lag_commands} gauge) sampled every 100 ms;
 *       prints rows/s written and lag p50/p99/max;
 *   <li>burst: {@code --burst} commands offered as fast as the ring takes them, then the time until the
 *       writer has caught up (lag 0 and the store at the last command's sequence), its rows/s meanwhile,
 *       the peak lag and how many batches the hand-off dropped (the writer then reads the journal).
 * </ol>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar history [--seconds 20] [--rate 34000]
 * [--burst 500000] [--pg jdbc:postgresql://host/db --pg-user u --pg-password p] [--data-dir /tmp]}.
 */
public final class HistoryBenchmark {
    private HistoryBenchmark() {
    }

    /** The two phases' figures, for the smoke test. */
    public record Result(long sustainedCommands, double sustainedSeconds, double sustainedRowsPerSecond,
                         long lagP50, long lagP99, long lagMax, long lagAtEnd,
                         long burstCommands, double burstSubmitSeconds, double catchUpSeconds,
                         double catchUpRowsPerSecond, long burstLagMax, long dropped, String summary) {
    }

    public static void main(final String[] args) throws Exception {
        double seconds = 20;
        long rate = 34_000;
        int burst = 500_000;
        String pgUrl = null;
        String pgUser = null;
        String pgPassword = null;
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        Mix mix = Mix.REALISTIC;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--rate" -> rate = Long.parseLong(args[++i]);
                case "--burst" -> burst = Integer.parseInt(args[++i]);
                case "--pg" -> pgUrl = args[++i];
                case "--pg-user" -> pgUser = args[++i];
                case "--pg-password" -> pgPassword = args[++i];
                case "--data-dir" -> base = Path.of(args[++i]);
                case "--mix" -> mix = Mix.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final Result result = run(base, mix, seconds, rate, burst, pgUrl, pgUser, pgPassword, System.out);
        System.out.println();
        System.out.println("Summary:");
        System.out.println(result.summary());
    }

    /** Counts replies; the reply thread is its only writer. */
    private static final class Completion implements ReplyHandler {
        volatile long replied;

        @Override
        public void onReply(final CommandSlot slot) {
            replied = replied + 1;
        }
    }

    /** The order flow: the engine benchmarks' realistic mix, or the REST closed loop's place/cancel pairs. */
    public enum Mix {
        REALISTIC, PLACE_CANCEL;

        static Mix of(final String name) {
            return switch (name) {
                case "realistic" -> REALISTIC;
                case "place-cancel" -> PLACE_CANCEL;
                default -> throw new IllegalArgumentException("--mix is realistic or place-cancel, not " + name);
            };
        }
    }

    public static Result run(final Path base, final Mix mix, final double seconds, final long rate, final int burst,
                             final String pgUrl, final String pgUser, final String pgPassword,
                             final java.io.PrintStream out) throws Exception {
        final int sustained = (int) Math.round(seconds * rate);
        final RealisticMix.Workload workload = switch (mix) {
            case REALISTIC -> RealisticMix.generate(42, sustained + burst, 1_000, 6_000);
            case PLACE_CANCEL -> PlaceCancelMix.generate(42, sustained + burst, 64);
        };
        final Path dir = Files.createTempDirectory(Files.createDirectories(base), "tidemark-history-bench-");
        HistoryConfig historyConfig = HistoryConfig.defaults();
        if (pgUrl != null) {
            historyConfig = historyConfig.withUrl(pgUrl, pgUser, pgPassword);
        }
        out.printf(Locale.ROOT, "history benchmark: store %s; sustained %,d commands/s open loop for %.0f s, then a burst "
                + "of %,d commands at pipeline speed; %d cores, journal on %s%n%s%n",
            pgUrl == null ? "SQLite " + historyConfig.jdbcUrl(dir) : "PostgreSQL " + pgUrl, rate, seconds, burst,
            Runtime.getRuntime().availableProcessors(), dir, workload.description());
        if (pgUrl != null) {
            // a throw-away database: start from an empty store, like the fresh SQLite file (before History opens
            // it, so Flyway creates the tables again and the writer starts at sequence 0)
            try (HistoryStore old = HistoryStore.open(pgUrl, pgUser, pgPassword)) {
                old.dropAll();
            }
        }
        final History history = History.open(dir, workload.config(), historyConfig);
        final Node node;
        try {
            // the node as the gateway starts it (default snapshot interval: the writer's journal catch-up after
            // hand-off drops starts from the newest snapshot)
            node = Node.start(new Node.Context().dataDir(dir).config(workload.config()).readModel(history.readModel()));
        } catch (final RuntimeException e) {
            history.close();
            throw e;
        }
        history.start(node);
        try {
            final Pipeline pipeline = node.pipeline();
            final Completion setup = new Completion();
            for (final Command command : workload.setup()) {
                submit(pipeline, command, setup);
            }
            while (setup.replied < workload.setup().length) {
                LockSupport.parkNanos(100_000);
            }
            awaitCaughtUp(history, node);
            final Command[] commands = workload.commands();

            // phase 1: sustained, open loop
            final Histogram lags = new Histogram(3);
            final java.util.concurrent.atomic.AtomicBoolean samplerStop = new java.util.concurrent.atomic.AtomicBoolean();
            final Thread sampler = new Thread(() -> {
                long next = System.nanoTime();
                while (!samplerStop.get()) {
                    next += 100_000_000L;
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                    synchronized (lags) {
                        lags.recordValue(history.lag());
                    }
                }
            }, "benchmark-lag-sampler");
            final Completion sustainedReplies = new Completion();
            final long rowsBefore = history.writer().rowsWritten();
            final long sustainedDropsBefore = history.dropped();
            final long period = 1_000_000_000L / rate;
            final long start = System.nanoTime() + 1_000_000;
            final Map<String, Long> cpuBefore = cpuByThread();
            sampler.start();
            for (int i = 0; i < sustained; i++) {
                final long intended = start + i * period;
                long now;
                while ((now = System.nanoTime()) < intended) {
                    LockSupport.parkNanos(intended - now);
                }
                submit(pipeline, commands[i], sustainedReplies);
            }
            while (sustainedReplies.replied < sustained) {
                LockSupport.parkNanos(100_000);
            }
            final long end = System.nanoTime();
            final Map<String, Long> cpuAfter = cpuByThread();
            final long rowsSustained = history.writer().rowsWritten() - rowsBefore;
            final long lagAtEnd = history.lag();
            final long sustainedDrops = history.dropped() - sustainedDropsBefore;
            synchronized (lags) {
                samplerStop.set(true);
            }
            sampler.join();
            final double sustainedSeconds = (end - start) / 1e9;
            final double sustainedRows = rowsSustained / sustainedSeconds;
            out.printf(Locale.ROOT, "  sustained: %,d commands in %.1f s (%,.0f/s), %,d rows written (%,.0f rows/s, the store advancing %,.0f "
                    + "commands/s); lag "
                    + "(every 100 ms, %d samples) p50 %,d p99 %,d max %,d commands, %,d at the end; hand-off drops %,d%n",
                sustained, sustainedSeconds, sustained / sustainedSeconds, rowsSustained, sustainedRows,
                (sustained - lagAtEnd) / sustainedSeconds,
                lags.getTotalCount(), lags.getValueAtPercentile(50), lags.getValueAtPercentile(99), lags.getMaxValue(),
                lagAtEnd, sustainedDrops);
            final StringBuilder cpu = new StringBuilder();
            for (final Map.Entry<String, Long> e : cpuAfter.entrySet()) {
                final long used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
                if (used > 0) {
                    cpu.append(cpu.isEmpty() ? "" : ", ").append(e.getKey())
                        .append(String.format(Locale.ROOT, " %,.0f ns", (double) used / sustained));
                }
            }
            out.printf(Locale.ROOT, "  sustained: CPU per command by thread: %s%n", cpu);
            final long settle = System.nanoTime();
            awaitCaughtUp(history, node);
            out.printf(Locale.ROOT, "  after the sustained phase the writer needed %.2f s more to reach lag 0%n",
                (System.nanoTime() - settle) / 1e9);
            awaitCaughtUp(history, node);

            // phase 2: burst at pipeline speed
            final long droppedBefore = history.dropped();
            final long burstRowsBefore = history.writer().rowsWritten();
            final Completion burstReplies = new Completion();
            final long[] burstLagMax = {0};
            final java.util.concurrent.atomic.AtomicBoolean burstStop = new java.util.concurrent.atomic.AtomicBoolean();
            final Thread burstSampler = new Thread(() -> {
                while (!burstStop.get()) {
                    burstLagMax[0] = Math.max(burstLagMax[0], history.lag());
                    LockSupport.parkNanos(10_000_000L);
                }
            }, "benchmark-burst-lag-sampler");
            burstSampler.start();
            final long burstStart = System.nanoTime();
            for (int i = sustained; i < commands.length; i++) {
                submit(pipeline, commands[i], burstReplies);
            }
            while (burstReplies.replied < burst) {
                LockSupport.parkNanos(20_000);
            }
            final long burstPublished = System.nanoTime();
            final long lagAfterBurst = history.lag();
            awaitCaughtUp(history, node);
            final long caughtUp = System.nanoTime();
            burstStop.set(true);
            burstSampler.join();
            final long burstRows = history.writer().rowsWritten() - burstRowsBefore;
            final double catchUpSeconds = (caughtUp - burstStart) / 1e9;
            final double submitSeconds = (burstPublished - burstStart) / 1e9;
            final long dropped = history.dropped() - droppedBefore;
            final double catchUpRows = burstRows / catchUpSeconds;
            out.printf(Locale.ROOT, "  burst: %,d commands through the pipeline in %.2f s (%,.0f/s), writer lag then %,d; "
                    + "caught up %.2f s after the burst began (%.2f s after its last reply), %,d rows (%,.0f rows/s), peak "
                    + "lag %,d, hand-off drops %,d%n",
                burst, submitSeconds, burst / submitSeconds, lagAfterBurst, catchUpSeconds,
                (caughtUp - burstPublished) / 1e9, burstRows, catchUpRows, burstLagMax[0], dropped);
            final String label = (pgUrl == null ? "SQLite" : "PostgreSQL") + ", "
                + (mix == Mix.REALISTIC ? "realistic mix" : "place/cancel mix");
            final String summary = String.format(Locale.ROOT,
                "  history (%s): sustained %,.0f commands/s for %.0f s: %,.0f rows/s written, lag p50 %,d p99 %,d max %,d "
                    + "commands (sampled every 100 ms), %,d at the end, hand-off drops %,d%n"
                    + "  history (%s): burst of %,d commands at %,.0f commands/s: caught up in %.2f s from its start "
                    + "(%.2f s after its last reply), %,.0f rows/s while catching up, peak lag %,d, hand-off drops %,d",
                label, sustained / sustainedSeconds, sustainedSeconds, sustainedRows,
                lags.getValueAtPercentile(50), lags.getValueAtPercentile(99), lags.getMaxValue(), lagAtEnd, sustainedDrops,
                label, burst, burst / submitSeconds, catchUpSeconds,
                (caughtUp - burstPublished) / 1e9, catchUpRows, burstLagMax[0], dropped);
            return new Result(sustained, sustainedSeconds, sustainedRows, lags.getValueAtPercentile(50),
                lags.getValueAtPercentile(99), lags.getMaxValue(), lagAtEnd, burst, submitSeconds, catchUpSeconds,
                catchUpRows, burstLagMax[0], dropped, summary);
        } finally {
            node.close();
            history.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void submit(final Pipeline pipeline, final Command command, final ReplyHandler replies) {
        while (pipeline.submit(command, replies) != Pipeline.Submit.PUBLISHED) {
            LockSupport.parkNanos(50_000); // a full ring: a gateway would answer engine_busy
        }
    }

    /** Until the store has every command the views have (lag 0 and the writer at the views' sequence). */
    private static void awaitCaughtUp(final History history, final Node node) {
        final long deadline = System.nanoTime() + 600_000_000_000L;
        while (history.lag() > 0 || history.writer().reached() < history.viewsSequence()) {
            if (history.writer().failure() != null) {
                throw new IllegalStateException("history writer failed", history.writer().failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("history writer did not catch up in 10 minutes; lag " + history.lag());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** CPU time so far of the node's and the store's own threads ({@code tidemark-*}), by thread name. */
    private static Map<String, Long> cpuByThread() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> cpu = new TreeMap<>();
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("tidemark-")) {
                cpu.merge(info.getThreadName().substring("tidemark-".length()),
                    Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
            }
        }
        return cpu;
    }
}
