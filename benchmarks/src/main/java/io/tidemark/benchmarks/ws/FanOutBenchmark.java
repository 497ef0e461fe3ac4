package io.tidemark.benchmarks.ws;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * WebSocket fan-out: a real gateway on a temporary data directory, N WebSocket subscribers to
 * {@code orderbook:BTC-USD} and {@code trades:BTC-USD} on loopback in a JVM of their own
 * ({@link SubscriberProcess}), and a steady open-loop order flow straight into the pipeline. Latency is
 * from the view thread seeing the market-data change (the stamp taken once per encoded message) to the
 * write of each subscriber's frame completing on the server (HdrHistogram, every frame); also the
 * delivered message rate counted by the clients, and how many subscribers were cut off as slow consumers.
 * Then the same subscribers against the baseline, a bare Netty WebSocket broadcast server
 * ({@link BroadcastServer}) sending as many messages per second per subscriber as the gateway did, timed
 * the same way from the broadcast call to each completed write, and the ratio of the two.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ws-fanout [--subscribers 1000] [--rate 2000]
 * [--seconds 20] [--warmup 5] [--target both|gateway|bare]}.
 */
public final class FanOutBenchmark {
    private static final long MID = 6_000_000;
    /** A book delta's size as the gateway frames one (two levels changed). */
    private static final byte[] BARE_MESSAGE = ("{\"channel\":\"orderbook:BTC-USD\",\"type\":\"delta\",\"prev_seq\":1000,"
        + "\"seq\":1001,\"bids\":[[\"59999.50\",\"0.0120\"]],\"asks\":[[\"60000.50\",\"0\"]],\"checksum\":3141592653}")
        .getBytes(StandardCharsets.US_ASCII);

    private FanOutBenchmark() {
    }

    /** What one side measured. */
    private record Measured(double seconds, long delivered, Histogram latency, int closed) {
        double deliveredPerSecond() {
            return delivered / seconds;
        }

        double p(final double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    public static void main(final String[] args) throws Exception {
        int subscribers = 1_000;
        int rate = 2_000;
        int seconds = 20;
        int warmup = 5;
        String target = "both";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--subscribers" -> subscribers = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--target" -> target = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!Set.of("both", "gateway", "bare").contains(target)) {
            throw new IllegalArgumentException("--target must be both, gateway or bare");
        }
        System.out.printf(Locale.ROOT, "ws fan-out: %d subscribers x (orderbook + trades) BTC-USD, %,d orders/s open loop, "
            + "%d s measured after %d s warm-up, %d cores; subscribers in their own JVM; baseline: bare Netty broadcast%n",
            subscribers, rate, seconds, warmup, Runtime.getRuntime().availableProcessors());

        try (SubscriberProcess clients = new SubscriberProcess()) {
            // messages per second per subscriber for the baseline: what the gateway sent, or ~1.7 per order
            double perSubscriber = rate * 1.7;
            Measured gateway = null;
            if (!target.equals("bare")) {
                gateway = gateway(clients, subscribers, rate, seconds, warmup);
                perSubscriber = gateway.latency().getTotalCount() / gateway.seconds() / subscribers;
            }
            Measured bare = null;
            if (!target.equals("gateway")) {
                bare = bare(clients, subscribers, perSubscriber, seconds, warmup);
            }
            if (gateway != null && bare != null) {
                System.out.printf(Locale.ROOT, "summary: ws-fanout gateway ÷ bare Netty broadcast: p50 %.1f×, p99 %.1f×, "
                        + "delivered/s %.2f; goal p99 < 5 ms: %s%n", gateway.p(50) / bare.p(50), gateway.p(99) / bare.p(99),
                    gateway.deliveredPerSecond() / bare.deliveredPerSecond(), gateway.p(99) < 5 ? "met" : "NOT met");
            }
        }
    }

