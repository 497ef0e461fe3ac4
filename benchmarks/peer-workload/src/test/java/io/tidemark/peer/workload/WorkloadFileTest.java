package io.tidemark.peer.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadFileTest {
    @TempDir
    Path dir;

    private static Workload sample() {
        final Workload.Builder b = new Workload.Builder();
        b.place(7, 1, Workload.SELL, Workload.LIMIT, Workload.GTC, 3_000_010, 5);
        b.place(8, 2, Workload.BUY, Workload.LIMIT, Workload.IOC, 3_000_020, 2);
        b.move(7, 1, 3_000_011);
        b.reduce(7, 1, 1, 4);
        b.place(9, 3, Workload.BUY, Workload.MARKET, Workload.IOC, 0, 1);
        b.cancel(7, 1);
        final TradeDigest.Result expected = new TradeDigest.Result(2, 3, 9_000_041, 3, 0xDEADBEEFL);
        return b.build(new Workload.Header("sample", 42, 1_000, 1, 5, 1, 9_999_999, 3, expected, "a sample — ünïcode"));
    }

    @Test
    void roundTripsEveryFieldPlainAndGzipped() throws IOException {
        final Workload original = sample();
        for (final String name : new String[] {"w.tmpw", "w.tmpw.gz"}) {
            final Path file = dir.resolve(name);
            WorkloadFile.write(file, original);
            final Workload read = WorkloadFile.read(file);
            assertThat(read.header()).isEqualTo(original.header());
            assertThat(WorkloadFile.readHeader(file)).isEqualTo(original.header());
            assertThat(read.size()).isEqualTo(6);
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.type(i)).isEqualTo(original.type(i));
                assertThat(read.side(i)).isEqualTo(original.side(i));
                assertThat(read.orderType(i)).isEqualTo(original.orderType(i));
                assertThat(read.timeInForce(i)).isEqualTo(original.timeInForce(i));
                assertThat(read.account(i)).isEqualTo(original.account(i));
                assertThat(read.orderId(i)).isEqualTo(original.orderId(i));
                assertThat(read.price(i)).isEqualTo(original.price(i));
                assertThat(read.size(i)).isEqualTo(original.size(i));
                assertThat(read.newSize(i)).isEqualTo(original.newSize(i));
            }
        }
        assertThat(Files.size(dir.resolve("w.tmpw"))).isEqualTo(512 + 6 * 48);
    }

    @Test
    void sharesCountMeasuredRecordsOnly() {
        final Workload w = sample();
        assertThat(w.share(Workload.PLACE, Workload.GTC)).isZero();
        assertThat(w.share(Workload.PLACE, Workload.IOC)).isEqualTo(0.4);
        assertThat(w.share(Workload.MOVE, (byte) 0)).isEqualTo(0.2);
    }

    @Test
    void refusesFilesItCannotTrust() throws IOException {
        final Path file = dir.resolve("w.tmpw");
        WorkloadFile.write(file, sample());
        final byte[] bytes = Files.readAllBytes(file);

        final Path truncated = dir.resolve("truncated.tmpw");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> WorkloadFile.read(truncated)).isInstanceOf(IOException.class).hasMessageContaining("expected");

        final byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';
        final Path notOurs = dir.resolve("magic.tmpw");
        Files.write(notOurs, wrongMagic);
        assertThatThrownBy(() -> WorkloadFile.read(notOurs)).isInstanceOf(IOException.class).hasMessageContaining("not a peer workload");

        final byte[] badKind = bytes.clone();
        badKind[512] = 9;
        final Path corrupt = dir.resolve("kind.tmpw");
        Files.write(corrupt, badKind);
        assertThatThrownBy(() -> WorkloadFile.read(corrupt)).isInstanceOf(IOException.class).hasMessageContaining("malformed record 0");
    }

    @Test
    void theBuilderRefusesRecordsThatBreakTheRules() {
        final Workload.Builder b = new Workload.Builder();
        assertThatThrownBy(() -> b.place(1, 1, Workload.BUY, Workload.MARKET, Workload.IOC, 5, 1))
            .as("a market order has no price").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.place(1, 1, Workload.BUY, Workload.LIMIT, Workload.GTC, 5, 0))
            .as("size zero").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.reduce(1, 1, 0, 4)).as("reduce by nothing").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.move(0, 1, 5)).as("no account").isInstanceOf(IllegalArgumentException.class);
        assertThat(b.count()).isZero();
    }
}
