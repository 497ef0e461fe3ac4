package io.tidemark.benchmarks.peer;

import io.tidemark.peer.workload.Workload;
import io.tidemark.peer.workload.WorkloadFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short golden streams in {@code benchmarks/peer-workload/src/test/resources/golden} are exactly what
 * the generator makes today, and Tidemark replays them to the trade digest their headers record. The
 * exchange-core module's test replays the same files through exchange-core and checks the same digest:
 * together they prove both engines make identical trades on them. If the generator or the engine's
 * matching changes, regenerate them:
 * {@code java -cp benchmarks/target/benchmarks.jar io.tidemark.benchmarks.peer.PeerWorkloadTool --mix M
 * --commands 10000 --out benchmarks/peer-workload/src/test/resources/golden/M-10k.tmpw.gz}.
 */
class GoldenWorkloadTest {
    private static List<Path> goldenFiles() throws IOException {
        final Path dir = Path.of(System.getProperty("peer.golden.dir", "peer-workload/src/test/resources/golden"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".tmpw.gz")).sorted().toList();
        }
    }

    @Test
    void theGoldenStreamsAreTheGeneratorsOutputAndReplayToTheirDigest() throws IOException {
        final List<Path> files = goldenFiles();
        assertThat(files).hasSize(2);
        for (final Path file : files) {
            final Workload golden = WorkloadFile.read(file);
            final Workload.Header h = golden.header();
            final Workload fresh = PeerWorkloadGenerator.generate(PeerWorkloadGenerator.Mix.of(h.mix()), h.seed(),
                h.commandCount(), h.accounts(), PeerWorkloadGenerator.TARGET_ORDERS);
            assertThat(fresh.header()).as(file + " header").isEqualTo(h);
            for (int i = 0; i < golden.size(); i++) {
                final int record = i;
                assertThat(new long[] {fresh.type(i), fresh.side(i), fresh.orderType(i), fresh.timeInForce(i),
                    fresh.account(i), fresh.orderId(i), fresh.price(i), fresh.size(i), fresh.newSize(i)})
                    .as(() -> file + " record " + record)
                    .containsExactly(golden.type(i), golden.side(i), golden.orderType(i), golden.timeInForce(i),
                        golden.account(i), golden.orderId(i), golden.price(i), golden.size(i), golden.newSize(i));
            }
            assertThat(TidemarkReplay.verify(golden)).isEqualTo(h.expected());
            assertThat(h.expected().trades()).as(file + " trades").isGreaterThan(400);
        }
    }
}
