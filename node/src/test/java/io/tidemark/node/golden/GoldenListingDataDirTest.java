package io.tidemark.node.golden;

import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of {@link GoldenDataDirTest} on a data directory written by {@link GoldenListingDataDirWriter}
 * with assets and markets listed at run time among the trading: their journal records (codes 15-16) and the
 * engine's version-4 snapshots (listings first; every read model's section sized to the listed asset and
 * markets) replay, recover and are written back as they were written, under the file's configuration.
 */
class GoldenListingDataDirTest extends GoldenDataDirTest {
    @Override
    String fixture() {
        return "/io/tidemark/node/golden/v4-listings";
    }

    @Test
    void theFixturesEngineSnapshotsAreVersionFour() throws Exception {
        try (Stream<Path> snapshots = Files.list(dir.resolve("snapshots"))) {
            for (final Path file : (Iterable<Path>) snapshots::iterator) {
                final byte[] engine = SnapshotStore.read(file, TestConfigs.threeMarkets().fingerprint()).sections()
                    .get(SnapshotStore.ENGINE_SECTION);
                assertThat(ByteBuffer.wrap(engine).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).as(file.toString())
                    .isEqualTo(4);
            }
        }
    }
}
