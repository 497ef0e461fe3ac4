package io.tidemark.node.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class SignallingWaitStrategyTest {
    private static final class Slot {
        long value;
        long doubled;
        long tripled;
    }

    /**
     * Three chained stages with parks that would last an hour if a wake-up were lost: every event
     * must still get through, and each stage must see what the one before it wrote.
     */
    @Test
    @Timeout(60)
    void noWakeUpIsLostAlongAChainOfStages() throws Exception {
        final int events = 100_000;
        final SignallingWaitStrategy strategy = new SignallingWaitStrategy(TimeUnit.HOURS.toNanos(1));
        final Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 64, DaemonThreadFactory.INSTANCE,
            ProducerType.MULTI, strategy);
        final AtomicLong sum = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(events);
        final EventHandler<Slot> first = (slot, sequence, end) -> slot.doubled = slot.value * 2;
        final EventHandler<Slot> second = (slot, sequence, end) -> slot.tripled = slot.doubled / 2 * 3;
        final EventHandler<Slot> last = (slot, sequence, end) -> {
            sum.addAndGet(slot.tripled);
            done.countDown();
        };
        disruptor.handleEventsWith(first).then(second).then(last);
        disruptor.start();
        try {
            final Thread[] producers = new Thread[2];
            for (int p = 0; p < producers.length; p++) {
                final int producer = p;
                producers[p] = new Thread(() -> {
                    for (int i = producer; i < events; i += producers.length) {
                        final long value = i;
                        disruptor.publishEvent((slot, sequence) -> slot.value = value);
                        // pauses let the stages run dry and park, so most events wake a sleeper
                        if (ThreadLocalRandom.current().nextInt(8) == 0) {
                            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(50_000));
                        }
                    }
                });
                producers[p].start();
            }
            for (final Thread producer : producers) {
                producer.join();
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).as("every event reached the last stage").isTrue();
            assertThat(sum.get()).isEqualTo(3L * events * (events - 1) / 2);
        } finally {
            disruptor.halt();
        }
    }

    @Test
    @Timeout(30)
    void haltingWakesStagesParkedOnAnIdleRing() throws Exception {
        final SignallingWaitStrategy strategy = new SignallingWaitStrategy(TimeUnit.HOURS.toNanos(1));
        final java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 64, runnable -> {
            final Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        }, ProducerType.MULTI, strategy);
        final EventHandler<Slot> stage = (slot, sequence, end) -> { };
        disruptor.handleEventsWith(stage).then(stage).then(stage);
        disruptor.start();
        disruptor.publishEvent((slot, sequence) -> slot.value = 1);
        Thread.sleep(200); // all three are parked waiting for the second event by now
        assertThat(threads).hasSize(3).allMatch(t -> t.getState() == Thread.State.TIMED_WAITING);
        disruptor.halt();
        for (final Thread thread : threads) {
            thread.join(5_000);
            assertThat(thread.isAlive()).as("%s still parked after halt", thread.getName()).isFalse();
        }
    }
}
