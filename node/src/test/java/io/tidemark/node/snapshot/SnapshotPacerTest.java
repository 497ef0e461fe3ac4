package io.tidemark.node.snapshot;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotPacerTest {
    private long now;
    private final List<Long> pauses = new ArrayList<>();

    private SnapshotPacer pacer() {
        return new SnapshotPacer(() -> now, nanos -> {
            pauses.add(nanos);
            now += nanos;
        });
    }

    @Test
    void doesNotPauseWithinABurst() {
        final SnapshotPacer pacer = pacer();
        for (int i = 0; i < 9; i++) {
            now += SnapshotPacer.BURST_NANOS / 10;
            pacer.run();
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void pausesOnceABurstHasRunItsLengthAndStartsTheNextBurstAfterThePause() {
        final SnapshotPacer pacer = pacer();
        for (int i = 0; i < 40; i++) {
            now += SnapshotPacer.BURST_NANOS / 4;
            pacer.run();
        }
        assertThat(pauses).hasSize(10).containsOnly(SnapshotPacer.PAUSE_NANOS);
    }
}
