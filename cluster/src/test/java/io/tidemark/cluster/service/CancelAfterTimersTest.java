package io.tidemark.cluster.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cancel_after switches as the service keeps them: one per account, each arm a new timer. */
class CancelAfterTimersTest {
    /** Records what the service asked of the cluster's timers. */
    static final class RecordingScheduler implements CancelAfterTimers.Scheduler {
        final List<Long> scheduled = new ArrayList<>();
        final List<Long> deadlines = new ArrayList<>();
        final List<Long> cancelled = new ArrayList<>();

        @Override
        public void schedule(final long correlationId, final long deadline) {
            scheduled.add(correlationId);
            deadlines.add(deadline);
        }

        @Override
        public void cancel(final long correlationId) {
            cancelled.add(correlationId);
        }
    }

    private final CancelAfterTimers timers = new CancelAfterTimers();
    private final RecordingScheduler scheduler = new RecordingScheduler();

    @Test
    void armingSchedulesATimerAtTheLogTimePlusTheTimeout() {
        assertThat(timers.set(scheduler, 7, 1_000, 250)).isEqualTo(1_250);
        assertThat(scheduler.scheduled).containsExactly(1L);
        assertThat(scheduler.deadlines).containsExactly(1_250L);
        assertThat(timers.deadline(7)).isEqualTo(1_250);
    }

    @Test
    void reArmingCancelsTheEarlierTimerAndItsLateEventIsIgnored() {
        timers.set(scheduler, 7, 1_000, 250);
        assertThat(timers.set(scheduler, 7, 1_100, 250)).isEqualTo(1_350);
        assertThat(scheduler.cancelled).containsExactly(1L);
        assertThat(scheduler.scheduled).containsExactly(1L, 2L);
        assertThat(timers.fired(1)).isEqualTo(-1);
        assertThat(timers.deadline(7)).isEqualTo(1_350);
    }

    @Test
    void disarmingCancelsTheTimer() {
        timers.set(scheduler, 7, 1_000, 250);
        assertThat(timers.set(scheduler, 7, 1_100, 0)).isZero();
        assertThat(scheduler.cancelled).containsExactly(1L);
        assertThat(timers.deadline(7)).isZero();
        assertThat(timers.fired(1)).isEqualTo(-1);
        assertThat(timers.armed()).isZero();
    }

    @Test
    void aFiredTimerNamesItsAccountOnceAndDisarmsIt() {
        timers.set(scheduler, 7, 1_000, 250);
        timers.set(scheduler, 8, 1_000, 500);
        assertThat(timers.fired(2)).isEqualTo(8);
        assertThat(timers.fired(2)).isEqualTo(-1);
        assertThat(timers.deadline(8)).isZero();
        assertThat(timers.deadline(7)).isEqualTo(1_250);
    }

    @Test
    void disarmingAnAccountWithoutASwitchAsksNothingOfTheCluster() {
        assertThat(timers.set(scheduler, 7, 1_000, 0)).isZero();
        assertThat(scheduler.cancelled).isEmpty();
        assertThat(scheduler.scheduled).isEmpty();
    }
}
