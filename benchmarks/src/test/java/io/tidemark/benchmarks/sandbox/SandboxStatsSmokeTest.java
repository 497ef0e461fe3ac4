package io.tidemark.benchmarks.sandbox;

import io.tidemark.sandbox.stats.MarketFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** sandbox-stats still works: a real sandbox, its books sampled for a couple of seconds, figures for every market. */
class SandboxStatsSmokeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void samplesEverySimulatedMarketAndMeasuresTheSimulationsCpu() throws Exception {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final SandboxStatsBenchmark.Result result = SandboxStatsBenchmark.run(dir.resolve("data"), 2 / 60.0, 0,
            new PrintStream(printed, true, StandardCharsets.UTF_8));
        final String text = printed.toString(StandardCharsets.UTF_8);

        assertThat(result.markets()).as(text).extracting(MarketFigures::pair)
            .containsExactly("BTC-USD", "ETH-USD", "ETH-BTC");
        for (final MarketFigures market : result.markets()) {
            assertThat(market.minutes()).as(text).isCloseTo(2 / 60.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(market.medianSpreadBps()).as(text).isPositive();
            assertThat(market.depthByLevel()[9]).as("%s depth at level 10%n%s", market.pair(), text).isPositive();
        }
        assertThat(result.simulationCpuShare()).as(text).isPositive().isLessThan(result.processCpuShare());
        assertThat(text).contains("issue 24's goals:").contains("simulation CPU:");
        assertThat(result.summary()).startsWith("sandbox-stats over").contains("BTC-USD");
    }
}
