package io.tidemark.engine.snapshot;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotOutputTest {
    @Test
    void runsItsChunkHookOnceForEveryChunkWritten() {
        final AtomicInteger chunks = new AtomicInteger();
        final SnapshotOutput out = new SnapshotOutput(16, chunks::incrementAndGet);
        for (int i = 0; i < SnapshotOutput.CHUNK * 3 / 8; i++) {
            out.putLong(i);
        }
        assertThat(chunks).hasValue(3);
        out.putByte(1);
        assertThat(chunks).hasValue(3);
    }

    @Test
    void writesTheSameBytesWithOrWithoutAHook() {
        final SnapshotOutput plain = new SnapshotOutput(16);
        final SnapshotOutput hooked = new SnapshotOutput(16, () -> { });
        for (int i = 0; i < 100_000; i++) {
            plain.putInt(i).putByte(i).putLong(-i);
            hooked.putInt(i).putByte(i).putLong(-i);
        }
        assertThat(hooked.toByteArray()).isEqualTo(plain.toByteArray());
    }
}
