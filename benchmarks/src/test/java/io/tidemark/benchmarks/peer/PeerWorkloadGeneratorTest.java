package io.tidemark.benchmarks.peer;

import io.tidemark.benchmarks.engine.ChecksumListener;
import io.tidemark.benchmarks.engine.RealisticMix;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.peer.workload.Workload;
import io.tidemark.peer.workload.WorkloadFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The peer workloads are what benchmarks/README.md says they are, and replay cleanly through Tidemark. */
class PeerWorkloadGeneratorTest {
    private static final Workload EXCHANGE_CORE = PeerWorkloadGenerator.generate(PeerWorkloadGenerator.Mix.EXCHANGE_CORE, 42, 200_000);
    private static final Workload REALISTIC = PeerWorkloadGenerator.generate(PeerWorkloadGenerator.Mix.REALISTIC, 42, 200_000);

    @TempDir
    Path dir;

    @Test
    void theExchangeCoreMixHasExchangeCoresProportions() {
        final Workload w = EXCHANGE_CORE;
        System.out.println(w.header().description());
        assertThat(w.share(Workload.PLACE, Workload.GTC)).as("GTC").isBetween(0.11, 0.135);
        assertThat(w.share(Workload.PLACE, Workload.IOC)).as("IOC").isBetween(0.015, 0.025);
        assertThat(w.share(Workload.CANCEL, (byte) 0)).as("cancel").isBetween(0.065, 0.08);
        assertThat(w.share(Workload.MOVE, (byte) 0)).as("move").isBetween(0.69, 0.74);
        assertThat(w.share(Workload.REDUCE, (byte) 0)).as("reduce").isBetween(0.065, 0.08);
        assertThat(w.header().accounts()).isEqualTo(1_000);
        assertThat(w.header().minPrice()).isEqualTo(3_000_000 - PeerWorkloadGenerator.BAND);
        assertThat(w.header().maxPrice()).isEqualTo(3_000_000 + PeerWorkloadGenerator.BAND);
        int reducesToNothing = 0;
        for (int i = 0; i < w.size(); i++) {
            if (w.type(i) == Workload.REDUCE && w.newSize(i) == 0) {
                reducesToNothing++;
            }
            if (w.type(i) == Workload.PLACE || w.type(i) == Workload.MOVE) {
                assertThat(w.price(i)).isBetween(w.header().minPrice(), w.header().maxPrice());
            }
        }
        assertThat(reducesToNothing).as("some reduces take off all that remains, as exchange-core's generator's do")
            .isGreaterThan(1_000);
    }

    @Test
    void theRealisticMixHasTheEngineIssuesProportions() {
        final Workload w = REALISTIC;
        System.out.println(w.header().description());
        assertThat(w.share(Workload.PLACE, Workload.GTC)).as("passive and marketable limits").isBetween(0.59, 0.61);
        assertThat(w.share(Workload.PLACE, Workload.IOC)).as("market and IOC").isBetween(0.045, 0.055);
        assertThat(w.share(Workload.CANCEL, (byte) 0)).as("cancel").isBetween(0.29, 0.31);
        assertThat(w.share(Workload.MOVE, (byte) 0) + w.share(Workload.REDUCE, (byte) 0)).as("amend").isBetween(0.045, 0.055);
        long market = 0;
        for (int i = 0; i < w.size(); i++) {
            if (w.type(i) == Workload.PLACE && w.orderType(i) == Workload.MARKET) {
                market++;
            }
        }
        assertThat((double) market / w.header().commandCount()).as("market orders").isBetween(0.02, 0.03);
    }

    @Test
    void bothReplayThroughTidemarkWithoutRejectionsOrSelfTradesToTheDigestTheyRecord() {
        for (final Workload w : new Workload[] {EXCHANGE_CORE, REALISTIC}) {
            assertThat(TidemarkReplay.verify(w)).isEqualTo(w.header().expected());
            assertThat(w.header().expected().trades()).as("trades").isGreaterThan(5_000);
            assertThat(w.header().maxOrderId()).isEqualTo(count(w, Workload.PLACE));
        }
    }

    @Test
    void theBookStaysNearATousandOrdersOverManyLevels() {
        for (final Workload w : new Workload[] {EXCHANGE_CORE, REALISTIC}) {
            final MatchingEngine engine = TidemarkReplay.freshEngine(w.header().accounts(), new ChecksumListener());
            final EngineInspector inspector = new EngineInspector(engine);
            final Command[] all = TidemarkReplay.commands(w, 0, w.size());
            long orders = 0;
            long levels = 0;
            long samples = 0;
            for (int i = 0; i < all.length; i++) {
                engine.process(all[i]);
                if (i >= w.header().setupCount() && i % 1_000 == 0) {
                    orders += inspector.openOrderCount();
                    levels += levels(inspector, Side.BUY) + levels(inspector, Side.SELL);
                    samples++;
                }
            }
            assertThat(orders / samples).as(w.header().mix() + " orders").isBetween(900L, 1_100L);
            assertThat(levels / samples).as(w.header().mix() + " levels").isBetween(450L, 900L);
        }
    }

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnotherStream() throws IOException {
        final Path a = dir.resolve("a.tmpw");
        final Path b = dir.resolve("b.tmpw");
        WorkloadFile.write(a, PeerWorkloadGenerator.generate(PeerWorkloadGenerator.Mix.EXCHANGE_CORE, 7, 20_000));
        WorkloadFile.write(b, PeerWorkloadGenerator.generate(PeerWorkloadGenerator.Mix.EXCHANGE_CORE, 7, 20_000));
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
        WorkloadFile.write(b, PeerWorkloadGenerator.generate(PeerWorkloadGenerator.Mix.EXCHANGE_CORE, 8, 20_000));
        assertThat(Files.mismatch(a, b)).isNotEqualTo(-1);
    }

    private static long count(final Workload w, final byte kind) {
        long n = 0;
        for (int i = 0; i < w.size(); i++) {
            if (w.type(i) == kind) {
                n++;
            }
        }
        return n;
    }

    private static int levels(final EngineInspector inspector, final Side side) {
        final int[] n = {0};
        inspector.forEachLevel(RealisticMix.MARKET, side, (price, size, count) -> n[0]++);
        return n[0];
    }
}