    private static Measured gateway(final SubscriberProcess clients, final int subscribers, final int rate, final int seconds,
                                    final int warmup) throws Exception {
        final Path dir = Files.createTempDirectory("tidemark-ws-fanout");
        final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(120), 3);
        final ConfigFile file = ConfigFile.defaults();
        final ExchangeConfig config = file.exchange();
        // every subscriber connects from 127.0.0.1: the per-address cap would turn all but 64 away
        final GatewayConfig gateway = GatewayConfig.from(file).withPort(0)
            .withConnectionLimits(subscribers + 16, subscribers + 16);
        try (GatewayServer server = GatewayServer.start(new GatewayServer.Context().dataDir(dir).config(config)
            .gateway(gateway).webSocketDeliveryObserver(latency::recordValue))) {
            final int market = config.marketByPair("BTC-USD").id();
            final long[] accounts = new long[10];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = server.keys().createAccountWithKey(Set.of(Scope.READ, Scope.TRADE), List.of(), Tier.RETAIL, 5_000)
                    .key().accountId();
                submit(server.node().pipeline(), new Command().deposit(accounts[i], config.assetBySymbol("USD").id(),
                    config.assetBySymbol("USD").parseAmount("1000000000")), null);
                submit(server.node().pipeline(), new Command().deposit(accounts[i], config.assetBySymbol("BTC").id(),
                    config.assetBySymbol("BTC").parseAmount("100000")), null);
            }
            final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/v1/ws");
            System.out.printf(Locale.ROOT, "gateway: %d subscribers connected and snapshotted in %.1f s%n", subscribers,
                clients.connect(uri, subscribers));

            final Flow flow = new Flow(server.node().pipeline(), market, accounts, rate);
            final Thread driver = new Thread(flow, "order-flow");
            driver.start();
            final Measured measured;
            final long orders;
            try {
                Thread.sleep(warmup * 1_000L);
                latency.reset();
                final long receivedBefore = clients.count().received();
                final long ordersBefore = flow.submitted.sum();
                final Map<String, Long> cpuBefore = cpuByPart();
                final long start = System.nanoTime();
                Thread.sleep(seconds * 1_000L);
                final Histogram histogram = latency.getIntervalHistogram();
                final double elapsed = (System.nanoTime() - start) / 1e9;
                final Map<String, Long> cpu = since(cpuBefore);
                final SubscriberProcess.Count count = clients.count();
                orders = flow.submitted.sum() - ordersBefore;
                measured = new Measured(elapsed, count.received() - receivedBefore, histogram, count.closed());
                printCpu("gateway", cpu, histogram.getTotalCount());
            } finally {
                flow.stop = true;
                driver.join();
            }
            clients.closeAll();

