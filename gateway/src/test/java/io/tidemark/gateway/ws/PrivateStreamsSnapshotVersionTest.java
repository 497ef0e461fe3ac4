package io.tidemark.gateway.ws;

import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.node.Node;
import io.tidemark.node.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot whose private-streams section is of version 2 (which ended with the streams' own copy of
 * the account views, no longer kept) is refused by name, and recovery replays the journal instead:
 * the streams come back with the same numbering and retained events.
 */
@Timeout(60)
class PrivateStreamsSnapshotVersionTest {
    private static final String SECTION = "ws-private";

    @TempDir
    Path dir;

    @Test
    void aVersion2SectionIsRefusedAndTheJournalReplayedInstead() throws Exception {
        final long fingerprint;
        try (TestServer server = TestServer.start(dir)) {
            fingerprint = server.server().config().fingerprint();
            final SignedClient maker = server.account("BTC", "10");
            final SignedClient taker = server.account("USD", "1000000");
            final String resting = maker.post("/v1/orders", order("sell", "60000", "0.03")).data().path("id").asText();
            taker.post("/v1/orders", order("buy", "60000", "0.01"));
            maker.post("/v1/orders/" + resting + "/cancel", "");
        }
        final List<Path> snapshots = snapshotFiles();
        assertThat(snapshots).as("the final snapshot").isNotEmpty();
        final byte[] written = SnapshotStore.read(snapshots.get(snapshots.size() - 1), fingerprint).sections().get(SECTION);
        for (final Path snapshot : snapshots) {
            markVersion2(snapshot, fingerprint);
        }

        try (TestServer server = TestServer.start(dir)) {
            final Node.Recovery recovery = server.server().node().recovery();
            assertThat(recovery.snapshot()).isNull();
            assertThat(recovery.skippedSnapshots()).hasSize(snapshots.size())
                .allSatisfy(skipped -> assertThat(skipped).contains("private-streams snapshot version 2, expected 3"));
            assertThat(recovery.replayedCommands()).isEqualTo(recovery.lastSequence()).isPositive();
            final Path rebuilt = server.server().node().snapshot().get(30, TimeUnit.SECONDS);
            assertThat(SnapshotStore.read(rebuilt, fingerprint).sections().get(SECTION)).isEqualTo(written);
        }
    }

    private static String order(final String side, final String price, final String size) {
        return "{\"pair\":\"BTC-USD\",\"side\":\"" + side + "\",\"type\":\"limit\",\"price\":\"" + price
            + "\",\"size\":\"" + size + "\"}";
    }

    private List<Path> snapshotFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("snapshots"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".snap")).sorted().toList();
        }
    }

    /**
     * Rewrites the version in the file's private-streams section header to 2 and makes the file's
     * checksum whole again, so the section's version is the only thing wrong with the snapshot.
     */
    private static void markVersion2(final Path file, final long fingerprint) throws Exception {
        final byte[] section = SnapshotStore.read(file, fingerprint).sections().get(SECTION);
        final byte[] bytes = Files.readAllBytes(file);
        // the section's name, then its length, then its body: magic, version, ...
        final int name = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(SECTION);
        final int body = name + SECTION.length() + Integer.BYTES;
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buffer.getInt(body - Integer.BYTES)).isEqualTo(section.length);
        assertThat(buffer.getInt(body + Integer.BYTES)).isEqualTo(3);
        buffer.putInt(body + Integer.BYTES, 2);
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - Integer.BYTES);
        buffer.putInt(bytes.length - Integer.BYTES, (int) crc.getValue());
        Files.write(file, bytes);
    }
}
