package io.tidemark.node.pipeline;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.testkit.RecordingListener;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.view.AccountViews;
import io.tidemark.node.view.OrderRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelineTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final EventEncoder encoder = new EventEncoder();
    private final MatchingEngine engine = new MatchingEngine(config, encoder);
    private final EngineInspector inspector = new EngineInspector(engine);
    private final AccountViews views = new AccountViews(config);
    private final MemoryJournal journal = new MemoryJournal();
    private Pipeline pipeline;

    private Pipeline start(final int ringSize) {
        pipeline = new Pipeline(new Pipeline.Context().engine(engine, encoder).readModel(views).journal(journal)
            .ringSize(ringSize)).start();
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

    @Test
    void aCommandIsJournaledAppliedAndAnsweredWithItsResult() throws Exception {
        start(1024);
        final Waiter deposit = submit(new Command().deposit(1, USD, 1_000_000_000));
        final Waiter place = submit(new Command().placeOrder(1, BTC_USD, Side.BUY, OrderType.LIMIT, 10_000, 200));

        assertThat(deposit.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(place.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(place.resultId).isEqualTo(1);
        assertThat(journal.commands()).hasSize(2);
        assertThat(journal.commands().get(1).sequence).isEqualTo(2);
        assertThat(inspector.hold(1, USD)).isPositive();
    }

    @Test
    void theReplyComesOnlyOnceTheReadModelsReflectTheCommand() throws Exception {
        start(1024);
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

    @Test
    void aQuerySeesEveryCommandSubmittedBeforeIt() throws Exception {
        start(1024);
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

    @Test
    void manyProducersGetEveryCommandAnsweredOnceWithContiguousSequencesAndMonotonicTime() throws Exception {
        start(256);
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

    @Test
    void aFullRingAnswersBusyAtOnceAndLosesNothingAlreadyAccepted() throws Exception {
        start(8);
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

    @Test
    void aJournalFailureIsNotAppliedAndStopsTheIntake() throws Exception {
        start(64);
        submit(new Command().deposit(1, USD, 5));
        journal.failFromNowOn();
        final Waiter failed = submit(new Command().deposit(1, USD, 7));

        assertThat(failed.failure).isEqualTo(SlotFailure.JOURNAL);
        assertThat(inspector.available(1, USD)).isEqualTo(5);
        assertThat(pipeline.submit(new Command().deposit(1, USD, 9), new Waiter())).isEqualTo(Pipeline.Submit.STOPPED);
        assertThat(pipeline.stopReason()).contains("journal");
    }

    @Test
    void closingDrainsEverythingAcceptedAndTheFinalSnapshotIsTheLastSlot() throws Exception {
        start(1024);
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
}
