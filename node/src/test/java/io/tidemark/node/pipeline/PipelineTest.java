package io.tidemark.node.pipeline;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.RecordingListener;
import io.tidemark.engine.testkit.Seeds;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.view.AccountViews;
import io.tidemark.node.view.OrderRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PipelineTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final EngineEvents events = new EngineEvents();
    private final MatchingEngine engine = new MatchingEngine(config, events);
    private final EngineInspector inspector = new EngineInspector(engine);
    private final AccountViews views = new AccountViews(config);
    private final MemoryJournal journal = new MemoryJournal();
    private Pipeline pipeline;

    private Pipeline start(final int ringSize, final Topology topology) {
        pipeline = new Pipeline(new Pipeline.Context().engine(engine, events).readModel(views).journal(journal)
            .ringSize(ringSize).topology(topology)).start();
        return pipeline;
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** A reply handler that records the outcome and counts down. */
    private static class Waiter implements ReplyHandler {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicInteger replies = new AtomicInteger();
        volatile ResultCode result;
        volatile long resultId;
        volatile long sequence;
        volatile SlotFailure failure;

        @Override
        public void onReply(final CommandSlot slot) {
            result = slot.command().result;
            resultId = slot.command().resultId;
            sequence = slot.command().sequence;
            failure = slot.failure();
            replies.incrementAndGet();
            done.countDown();
        }

        Waiter await() throws InterruptedException {
            assertThat(done.await(20, TimeUnit.SECONDS)).as("replied").isTrue();
            return this;
        }
    }

    private Waiter submit(final Command command) throws InterruptedException {
        final Waiter waiter = new Waiter();
        assertThat(pipeline.submit(command, waiter)).isEqualTo(Pipeline.Submit.PUBLISHED);
        return waiter.await();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void aCommandIsJournaledAppliedAndAnsweredWithItsResult(final Topology topology) throws Exception {
        start(1024, topology);
        final Waiter deposit = submit(new Command().deposit(1, USD, 1_000_000_000));
        final Waiter place = submit(new Command().placeOrder(1, BTC_USD, Side.BUY, OrderType.LIMIT, 10_000, 200));

        assertThat(deposit.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(place.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(place.resultId).isEqualTo(1);
        assertThat(journal.commands()).hasSize(2);
        assertThat(journal.commands().get(1).sequence).isEqualTo(2);
        assertThat(inspector.hold(1, USD)).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void commandsSequencedUpstreamKeepTheirStampsAndOneOutOfSequenceIsRefusedUnapplied(final Topology topology)
        throws Exception {
        pipeline = new Pipeline(new Pipeline.Context().engine(engine, events).readModel(views).journal(journal)
            .ringSize(1024).topology(topology).sequencedUpstream(true)).start();
        final Command deposit = new Command().deposit(1, USD, 1_000_000_000);
        deposit.sequence = 1;
        deposit.timestamp = 5_000;
        assertThat(submit(deposit).result).isEqualTo(ResultCode.ACCEPTED);
        final Command stray = new Command().deposit(1, USD, 7);
        stray.sequence = 5;
        stray.timestamp = 6_000;
        final Waiter refused = submit(stray);
        assertThat(refused.failure).isEqualTo(SlotFailure.JOURNAL);
        final Command next = new Command().deposit(1, USD, 1);
        next.sequence = 2;
        next.timestamp = 7_000;
        assertThat(submit(next).result).isEqualTo(ResultCode.ACCEPTED);

        assertThat(pipeline.isAccepting()).isTrue();
        assertThat(journal.commands()).extracting(c -> c.sequence).containsExactly(1L, 2L);
        assertThat(journal.commands()).extracting(c -> c.timestamp).containsExactly(5_000L, 7_000L);
        assertThat(inspector.available(1, USD)).isEqualTo(1_000_000_001);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void theReplyComesOnlyOnceTheReadModelsReflectTheCommand(final Topology topology) throws Exception {
        start(1024, topology);
        submit(new Command().deposit(1, USD, 1_000_000_000));
        final AtomicReference<OrderRecord> seen = new AtomicReference<>();
        final Waiter waiter = new Waiter() {
            @Override
            public void onViews(final CommandSlot slot) {
                final OrderRecord order = views.order(1, slot.command().resultId);
                seen.set(order == null ? null : new OrderRecord().copyFrom(order));
            }
        };
        pipeline.submit(new Command().placeOrder(1, BTC_USD, Side.BUY, OrderType.LIMIT, 10_000, 200), waiter);
        waiter.await();
        assertThat(seen.get()).isNotNull();
        assertThat(seen.get().size()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void aQuerySeesEveryCommandSubmittedBeforeIt(final Topology topology) throws Exception {
        start(1024, topology);
        final Command command = new Command();
        for (int i = 0; i < 100; i++) {
            pipeline.submit(command.deposit(1, USD, 10), null);
        }
        final AtomicReference<Long> balance = new AtomicReference<>();
        final Waiter query = new Waiter() {
            @Override
            public void onViews(final CommandSlot slot) {
                balance.set(views.available(1, USD, io.tidemark.engine.api.Wallet.SPOT));
            }
        };
        assertThat(pipeline.submitQuery(query)).isEqualTo(Pipeline.Submit.PUBLISHED);
        query.await();
        assertThat(balance.get()).isEqualTo(1_000);
        assertThat(journal.commands()).hasSize(100);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void manyProducersGetEveryCommandAnsweredOnceWithContiguousSequencesAndMonotonicTime(final Topology topology) throws Exception {
        start(256, topology);
        final int producers = 4;
        final int perProducer = 5_000;
        final ConcurrentHashMap<Long, Integer> answered = new ConcurrentHashMap<>();
        final CountDownLatch all = new CountDownLatch(producers * perProducer);
        final ReplyHandler handler = slot -> {
            answered.merge(slot.command().sequence, 1, Integer::sum);
            all.countDown();
        };
        final List<Thread> threads = new ArrayList<>();
        final AtomicInteger busy = new AtomicInteger();
        for (int p = 0; p < producers; p++) {
            final long account = p + 1;
            final Thread thread = new Thread(() -> {
                final Command command = new Command();
                for (int i = 0; i < perProducer; i++) {
                    command.deposit(account, BTC, 1 + i);
                    while (pipeline.submit(command, handler) == Pipeline.Submit.BUSY) {
                        busy.incrementAndGet();
                        Thread.onSpinWait();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads) {
            thread.join();
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        final int total = producers * perProducer;
        assertThat(answered).hasSize(total).allSatisfy((sequence, count) -> assertThat(count).isEqualTo(1));
        assertThat(answered.keySet()).allMatch(sequence -> sequence >= 1 && sequence <= total);
        long previous = 0;
        for (final Command command : journal.commands()) {
            assertThat(command.timestamp).isGreaterThanOrEqualTo(previous);
            previous = command.timestamp;
        }
        assertThat(inspector.outstanding(BTC)).isEqualTo(producers * (long) perProducer * (perProducer + 1) / 2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void aFullRingAnswersBusyAtOnceAndLosesNothingAlreadyAccepted(final Topology topology) throws Exception {
        start(8, topology);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger replies = new AtomicInteger();
        final ReplyHandler stalled = new ReplyHandler() {
            @Override
            public void onReply(final CommandSlot slot) {
                try {
                    release.await();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                replies.incrementAndGet();
            }
        };
        final Command command = new Command().deposit(1, USD, 5);
        int published = 0;
        Pipeline.Submit outcome;
        final long start = System.nanoTime();
        while ((outcome = pipeline.submit(command, stalled)) == Pipeline.Submit.PUBLISHED) {
            published++;
        }
        assertThat(outcome).isEqualTo(Pipeline.Submit.BUSY);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("never blocks").isLessThan(5);
        assertThat(published).isBetween(8, 9);
        release.countDown();
        pipeline.close();
        pipeline = null;
        assertThat(replies.get()).isEqualTo(published);
        assertThat(inspector.available(1, USD)).isEqualTo(5L * published);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void aJournalFailureIsNotAppliedAndStopsTheIntake(final Topology topology) throws Exception {
        start(64, topology);
        submit(new Command().deposit(1, USD, 5));
        journal.failFromNowOn();
        final Waiter failed = submit(new Command().deposit(1, USD, 7));

        assertThat(failed.failure).isEqualTo(SlotFailure.JOURNAL);
        assertThat(inspector.available(1, USD)).isEqualTo(5);
        assertThat(pipeline.submit(new Command().deposit(1, USD, 9), new Waiter())).isEqualTo(Pipeline.Submit.STOPPED);
        assertThat(pipeline.stopReason()).contains("journal");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void closingDrainsEverythingAcceptedAndTheFinalSnapshotIsTheLastSlot(final Topology topology) throws Exception {
        start(1024, topology);
        final AtomicInteger replies = new AtomicInteger();
        final Command command = new Command();
        for (int i = 0; i < 500; i++) {
            pipeline.submit(command.deposit(1, USD, 3), slot -> replies.incrementAndGet());
        }
        final AtomicReference<SnapshotTask> written = new AtomicReference<>();
        pipeline.close(new SnapshotTask(written::set), 10, TimeUnit.SECONDS);
        pipeline = null;
        assertThat(replies.get()).isEqualTo(500);
        assertThat(written.get().sequence()).isEqualTo(500);
        final MatchingEngine restored = MatchingEngine.fromSnapshot(config, new RecordingListener(),
            new SnapshotInput(written.get().engine().toByteArray()));
        assertThat(restored.stateHash()).isEqualTo(engine.stateHash());
        assertThat(written.get().readModels()).containsKey("accounts");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void nothingIsAnsweredBeforeTheJournalFlushedItAndTheFusedTopologyRunsOneThread(final Topology topology)
        throws Exception {
        start(64, topology);
        final int count = 5_000;
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger early = new AtomicInteger();
        final CountDownLatch all = new CountDownLatch(count);
        final ReplyHandler handler = new ReplyHandler() {
            @Override
            public void onViews(final CommandSlot slot) {
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void onReply(final CommandSlot slot) {
                threads.add(Thread.currentThread().getName());
                if (slot.command().sequence > journal.flushedSequence()) {
                    early.incrementAndGet();
                }
                all.countDown();
            }
        };
        final Command command = new Command();
        for (int i = 0; i < count; i++) {
            while (pipeline.submit(command.deposit(1 + i % 7, USD, 3), handler) != Pipeline.Submit.PUBLISHED) {
                Thread.onSpinWait();
            }
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(early.get()).as("replies given before the journal's end of batch").isZero();
        assertThat(pipeline.topology()).isEqualTo(topology);
        assertThat(threads).isEqualTo(topology == Topology.FUSED ? Set.of("tidemark-core")
            : Set.of("tidemark-views", "tidemark-reply"));
    }

    /** Funding, then 20,000 random commands (seeded), as the engine would take them in this order. */
    private List<Command> randomCommands() {
        final RandomCommandGenerator generator = new RandomCommandGenerator(Seeds.seed(15), config, 40);
        final MatchingEngine reference = new MatchingEngine(config, new RecordingListener());
        final List<Command> commands = new ArrayList<>();
        for (final Command funding : generator.fundingCommands(1_000_000_000_000L)) {
            reference.process(new Command().copyFrom(funding));
            commands.add(funding);
        }
        for (int i = 0; i < 20_000; i++) {
            final Command next = generator.next(new Command());
            commands.add(new Command().copyFrom(next));
            reference.process(next);
            generator.observe(next);
        }
        return commands;
    }

    @Test
    void bothTopologiesGiveTheSameRepliesEventsAndStates() throws Exception {
        final List<Command> commands = randomCommands();
        final Run fused = run(Topology.FUSED, commands, false);
        final Run staged = run(Topology.STAGED, commands, false);
        assertThat(fused.replies).hasSize(commands.size()).isEqualTo(staged.replies);
        assertThat(fused.engineHash).isEqualTo(staged.engineHash);
        assertThat(fused.viewsHash).isEqualTo(staged.viewsHash);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void snapshotsTakenUnderLoadChangeNoReplyNorStateAndEachRestoresToIt(final Topology topology) throws Exception {
        final List<Command> commands = randomCommands();
        final Run plain = run(topology, commands, false);
        final Run snapped = run(topology, commands, true);
        assertThat(snapped.replies).hasSize(commands.size()).isEqualTo(plain.replies);
        assertThat(snapped.engineHash).isEqualTo(plain.engineHash);
        assertThat(snapped.viewsHash).isEqualTo(plain.viewsHash);
        assertThat(snapped.snapshots).as("snapshots taken while commands flowed").hasSizeGreaterThan(1);
        // each snapshot plus the journal after it gives the final state: it was the state at its sequence
        for (final SnapshotTask task : snapped.snapshots) {
            final AccountViews restoredViews = new AccountViews(config);
            restoredViews.readSnapshot(new SnapshotInput(task.readModels().get(restoredViews.name()).toByteArray()));
            final MatchingEngine restored = MatchingEngine.fromSnapshot(config, restoredViews,
                new SnapshotInput(task.engine().toByteArray()));
            for (final Command journaled : snapped.journal) {
                if (journaled.sequence > task.sequence()) {
                    restored.process(new Command().copyFrom(journaled));
                }
            }
            assertThat(restored.stateHash()).as("engine from the snapshot at %d", task.sequence())
                .isEqualTo(plain.engineHash);
            assertThat(restoredViews.stateHash()).as("views from the snapshot at %d", task.sequence())
                .isEqualTo(plain.viewsHash);
        }
    }

    /** What one run answered, in reply order, the states it left, what it journaled and the snapshots taken. */
    private record Run(List<String> replies, long engineHash, long viewsHash, List<Command> journal,
                       List<SnapshotTask> snapshots) {
    }

    private Run run(final Topology topology, final List<Command> commands, final boolean snapshots)
        throws InterruptedException {
        final EngineEvents runEvents = new EngineEvents();
        final MatchingEngine runEngine = new MatchingEngine(config, runEvents);
        final AccountViews runViews = new AccountViews(config);
        final MemoryJournal runJournal = new MemoryJournal();
        final long[] time = {RandomCommandGenerator.START_NANOS};
        final Pipeline run = new Pipeline(new Pipeline.Context().engine(runEngine, runEvents).readModel(runViews)
            .journal(runJournal).ringSize(256).topology(topology).clock(() -> time[0] += 1_000)).start();
        final List<String> replies = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch all = new CountDownLatch(commands.size());
        final ReplyHandler handler = new ReplyHandler() {
            @Override
            public boolean readsEvents() {
                return true; // the fused core thread encodes events only for handlers that read them
            }

            @Override
            public void onReply(final CommandSlot slot) {
                final Command c = slot.command();
                final CRC32C eventBytes = new CRC32C();
                final byte[] bytes = new byte[slot.eventsLength()];
                slot.events().getBytes(0, bytes);
                eventBytes.update(bytes);
                replies.add(c.sequence + " " + c.timestamp + " " + c.result + " " + c.resultId + " " + eventBytes.getValue());
                all.countDown();
            }
        };
        final List<SnapshotTask> taken = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean flowing = new AtomicBoolean(true);
        // requesting a snapshot may wait for a slot: from its own thread, over and over while commands flow
        final Thread snapshotter = new Thread(() -> {
            while (flowing.get()) {
                run.requestSnapshot(new SnapshotTask(taken::add));
                LockSupport.parkNanos(2_000_000);
            }
        }, "test-snapshots");
        if (snapshots) {
            snapshotter.start();
        }
        for (final Command command : commands) {
            while (run.submit(command, handler) != Pipeline.Submit.PUBLISHED) {
                Thread.onSpinWait();
            }
        }
        assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
        flowing.set(false);
        if (snapshots) {
            snapshotter.join();
        }
        run.close();
        return new Run(List.copyOf(replies), runEngine.stateHash(), runViews.stateHash(),
            List.copyOf(runJournal.commands()), List.copyOf(taken));
    }
}
