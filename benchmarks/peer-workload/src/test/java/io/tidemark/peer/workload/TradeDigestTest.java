package io.tidemark.peer.workload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeDigestTest {
    @Test
    void countsEachTradeOnceAndFillsBothOrders() {
        final TradeDigest d = new TradeDigest();
        d.onTrade(5, 2, 100, 3);
        d.onTrade(5, 3, 101, 4);
        assertThat(d.filled(5)).isEqualTo(7);
        assertThat(d.filled(2)).isEqualTo(3);
        assertThat(d.filled(3)).isEqualTo(4);
        assertThat(d.filled(4)).isZero();
        final TradeDigest.Result r = d.result();
        assertThat(r.trades()).isEqualTo(2);
        assertThat(r.totalSize()).isEqualTo(7);
        assertThat(r.totalNotional()).isEqualTo(100 * 3 + 101 * 4);
        assertThat(r.filledOrders()).isEqualTo(3);
    }

    @Test
    void dependsOnWhatWasFilledNotOnTheOrderTradesWereReported() {
        final TradeDigest a = new TradeDigest();
        a.onTrade(5, 2, 100, 3);
        a.onTrade(9_000, 3, 101, 4);
        final TradeDigest b = new TradeDigest();
        b.onTrade(9_000, 3, 101, 4);
        b.onTrade(5, 2, 100, 3);
        assertThat(a.result()).isEqualTo(b.result());
    }

    @Test
    void theSameTotalsWithDifferentPerOrderFillsGiveADifferentHash() {
        final TradeDigest a = new TradeDigest();
        a.onTrade(5, 2, 100, 3);
        a.onTrade(6, 3, 100, 4);
        final TradeDigest b = new TradeDigest();
        b.onTrade(5, 2, 100, 4);
        b.onTrade(6, 3, 100, 3);
        assertThat(a.result().totalNotional()).isEqualTo(b.result().totalNotional());
        assertThat(a.result().totalSize()).isEqualTo(b.result().totalSize());
        assertThat(a.result().filledHash()).isNotEqualTo(b.result().filledHash());
    }

    @Test
    void refusesWhatIsNotATrade() {
        final TradeDigest d = new TradeDigest();
        assertThatThrownBy(() -> d.onTrade(1, 1, 100, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.onTrade(1, 2, 100, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
