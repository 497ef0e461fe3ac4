package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.testkit.EngineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad orders get a stable code and change nothing. */
class ValidationTest {
    private static final long ALICE = 1;
    private EngineFixture fx;
    private long pristine;

    @BeforeEach
    void fund() {
        fx = new EngineFixture();
        fx.deposit(ALICE, USD, "100000");
        fx.deposit(ALICE, BTC, "10");
        pristine = fx.engine.stateHash();
    }

    private ResultCode place(final Consumer<Command> fill) {
        final ResultCode result = fx.run(fill).result;
        assertThat(fx.engine.stateHash()).as("a rejected order changes nothing").isEqualTo(pristine);
        return result;
    }

    private Consumer<Command> limit(final long price, final long size) {
        return c -> c.placeOrder(ALICE, BTC_USD, Side.BUY, OrderType.LIMIT, price, size);
    }

    @Test
    void unknownMarket() {
        assertThat(place(c -> c.placeOrder(ALICE, 7, Side.BUY, OrderType.LIMIT, 100, 100))).isEqualTo(ResultCode.UNKNOWN_PAIR);
        assertThat(place(c -> c.placeOrder(ALICE, -1, Side.BUY, OrderType.LIMIT, 100, 100))).isEqualTo(ResultCode.UNKNOWN_PAIR);
    }

    @Test
    void priceMustBePositiveAndWithinTheMarketMaximum() {
        final long max = fx.market(BTC_USD).maxPriceTicks();
        assertThat(place(limit(0, 100))).isEqualTo(ResultCode.INVALID_PRICE);
        assertThat(place(limit(-1, 100))).isEqualTo(ResultCode.INVALID_PRICE);
        assertThat(place(limit(max + 1, 2))).isEqualTo(ResultCode.PRICE_ABOVE_MAXIMUM);
    }

    @Test
    void sizeMustBeWithinMinimumAndMaximum() {
        assertThat(place(limit(10_000, 0))).isEqualTo(ResultCode.INVALID_SIZE);
        assertThat(place(limit(10_000, -2))).isEqualTo(ResultCode.INVALID_SIZE);
        assertThat(place(limit(10_000, 1))).isEqualTo(ResultCode.SIZE_BELOW_MINIMUM);
        assertThat(place(limit(2, fx.market(BTC_USD).maxSizeLots() + 1))).isEqualTo(ResultCode.SIZE_ABOVE_MAXIMUM);
    }

    @Test
    void valueMustReachTheMinimumNotional() {
        // 0.0002 BTC at 100 = 0.02 USD < 1 USD
        assertThat(place(limit(10_000, 2))).isEqualTo(ResultCode.NOTIONAL_BELOW_MINIMUM);
    }

    @Test
    void missingFieldsAndTheFeeAccountAreInvalid() {
        assertThat(place(c -> c.placeOrder(ALICE, BTC_USD, null, OrderType.LIMIT, 10_000, 100)))
            .isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(place(c -> c.placeOrder(ALICE, BTC_USD, Side.BUY, null, 10_000, 100)))
            .isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(place(c -> c.placeOrder(0, BTC_USD, Side.BUY, OrderType.LIMIT, 10_000, 100)))
            .isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(place(c -> {
            c.placeOrder(ALICE, BTC_USD, Side.BUY, OrderType.LIMIT, 10_000, 100);
            c.timeInForce = null;
        })).isEqualTo(ResultCode.INVALID_PARAMETER);
    }

    @Test
    void marketOrdersHaveNoPrice() {
        assertThat(place(c -> c.placeOrder(ALICE, BTC_USD, Side.BUY, OrderType.MARKET, 10_000, 100)))
            .isEqualTo(ResultCode.INVALID_PARAMETER);
    }

    @Test
    void aHaltedMarketRefusesNewOrdersAndAmendsUntilItTradesAgain() {
        final long id = fx.rest(ALICE, BTC_USD, Side.BUY, "100.00", "1");
        fx.run(c -> c.setMarketStatus(BTC_USD, MarketStatus.HALTED));
        assertThat(fx.inspector.marketStatus(BTC_USD)).isEqualTo(MarketStatus.HALTED);
        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1").result).isEqualTo(ResultCode.MARKET_HALTED);
        assertThat(fx.run(c -> c.amendOrder(ALICE, id, 0, 50)).result).isEqualTo(ResultCode.MARKET_HALTED);

        fx.run(c -> c.setMarketStatus(BTC_USD, MarketStatus.TRADING));
        assertThat(fx.limit(ALICE, BTC_USD, Side.BUY, "100.00", "1").result).isEqualTo(ResultCode.ACCEPTED);
    }
}
