package io.tidemark.benchmarks.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The history harness still works: one second at a low rate and a small burst, into a SQLite store. */
class HistoryBenchmarkSmokeTest {
    @TempDir
    Path dir;

    @Test
    void sustainsThenBurstsAndTheWriterCatchesUp() throws Exception {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final HistoryBenchmark.Result result = HistoryBenchmark.run(dir, HistoryBenchmark.Mix.REALISTIC, 1, 2_000, 5_000, null, null, null,
            new PrintStream(printed, true, StandardCharsets.UTF_8));
        final String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(result.sustainedCommands()).as(text).isEqualTo(2_000);
        assertThat(result.sustainedRowsPerSecond()).as(text).isPositive();
        assertThat(result.burstCommands()).as(text).isEqualTo(5_000);
        assertThat(result.catchUpSeconds()).as(text).isPositive();
        assertThat(result.catchUpRowsPerSecond()).as(text).isPositive();
        assertThat(result.summary()).contains("history (SQLite, realistic mix): sustained").contains("caught up in");
        assertThat(text).contains("sustained:").contains("burst:");
    }
}
