package io.tidemark.sandbox.sim;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.sandbox.SandboxConfig;
import io.tidemark.sandbox.SandboxConfig.SimMarket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Taker orders move the reference price for good by the square-root law, whether or not they fill, so
 * the price path does not depend on the exchange's replies.
 */
class MarketModelImpactTest {
    /** A venue that records the taker orders it is sent and fills them (or not) as told. */
    private static final class RecordingVenue implements Venue {
        final List<long[]> takes = new ArrayList<>();
        private final boolean fills;
        private long nextId;

        RecordingVenue(final boolean fills) {
            this.fills = fills;
        }

        @Override
        public String rest(final Market market, final Side side, final long price, final long size) {
            return Long.toString(++nextId);
        }

        @Override
        public boolean amend(final Market market, final String orderId, final long price, final long size) {
            return true;
        }

        @Override
        public long take(final Market market, final Side side, final long limitPrice, final long size) {
            takes.add(new long[] {side == Side.BUY ? 1 : -1, size});
            return fills ? size : 0;
        }

        @Override
        public void cancelAll() {
        }

        @Override
        public long baseHoldings(final Market market) {
            return 0;
        }
    }

    private static final double IMPACT_BPS = 0.5;

    /** BTC-USD's defaults with no diffusion and no news: only the takers' impact moves the reference. */
    private static double[] run(final boolean fills) {
        final ConfigFile file = ConfigFile.defaults();
        final ExchangeConfig exchange = file.exchange();
        final SandboxConfig.Simulation sim = SandboxConfig.from(file, exchange).simulation();
        final SimMarket btc = sim.markets().get(0);
        final SimMarket still = new SimMarket(btc.market(), btc.referencePrice(), 0, btc.halfSpreadBps(),
            btc.levelSpacingBps(), btc.quoteSizeLots(), btc.requotesPerSecond(), btc.takerOrdersPerSecond(),
            btc.takerMinLots(), btc.takerSizeAlpha(), btc.takerMaxLots(), IMPACT_BPS, 0, btc.sweepJumpBps());
        final RecordingVenue maker = new RecordingVenue(fills);
        final RecordingVenue taker = new RecordingVenue(fills);
        final MarketModel model = new MarketModel(still, sim.dynamics(), 5, 1, 63_000, List.of(maker), List.of(taker));
        model.open();
        for (int i = 0; i < 12_000; i++) {  // ten minutes
            model.step(0.05);
        }
        double expected = Math.log(63_000);
        for (final long[] take : taker.takes) {
            expected += take[0] * IMPACT_BPS / 1e4 * Math.sqrt((double) take[1] / still.quoteSizeLots());
        }
        return new double[] {Math.log(model.referencePrice()), expected, taker.takes.size()};
    }

    @Test
    void eachTakerOrderMovesTheReferenceByTheSquareRootOfItsSize() {
        final double[] run = run(true);
        assertThat(run[2]).isGreaterThan(50);
        assertThat(run[0]).isCloseTo(run[1], within(1e-9));
        assertThat(Math.abs(run[0] - Math.log(63_000))).isGreaterThan(1e-5);
    }

    @Test
    void theImpactDoesNotDependOnWhetherTheOrderFilled() {
        assertThat(run(false)[0]).isEqualTo(run(true)[0]);
    }
}
