package io.tidemark.node.journal;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChronicleJournalTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    private List<String> write(final Path dir, final int count, final Durability durability) {
        final JournalDirectory directory = new JournalDirectory(dir);
        final RandomCommandGenerator generator = new RandomCommandGenerator(8, config, 20);
        final List<String> written = new ArrayList<>();
        try (ChronicleJournal journal = new ChronicleJournal(directory, directory.current(), durability,
            config.fingerprint(), 0, 0, 0, false)) {
            final Command command = new Command();
            for (int i = 1; i <= count; i++) {
                generator.next(command);
                command.sequence = i;
                journal.append(command);
                if (i % 100 == 0) {
                    journal.endOfBatch();
                }
                written.add(command.toString());
            }
            journal.endOfBatch();
        }
        return written;
    }

    private static List<String> read(final Path dir, final long fingerprint, final JournalReader.Result[] result) {
        final List<String> read = new ArrayList<>();
        result[0] = JournalReader.replay(new JournalDirectory(dir), fingerprint, 0, 0, 0, 0,
            command -> read.add(command.toString()));
        return read;
    }

    @Test
    void whatIsAppendedIsReadBackInOrder(@TempDir final Path dir) {
        final List<String> written = write(dir, 20_000, Durability.MAPPED);
        final JournalReader.Result[] result = new JournalReader.Result[1];
        assertThat(read(dir, config.fingerprint(), result)).isEqualTo(written);
        assertThat(result[0].lastSequence()).isEqualTo(20_000);
        assertThat(result[0].damaged()).isFalse();
    }

    @Test
    void aReplayStopsAtItsLastSequenceAndTheNextContinuesWhereItStopped(@TempDir final Path dir) {
        final List<String> written = write(dir, 5_000, Durability.MAPPED);
        final JournalDirectory directory = new JournalDirectory(dir);
        final List<String> read = new ArrayList<>();
        JournalReader.Result position = new JournalReader.Result(0, 0, 0, 0, 0, false, null);
        for (final long upTo : new long[] {1, 250, 251, 1_999, 4_000, 5_000}) {
            final JournalReader.Result result = JournalReader.replay(directory, config.fingerprint(),
                position.lastSequence(), position.lastTimestamp(), position.lastGeneration(), position.lastIndex(), upTo,
                command -> read.add(command.toString()));
            assertThat(result.lastSequence()).isEqualTo(upTo);
            assertThat(read).hasSize((int) upTo);
            position = result;
        }
        assertThat(read).isEqualTo(written);
    }

    @Test
    void syncModeWritesTheSameJournal(@TempDir final Path dir) {
        final List<String> written = write(dir, 2_000, Durability.SYNC);
        final JournalReader.Result[] result = new JournalReader.Result[1];
        assertThat(read(dir, config.fingerprint(), result)).isEqualTo(written);
    }

    @Test
    void aJournalOfAnotherConfigurationIsRefused(@TempDir final Path dir) {
        write(dir, 10, Durability.MAPPED);
        assertThatThrownBy(() -> read(dir, config.fingerprint() + 1, new JournalReader.Result[1]))
            .isInstanceOf(JournalException.class).hasMessageContaining("configuration");
    }

    @Test
    void aTruncatedTailStopsTheReplayAtTheLastWholeCommandAndSaysSo(@TempDir final Path dir) throws Exception {
        final List<String> written = write(dir, 1_000, Durability.MAPPED);
        JournalFiles.truncateInsideLastRecord(new JournalDirectory(dir).path(0));

        final JournalReader.Result[] result = new JournalReader.Result[1];
        final List<String> read = read(dir, config.fingerprint(), result);
        assertThat(result[0].damaged()).isTrue();
        assertThat(result[0].damage()).contains("damaged record after sequence 999");
        assertThat(read).isEqualTo(written.subList(0, 999));
    }

    @Test
    void afterSealingADamagedGenerationNewCommandsFollowInTheNextOne(@TempDir final Path dir) throws Exception {
        final List<String> written = write(dir, 500, Durability.MAPPED);
        JournalFiles.truncateInsideLastRecord(new JournalDirectory(dir).path(0));
        final JournalDirectory directory = new JournalDirectory(dir);
        final int next = directory.sealAndStartNext(0, 499);
        final Command command = new Command();
        try (ChronicleJournal journal = new ChronicleJournal(directory, next, Durability.MAPPED, config.fingerprint(),
            499, 0, 0, false)) {
            for (int i = 500; i <= 600; i++) {
                command.deposit(1, 0, i);
                command.sequence = i;
                journal.append(command);
            }
        }
        final JournalReader.Result[] result = new JournalReader.Result[1];
        final List<String> read = read(dir, config.fingerprint(), result);
        assertThat(result[0].damaged()).isFalse();
        assertThat(result[0].lastSequence()).isEqualTo(600);
        assertThat(read.subList(0, 499)).isEqualTo(written.subList(0, 499));
        assertThat(read).hasSize(600);
    }
}
