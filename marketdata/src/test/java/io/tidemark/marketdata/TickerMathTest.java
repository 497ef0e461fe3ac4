package io.tidemark.marketdata;

import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** change_pct_24h rounding and saturation, and market cap beyond what a long holds. */
class TickerMathTest {
    @Test
    void changePctIsInTenThousandthsOfAPercentRoundedHalfAwayFromZero() {
        assertThat(TickerMath.changePct(8, 9)).as("+12.5 %").isEqualTo(125_000);
        assertThat(TickerMath.changePct(8, 8)).isZero();
        assertThat(TickerMath.changePct(3, 4)).as("+33.33333 %").isEqualTo(333_333);
        assertThat(TickerMath.changePct(3, 2)).as("-33.33333 %").isEqualTo(-333_333);
        assertThat(TickerMath.changePct(3, 5)).as("+66.66667 %").isEqualTo(666_667);
        assertThat(TickerMath.changePct(2_000_000, 2_000_001)).as("+0.00005 % is a half").isEqualTo(1);
        assertThat(TickerMath.changePct(2_000_000, 1_999_999)).as("-0.00005 % is a half").isEqualTo(-1);
        assertThat(TickerMath.changePct(2_000_001, 2_000_002)).as("just under a half").isZero();
        assertThat(TickerMath.changePct(100, 1)).as("-99 %").isEqualTo(-990_000);
    }

    @Test
    void changePctIsExactBeyondLongProductsAndSaturates() {
        // diff × 10^6 overflows a long, the result does not
        assertThat(TickerMath.changePct(10, 10_000_000_000_010L)).isEqualTo(1_000_000_000_000_000_000L);
        assertThat(TickerMath.changePct(1, 1L << 62)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void marketCapIsSupplyTimesLastAtTheQuoteScaleRoundedDown() {
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final Market btcUsd = config.market(TestConfigs.BTC_USD);
        assertThat(cap(btcUsd, btcUsd.base().circulatingSupplyUnits(), btcUsd.parsePrice("63000")))
            .isEqualTo("1247400000000.000000");
        // 1 base unit (10^-8 BTC) at 0.01 USD is 10^-10 USD: below USD's minor unit, rounded down
        assertThat(cap(btcUsd, 1, 1)).isEqualTo("0.000000");
        assertThat(cap(btcUsd, 99_999_999, 1)).isEqualTo("0.009999");
    }

    @Test
    void marketCapBeyondALongIsStillExact() {
        // 10^12 TOKEN at 0.000005 ETH, ETH with 18 decimals: 5 × 10^24 minor units of ETH
        final ExchangeConfig config = ExchangeConfig.of(
            List.of(new AssetConfig("TOKEN", 6, "1000000000000"), new AssetConfig("ETH", 18)),
            List.of(new MarketConfig("TOKEN-ETH", "0.000001", "1", "1", "0", 0, 0)));
        final Market market = config.market(0);
        final long supply = market.base().circulatingSupplyUnits();
        final long price = market.parsePrice("0.000005");
        assertThat(cap(market, supply, price)).isEqualTo("5000000.000000000000000000");
        assertThat(cap(market, supply, price)).isEqualTo(new BigDecimal("1000000000000").multiply(
            new BigDecimal("0.000005")).setScale(18).toPlainString());
    }

    private static String cap(final Market market, final long supplyUnits, final long priceTicks) {
        return TickerMath.appendMarketCap(new StringBuilder(), market, supplyUnits, priceTicks).toString();
    }
}
