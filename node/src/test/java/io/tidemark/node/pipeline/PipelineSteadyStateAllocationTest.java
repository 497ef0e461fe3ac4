package io.tidemark.node.pipeline;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.journal.ChronicleJournal;
import io.tidemark.node.journal.Durability;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.view.AccountViews;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's threads allocate nothing per command once warm: the engine's steady-state cycle (place,
 * amend, cancel, trade, market and IOC takers, a stop, cancel-all, a deposit) goes through the whole
 * pipeline — the Chronicle journal, the engine, the account views, the reply — many times, and the
 * allocation counters of the stage threads (the one core thread when fused) must stay far below one
 * allocation per command. The producer (this thread) is not counted: in production it is a
 * network event loop.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PipelineSteadyStateAllocationTest {
    private static final long DAY_NANOS = 24L * 3600 * 1_000_000_000L;
    private static final int COMMANDS_PER_CYCLE = 13;
    private static final int ORDERS_PER_CYCLE = 8;

    /** Counts replies and the ones that were not accepted; written by the reply thread only. */
    private static final class Counter implements ReplyHandler {
        volatile long replies;
        volatile long rejected;

        @Override
        public void onReply(final CommandSlot slot) {
            if (slot.command().result != ResultCode.ACCEPTED || slot.failure() != SlotFailure.NONE) {
                rejected = rejected + 1;
            }
            replies = replies + 1;
        }
    }

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final Command c = new Command();
    private final Counter counter = new Counter();
    private Pipeline pipeline;
    private static volatile long[] garbage;
    private long submitted;
    private long nextOrderId;
    private long clientId;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void steadyStateCommandsAllocateNothingOnThePipelineThreads(final Topology topology, @TempDir final Path dir) {
        final EngineEvents events = new EngineEvents();
        final MatchingEngine engine = new MatchingEngine(config, events);
        final EngineInspector inspector = new EngineInspector(engine);
        final JournalDirectory directory = new JournalDirectory(dir);
        final long[] clock = {1_795_219_200_000_000_000L};
        // the clock moves 1/1000 of the client id retention per cycle: the client id table stays at a steady size
        final long step = DAY_NANOS / (1_000L * COMMANDS_PER_CYCLE);
        try (ChronicleJournal journal = new ChronicleJournal(directory, directory.current(), Durability.MAPPED,
            config.fingerprint(), 0, 0, 0, false)) {
            pipeline = new Pipeline(new Pipeline.Context().engine(engine, events).readModel(new AccountViews(config))
                .journal(journal).ringSize(1_024).topology(topology).clock(() -> clock[0] += step)).start();
            try {
                for (long account = 1; account <= 4; account++) {
                    submit(c.deposit(account, TestConfigs.USD, 1_000_000_000_000_000L));
                    submit(c.deposit(account, TestConfigs.BTC, 1_000_000_000_000_000L));
                }
                for (int i = 0; i < 200; i++) {
                    submit(c.placeOrder(1, 0, Side.SELL, OrderType.LIMIT, 10_100 + i, 1_000));
                    submit(c.placeOrder(2, 0, Side.BUY, OrderType.LIMIT, 9_900 - i, 1_000));
                }
                awaitReplies();
                nextOrderId = inspector.nextOrderId();
                final int warmUp = 20_000;
                for (int i = 0; i < warmUp; i++) {
                    cycle();
                }
                awaitReplies();
                final com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                final long[] ids = stageThreadIds(topology);
                final long before = allocated(threads, ids);
                final int cycles = 20_000;
                for (int i = 0; i < cycles; i++) {
                    cycle();
                }
                awaitReplies();
                final long allocated = allocated(threads, ids) - before;
                assertThat(counter.rejected).as("commands not accepted").isZero();
                final long commands = (long) cycles * COMMANDS_PER_CYCLE;
                // seen fused: 14-22 KiB over the 260,000, and JFR puts it in Chronicle Queue (a
                // BinaryLongArrayReference from SCQIndexing, ~24 KB, made when the queue's index needs a new
                // array: once per many thousand documents; the fused journal writes a document per batch of
                // at most 256, so it crosses one inside this window; staged: 0). One allocation per command
                // would be 16+ bytes each, over 4 MB here
                assertThat(allocated).as("bytes allocated by the %s pipeline's threads over %d commands",
                    topology.wireName(), commands).isLessThan(64 * 1_024);
                System.out.printf("%s pipeline: %d bytes allocated on its threads over %d commands%n",
                    topology.wireName(), allocated, commands);
                // the counters do see these threads: a reply handler that allocates moves them
                final long control = allocated(threads, ids);
                final ReplyHandler allocating = slot -> garbage = new long[16];
                for (int i = 0; i < 1_000; i++) {
                    while (pipeline.submit(c.deposit(3, TestConfigs.USD, 1), allocating) != Pipeline.Submit.PUBLISHED) {
                        LockSupport.parkNanos(10_000);
                    }
                }
                submit(c.deposit(3, TestConfigs.USD, 1));
                awaitReplies();
                assertThat(allocated(threads, ids) - control).as("bytes the control handler allocated")
                    .isGreaterThanOrEqualTo(1_000L * 16 * Long.BYTES);
            } finally {
                pipeline.close();
            }
        }
    }

    private void cycle() {
        final long resting = nextOrderId;
        nextOrderId += ORDERS_PER_CYCLE;
        clientId++;
        c.placeOrder(3, 0, Side.BUY, OrderType.LIMIT, 9_950, 500);
        c.clientOrderId.setWords(clientId, 0, 0, 1L << 58);
        submit(c);
        submit(c.amendOrder(3, resting, 0, 400));
        submit(c.amendOrder(3, resting, 9_960, 0));
        submit(c.cancelOrder(3, resting));
        submit(c.placeOrder(4, 0, Side.BUY, OrderType.LIMIT, 10_100, 300));
        submit(c.placeOrder(1, 0, Side.SELL, OrderType.LIMIT, 10_100, 300));
        submit(c.placeOrder(4, 0, Side.SELL, OrderType.MARKET, 0, 200));
        submit(c.placeOrder(2, 0, Side.BUY, OrderType.LIMIT, 9_900, 200));
        c.placeOrder(4, 0, Side.SELL, OrderType.LIMIT, 9_900, 150);
        c.timeInForce = TimeInForce.IOC;
        submit(c);
        submit(c.placeOrder(2, 0, Side.BUY, OrderType.LIMIT, 9_900, 150));
        c.placeOrder(3, 0, Side.SELL, OrderType.STOP, 0, 300);
        c.stopPrice = 5_000;
        c.selfTradePrevention = SelfTradePrevention.CANCEL_BOTH;
        submit(c);
        submit(c.cancelAll(3, Command.ALL_MARKETS));
        submit(c.deposit(3, TestConfigs.USD, 1));
    }

    private void submit(final Command command) {
        while (pipeline.submit(command, counter) != Pipeline.Submit.PUBLISHED) {
            LockSupport.parkNanos(10_000);
        }
        submitted++;
    }

    private void awaitReplies() {
        while (counter.replies < submitted) {
            LockSupport.parkNanos(100_000);
        }
    }

    private static long[] stageThreadIds(final Topology topology) {
        final java.util.List<String> names = topology == Topology.FUSED ? java.util.List.of("tidemark-core")
            : java.util.List.of("tidemark-journal", "tidemark-engine", "tidemark-views", "tidemark-reply");
        final long[] ids = new long[names.size()];
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            final int index = names.indexOf(thread.getName());
            if (index >= 0) {
                ids[index] = thread.getId();
            }
        }
        assertThat(ids).as("stage threads %s", names).doesNotContain(0L);
        return ids;
    }

    private static long allocated(final com.sun.management.ThreadMXBean threads, final long[] ids) {
        long sum = 0;
        for (final long bytes : threads.getThreadAllocatedBytes(ids)) {
            sum += bytes;
        }
        return sum;
    }
}
