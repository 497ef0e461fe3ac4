package io.tidemark.benchmarks.peer;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.peer.workload.TradeDigest;
import io.tidemark.peer.workload.Workload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TidemarkReplayTest {
    private static Workload.Header header(final int records, final TradeDigest.Result expected) {
        return new Workload.Header("test", 1, 10, 0, records, 1, 10_000_000, 9, expected, "");
    }

    @Test
    void mapsEachRecordToTheCommandTheGatewayWouldSend() {
        final Workload.Builder b = new Workload.Builder();
        b.place(1, 1, Workload.SELL, Workload.LIMIT, Workload.GTC, 3_000_000, 5);
        b.place(2, 2, Workload.BUY, Workload.MARKET, Workload.IOC, 0, 2);
        b.move(1, 1, 3_000_001);
        b.reduce(1, 1, 1, 2);
        b.reduce(1, 1, 2, 0);
        b.cancel(1, 1);
        final Command[] c = TidemarkReplay.commands(b.build(header(6, new TradeDigest.Result(0, 0, 0, 0, 0))), 0, 6);
        assertThat(c[0].type).isEqualTo(CommandType.PLACE_ORDER);
        assertThat(c[0].orderType).isEqualTo(OrderType.LIMIT);
        assertThat(c[0].timeInForce).isEqualTo(TimeInForce.GTC);
        assertThat(c[0].price).isEqualTo(3_000_000);
        assertThat(c[1].orderType).isEqualTo(OrderType.MARKET);
        assertThat(c[1].price).isZero();
        assertThat(c[2].type).isEqualTo(CommandType.AMEND_ORDER);
        assertThat(c[2].price).isEqualTo(3_000_001);
        assertThat(c[2].size).as("a move keeps the size").isZero();
        assertThat(c[3].type).isEqualTo(CommandType.AMEND_ORDER);
        assertThat(c[3].size).as("a reduce sets the new total size").isEqualTo(2);
        assertThat(c[3].price).isZero();
        assertThat(c[4].type).as("a reduce to nothing is a cancel").isEqualTo(CommandType.CANCEL_ORDER);
        assertThat(c[5].type).isEqualTo(CommandType.CANCEL_ORDER);
        assertThat(c[5].orderId).isEqualTo(1);
        assertThat(c[5].timestamp).isGreaterThan(c[4].timestamp);
    }

    @Test
    void verifyPassesAStreamWhoseTradesMatchTheHeader() {
        final Workload.Builder b = new Workload.Builder();
        b.place(1, 1, Workload.SELL, Workload.LIMIT, Workload.GTC, 3_000_000, 5);
        b.place(2, 2, Workload.BUY, Workload.LIMIT, Workload.GTC, 3_000_001, 3);
        b.move(1, 1, 3_000_002);
        b.place(3, 3, Workload.BUY, Workload.MARKET, Workload.IOC, 0, 4);
        final TradeDigest expected = new TradeDigest();
        expected.onTrade(2, 1, 3_000_000, 3);
        expected.onTrade(3, 1, 3_000_002, 2);
        assertThat(TidemarkReplay.verify(b.build(header(4, expected.result())))).isEqualTo(expected.result());
    }

    @Test
    void verifyRefusesADifferentDigestASelfTradeAndARejection() {
        final Workload.Builder wrong = new Workload.Builder();
        wrong.place(1, 1, Workload.SELL, Workload.LIMIT, Workload.GTC, 3_000_000, 5);
        wrong.place(2, 2, Workload.BUY, Workload.LIMIT, Workload.GTC, 3_000_001, 3);
        final TradeDigest other = new TradeDigest();
        other.onTrade(2, 1, 3_000_000, 2);
        assertThatThrownBy(() -> TidemarkReplay.verify(wrong.build(header(2, other.result()))))
            .hasMessageContaining("trade digest differs");

        final Workload.Builder self = new Workload.Builder();
        self.place(1, 1, Workload.SELL, Workload.LIMIT, Workload.GTC, 3_000_000, 5);
        self.place(1, 2, Workload.BUY, Workload.LIMIT, Workload.GTC, 3_000_001, 3);
        assertThatThrownBy(() -> TidemarkReplay.verify(self.build(header(2, new TradeDigest().result()))))
            .hasMessageContaining("met its own account's order");

        final Workload.Builder refused = new Workload.Builder();
        refused.place(1, 1, Workload.SELL, Workload.LIMIT, Workload.GTC, 3_000_000, 5);
        refused.move(1, 1, 3_000_000);
        assertThatThrownBy(() -> TidemarkReplay.verify(refused.build(header(2, new TradeDigest().result()))))
            .as("a move to the same price is nothing to amend").hasMessageContaining("was refused");
    }
}
