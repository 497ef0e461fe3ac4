package io.tidemark.gateway.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nonce log on disk: what a later process reads back after a clean close and after none at all (a
 * killed process leaves its records in the page cache), torn and expired records, segments rolled and
 * deleted, and the fence after a machine crash. A record is 32 bytes after a 64-byte segment header.
 */
class NonceLogTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final UUID BOOT = UUID.fromString("b313d996-5fb1-4117-bbed-61c3220b6ae8");
    private static final UUID NEXT_BOOT = UUID.fromString("0c9e2e4f-1d2b-4a7e-9f00-3a5c7d1e2f40");

    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(NOW);

    record Entry(long keyHash, long a, long b, long expiry) {
    }

    private NonceLog open(final UUID boot, final List<Entry> restored) {
        return NonceLog.open(dir, boot, clock::get, (keyHash, a, b, expiry) -> restored.add(new Entry(keyHash, a, b, expiry)));
    }

    private List<Entry> reopen(final UUID boot) {
        final List<Entry> restored = new ArrayList<>();
        open(boot, restored).close();
        return restored;
    }

    @Test
    void liveRecordsComeBackAfterAKilledProcessAsAfterACleanClose() {
        final NonceLog killed = open(BOOT, new ArrayList<>());
        killed.append(1, 11, 111, NOW + 5_000, NOW);
        killed.append(2, 22, 222, NOW + 60_000, NOW);
        killed.append(3, 33, 333, NOW + 100, NOW);
        // no close: what a kill -9 leaves
        clock.set(NOW + 1_000);
        final List<Entry> restored = new ArrayList<>();
        final NonceLog again = open(BOOT, restored);
        assertThat(restored).as("the expired one is not").containsExactlyInAnyOrder(
            new Entry(1, 11, 111, NOW + 5_000), new Entry(2, 22, 222, NOW + 60_000));
        assertThat(again.refusedThroughMillis()).as("the same boot lost nothing").isEqualTo(Long.MIN_VALUE);
        again.close();
        clock.set(NOW + 10_000);
        assertThat(reopen(BOOT)).containsExactly(new Entry(2, 22, 222, NOW + 60_000));
    }

    @Test
    void aRecordWithoutItsExpiryWasNeverCompletedAndIsSkipped() throws IOException {
        final NonceLog log = open(BOOT, new ArrayList<>());
        log.append(1, 11, 111, NOW + 5_000, NOW);
        log.append(2, 22, 222, NOW + 5_000, NOW);
        final Path segment = segments().get(0);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            // the second record as a writer killed before its last store left it
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, 0), 64 + 32 + 24);
        }
        assertThat(reopen(BOOT)).containsExactly(new Entry(1, 11, 111, NOW + 5_000));
    }

    @Test
    void fullSegmentsRollAndAreDeletedOnceNothingInThemIsLive() {
        final NonceLog log = open(BOOT, new ArrayList<>());
        log.append(7, -1, -1, NOW + 70_000, NOW);
        for (int i = 1; i < NonceLog.RECORDS_PER_SEGMENT * 2 + 10; i++) {
            log.append(7, i, -i, NOW + 5_000, NOW);
        }
        assertThat(log.segmentFiles()).isEqualTo(3);
        log.expire(NOW + 59_999);
        assertThat(log.segmentFiles()).as("a minute for a writer that claimed a slot before the seal").isEqualTo(3);
        log.expire(NOW + 60_000);
        assertThat(log.segmentFiles()).as("the second's records all expired; one of the first's is live").isEqualTo(2);
        log.expire(NOW + 70_001);
        assertThat(log.segmentFiles()).as("the one being written stays").isEqualTo(1);
        log.close();
        assertThat(segments()).hasSize(1);
        clock.set(NOW + 1_000);
        assertThat(reopen(BOOT)).as("the records of the last segment").hasSize(10);
    }

    @Test
    void anEarlierProcessesSegmentIsDeletedAfterItsLastLiveRecord() {
        final NonceLog first = open(BOOT, new ArrayList<>());
        first.append(1, 1, 1, NOW + 5_000, NOW);
        first.close();
        final List<Entry> restored = new ArrayList<>();
        final NonceLog second = open(BOOT, restored);
        assertThat(restored).hasSize(1);
        assertThat(second.segmentFiles()).isEqualTo(2);
        second.expire(NOW + 5_000);
        assertThat(second.segmentFiles()).isEqualTo(2);
        second.expire(NOW + 5_001);
        assertThat(second.segmentFiles()).isEqualTo(1);
        second.close();
    }

    @Test
    void anUncleanCloseInAnEarlierBootFencesTimestampsUntilTheLargestDriftAfterTheStart() {
        final NonceLog crashed = open(BOOT, new ArrayList<>());
        crashed.append(1, 1, 1, NOW + 5_000, NOW);
        // the machine crashed: no close, and the next start is in another boot
        clock.set(NOW + 30_000);
        final NonceLog afterCrash = open(NEXT_BOOT, new ArrayList<>());
        assertThat(afterCrash.refusedThroughMillis()).isEqualTo(NOW + 30_000 + ApiKey.MAX_DRIFT_MILLIS);
        // killed again within the fence, same boot: the fence is kept, not recomputed from the new start
        clock.set(NOW + 40_000);
        final NonceLog killedAgain = open(NEXT_BOOT, new ArrayList<>());
        assertThat(killedAgain.refusedThroughMillis()).isEqualTo(NOW + 30_000 + ApiKey.MAX_DRIFT_MILLIS);
        killedAgain.close();
        // forgotten once no timestamp up to it can pass a drift check
        clock.set(NOW + 30_000 + 2 * ApiKey.MAX_DRIFT_MILLIS + 1);
        open(NEXT_BOOT, new ArrayList<>()).close();
        final NonceLog later = open(NEXT_BOOT, new ArrayList<>());
        assertThat(later.refusedThroughMillis()).isEqualTo(Long.MIN_VALUE);
        later.close();
    }

    @Test
    void aCleanCloseIsTrustedInAnyBoot() {
        final NonceLog log = open(BOOT, new ArrayList<>());
        log.append(1, 1, 1, NOW + 5_000, NOW);
        log.close();
        final List<Entry> restored = new ArrayList<>();
        final NonceLog afterReboot = open(NEXT_BOOT, restored);
        assertThat(restored).hasSize(1);
        assertThat(afterReboot.refusedThroughMillis()).isEqualTo(Long.MIN_VALUE);
        afterReboot.close();
    }

    @Test
    void whereTheBootCannotBeToldAKilledProcessIsTrusted() {
        open(null, new ArrayList<>()).append(1, 1, 1, NOW + 5_000, NOW);
        final NonceLog again = open(null, new ArrayList<>());
        assertThat(again.refusedThroughMillis()).isEqualTo(Long.MIN_VALUE);
        again.close();
    }

    @Test
    void segmentsWithoutTheirStateOrUnreadableOnesFenceToo() throws IOException {
        open(BOOT, new ArrayList<>()).close();
        Files.delete(dir.resolve("state"));
        final NonceLog withoutState = open(BOOT, new ArrayList<>());
        assertThat(withoutState.refusedThroughMillis()).isEqualTo(NOW + ApiKey.MAX_DRIFT_MILLIS);
        withoutState.close();
        clock.set(NOW + 200_000);
        Files.write(dir.resolve("nonces-00000000000000ff.log"), new byte[4_096]);
        final NonceLog unreadable = open(BOOT, new ArrayList<>());
        assertThat(unreadable.refusedThroughMillis()).isEqualTo(NOW + 200_000 + ApiKey.MAX_DRIFT_MILLIS);
        unreadable.close();
    }

    private List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
