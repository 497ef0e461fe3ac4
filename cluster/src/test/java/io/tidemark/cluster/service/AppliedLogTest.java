package io.tidemark.cluster.service;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's log of the messages it sent, on disk, for gateways further behind than memory keeps. */
class AppliedLogTest {
    @TempDir
    Path dir;

    private static UnsafeBuffer message(final long sequence) {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[12]);
        buffer.putLong(0, sequence);
        buffer.putInt(8, (int) (sequence * 7));
        return buffer;
    }

    private static List<Long> resend(final AppliedLog log, final long from, final int accept) {
        final List<Long> seen = new ArrayList<>();
        log.resend(from, (buffer, offset, length) -> {
            if (seen.size() == accept) {
                return false;
            }
            assertThat(length).isEqualTo(12);
            assertThat(buffer.getInt(offset + 8)).isEqualTo((int) (buffer.getLong(offset) * 7));
            seen.add(buffer.getLong(offset));
            return true;
        });
        return seen;
    }

    @Test
    void aResendFromAnySequenceGetsEveryMessageFromThereOnInOrder() {
        try (AppliedLog log = AppliedLog.open(dir)) {
            for (long s = 1; s <= 3_000; s++) {
                log.append(s, message(s), 0, 12);
            }
            assertThat(log.covers(1)).isTrue();
            assertThat(resend(log, 2_500, Integer.MAX_VALUE)).hasSize(501).startsWith(2_500L).endsWith(3_000L);
            assertThat(resend(log, 1, Integer.MAX_VALUE)).hasSize(3_000);
            assertThat(resend(log, 1_030, 3)).containsExactly(1_030L, 1_031L, 1_032L);
        }
    }

    @Test
    void reopenedItKnowsWhatItHasAndDoesNotWriteItTwice() {
        try (AppliedLog log = AppliedLog.open(dir)) {
            for (long s = 1; s <= 100; s++) {
                log.append(s, message(s), 0, 12);
            }
        }
        try (AppliedLog log = AppliedLog.open(dir)) {
            assertThat(log.first()).isEqualTo(1);
            assertThat(log.last()).isEqualTo(100);
            // a restarted member replays its log and sends the same sequences again
            for (long s = 1; s <= 120; s++) {
                log.append(s, message(s), 0, 12);
            }
            assertThat(resend(log, 90, Integer.MAX_VALUE)).hasSize(31).doesNotHaveDuplicates();
        }
    }

    @Test
    void aJumpInSequenceStartsANewRunAndOnlyThatOneIsServed() {
        try (AppliedLog log = AppliedLog.open(dir)) {
            for (long s = 1; s <= 10; s++) {
                log.append(s, message(s), 0, 12);
            }
            for (long s = 50; s <= 60; s++) {
                log.append(s, message(s), 0, 12);
            }
            assertThat(log.covers(5)).isFalse();
            assertThat(log.covers(50)).isTrue();
            assertThat(log.covers(61)).isTrue();
            assertThat(resend(log, 55, Integer.MAX_VALUE)).containsExactly(55L, 56L, 57L, 58L, 59L, 60L);
        }
    }

    @Test
    void anEmptyLogCoversNothing() {
        try (AppliedLog log = AppliedLog.open(dir)) {
            assertThat(log.covers(1)).isFalse();
        }
    }
}
