package io.tidemark.benchmarks.engine;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's workload is what benchmarks/README.md says it is. */
class RealisticMixTest {
    private final RealisticMix.Workload workload = RealisticMix.generate(42, 200_000, 1_000, 6_000);

    private double share(final java.util.function.Predicate<Command> kind) {
        return (double) Arrays.stream(workload.commands()).filter(kind).count() / workload.commands().length;
    }

    @Test
    void theMixHasTheDocumentedProportions() {
        assertThat(share(c -> c.type == CommandType.CANCEL_ORDER)).isBetween(0.29, 0.31);
        assertThat(share(c -> c.type == CommandType.AMEND_ORDER)).isBetween(0.045, 0.055);
        assertThat(share(c -> c.type == CommandType.PLACE_ORDER
            && (c.orderType == OrderType.MARKET || c.timeInForce == TimeInForce.IOC))).isBetween(0.045, 0.055);
        assertThat(share(c -> c.type == CommandType.PLACE_ORDER && c.orderType == OrderType.LIMIT
            && c.timeInForce == TimeInForce.GTC)).isBetween(0.59, 0.61);
    }

    @Test
    void replayingTheWorkloadReproducesItsRunAndKeepsTheBookDeep() {
        final ChecksumListener listener = new ChecksumListener();
        final MatchingEngine engine = workload.freshEngine(listener);
        for (final Command command : workload.commands()) {
            final var before = command.result;
            engine.process(command);
            assertThat(command.result).isEqualTo(before);
        }
        final int[] levels = new int[2];
        final EngineInspector inspector = new EngineInspector(engine);
        inspector.forEachLevel(RealisticMix.MARKET, Side.BUY, (p, s, n) -> levels[0]++);
        inspector.forEachLevel(RealisticMix.MARKET, Side.SELL, (p, s, n) -> levels[1]++);
        System.out.println(workload.description());
        assertThat(levels[0]).as("bid levels").isGreaterThanOrEqualTo(1_000);
        assertThat(levels[1]).as("ask levels").isGreaterThanOrEqualTo(1_000);
        assertThat(listener.trades).as("trades").isGreaterThan(20_000);
        assertThat(workload.description()).contains("1000 accounts");
    }
}