            final Histogram histogram = measured.latency();
            System.out.printf(Locale.ROOT, "orders: %,.0f/s submitted (%,d busy retries)%n", orders / measured.seconds(),
                flow.busy.sum());
            System.out.printf(Locale.ROOT, "delivered: %,.0f messages/s to clients (%,d frames written and timed)%n",
                measured.deliveredPerSecond(), histogram.getTotalCount());
            System.out.printf(Locale.ROOT, "event->frame written (us): p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f%n",
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                histogram.getMaxValue() / 1e3);
            System.out.printf(Locale.ROOT, "summary: ws-fanout subscribers=%d orders/s=%,.0f delivered/s=%,.0f p50=%.2fms "
                    + "p99=%.2fms max=%.2fms slow_consumer_disconnects=%d%n", subscribers, orders / measured.seconds(),
                measured.deliveredPerSecond(), measured.p(50), measured.p(99), histogram.getMaxValue() / 1e6,
                measured.closed());
            return measured;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Measured bare(final SubscriberProcess clients, final int subscribers, final double perSubscriber,
                                 final int seconds, final int warmup) throws Exception {
        final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(120), 3);
        try (BroadcastServer server = new BroadcastServer(2, latency::recordValue)) {
            final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/v1/ws");
            System.out.printf(Locale.ROOT, "bare: %d subscribers connected in %.1f s%n", subscribers,
                clients.connect(uri, subscribers));
            final long intervalNanos = (long) (1e9 / perSubscriber);
            final Thread driver = new Thread(() -> {
                long next = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    final long now = System.nanoTime();
                    if (now < next) {
                        LockSupport.parkNanos(Math.min(next - now, 200_000));
                        continue;
                    }
                    next += intervalNanos;
                    server.broadcast(BARE_MESSAGE);
                }
            }, "broadcast-flow");
            driver.start();
            final Measured measured;
            try {
                Thread.sleep(warmup * 1_000L);
                latency.reset();
                final long receivedBefore = clients.count().received();
                final Map<String, Long> cpuBefore = cpuByPart();
                final long start = System.nanoTime();
                Thread.sleep(seconds * 1_000L);
                final Histogram histogram = latency.getIntervalHistogram();
                final double elapsed = (System.nanoTime() - start) / 1e9;
                final Map<String, Long> cpu = since(cpuBefore);
                final SubscriberProcess.Count count = clients.count();
                measured = new Measured(elapsed, count.received() - receivedBefore, histogram, count.closed());
                printCpu("bare", cpu, histogram.getTotalCount());
            } finally {
                driver.interrupt();
                driver.join();
            }
            clients.closeAll();
            final Histogram histogram = measured.latency();
            System.out.printf(Locale.ROOT, "bare: %.1f messages/s per subscriber, delivered %,.0f messages/s; "
                    + "broadcast->frame written (us): p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f%n", perSubscriber,
                measured.deliveredPerSecond(), histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                histogram.getMaxValue() / 1e3);
            System.out.printf(Locale.ROOT, "summary: ws-fanout baseline=bare-netty subscribers=%d delivered/s=%,.0f p50=%.2fms "
                    + "p99=%.2fms max=%.2fms%n", subscribers, measured.deliveredPerSecond(), measured.p(50), measured.p(99),
                histogram.getMaxValue() / 1e6);
            return measured;
        }
    }

    /** CPU time so far by part of this process: event loops, the core thread, the order flow, the rest. */
    private static Map<String, Long> cpuByPart() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> cpu = new TreeMap<>();
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                final long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.merge(part(info.getThreadName()), nanos, Long::sum);
                }
            }
        }
        return cpu;
    }

    private static String part(final String thread) {
        if (thread.startsWith("multiThreadIoEventLoopGroup") || thread.startsWith("broadcast-") && !thread.startsWith("broadcast-flow")
            && !thread.startsWith("broadcast-boss")) {
            return "event-loops";
        }
        if (thread.startsWith("tidemark-core")) {
            return "core";
        }
        if (thread.equals("order-flow") || thread.equals("broadcast-flow")) {
            return "driver";
        }
        return "other";
    }

    private static Map<String, Long> since(final Map<String, Long> before) {
        final Map<String, Long> used = new TreeMap<>();
        cpuByPart().forEach((part, nanos) -> used.put(part, nanos - before.getOrDefault(part, 0L)));
        return used;
    }

    private static void printCpu(final String target, final Map<String, Long> cpu, final long frames) {
        final StringBuilder line = new StringBuilder(target + ": server CPU ns per frame written:");
        cpu.forEach((part, nanos) -> line.append(String.format(Locale.ROOT, " %s %.0f,", part, (double) nanos / Math.max(1, frames))));
        line.setLength(line.length() - 1);
        System.out.println(line);
    }

    private static void submit(final Pipeline pipeline, final Command command, final ReplyHandler reply) {
        while (pipeline.submit(command, reply) != Pipeline.Submit.PUBLISHED) {
            Thread.onSpinWait();
        }
    }

    /** Random limit orders around the mid at a fixed rate (open loop), cancelling about one in three later. */
    private static final class Flow implements Runnable {
        private final Pipeline pipeline;
        private final int market;
        private final long[] accounts;
        private final long intervalNanos;
        private final Random random = new Random(42);
        final LongAdder submitted = new LongAdder();
        final LongAdder busy = new LongAdder();
        volatile boolean stop;

        Flow(final Pipeline pipeline, final int market, final long[] accounts, final int rate) {
            this.pipeline = pipeline;
            this.market = market;
            this.accounts = accounts;
            this.intervalNanos = 1_000_000_000L / rate;
        }

        @Override
        public void run() {
            final Command command = new Command();
            long next = System.nanoTime();
            while (!stop) {
                final long now = System.nanoTime();
                if (now < next) {
                    LockSupport.parkNanos(Math.min(next - now, 200_000));
                    continue;
                }
                next += intervalNanos;
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long price = MID + random.nextInt(101) - 50;
                command.placeOrder(accounts[random.nextInt(accounts.length)], market, side, OrderType.LIMIT, price,
                    1 + random.nextInt(50));
                while (pipeline.submit(command, null) != Pipeline.Submit.PUBLISHED) {
                    busy.increment();
                    Thread.onSpinWait();
                }
                submitted.increment();
            }
        }
    }
}
