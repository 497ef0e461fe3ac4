package io.tidemark.engine.core;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.testkit.EngineFixture;
import org.junit.jupiter.api.Test;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

class StateHashTest {
    private static EngineFixture funded() {
        final EngineFixture fx = new EngineFixture();
        fx.deposit(1, USD, "1000");
        fx.deposit(2, BTC, "1");
        return fx;
    }

    @Test
    void equalHistoriesHashEqually() {
        final EngineFixture a = funded();
        final EngineFixture b = funded();
        a.rest(1, BTC_USD, Side.BUY, "100.00", "1");
        b.rest(1, BTC_USD, Side.BUY, "100.00", "1");
        assertThat(a.engine.stateHash()).isEqualTo(b.engine.stateHash());
    }

    @Test
    void everyKindOfStateIsInTheHash() {
        final EngineFixture a = funded();
        final long empty = a.engine.stateHash();
        a.deposit(1, USD, "0.000001");
        final long moreMoney = a.engine.stateHash();
        assertThat(moreMoney).as("balances").isNotEqualTo(empty);

        final EngineFixture b = funded();
        b.rest(1, BTC_USD, Side.BUY, "100.00", "1");
        final EngineFixture c = funded();
        c.rest(1, BTC_USD, Side.BUY, "100.01", "1");
        assertThat(b.engine.stateHash()).as("order price").isNotEqualTo(c.engine.stateHash());

        final EngineFixture d = funded();
        d.limit(1, BTC_USD, Side.BUY, "100.00", "1", cmd -> cmd.clientOrderId.set("k"));
        assertThat(d.engine.stateHash()).as("client order ids").isNotEqualTo(b.engine.stateHash());

        final EngineFixture e = funded();
        final long id = e.rest(1, BTC_USD, Side.BUY, "100.00", "1");
        e.cancel(1, id);
        assertThat(e.engine.stateHash()).as("counters").isNotEqualTo(empty);
    }
}
