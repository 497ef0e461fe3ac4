package io.tidemark.engine.config;

import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeConfigTest {
    private static final List<AssetConfig> ASSETS = List.of(new AssetConfig("BTC", 8), new AssetConfig("USD", 6));

    private static ExchangeConfig market(final String tick, final String lot, final String minSize, final String minNotional) {
        return ExchangeConfig.of(ASSETS, List.of(new MarketConfig("BTC-USD", tick, lot, minSize, minNotional, 10, 20)));
    }

    @Test
    void derivesTheExactUnitFactorsOfAMarket() {
        final Market m = TestConfigs.threeMarkets().marketByPair("ETH-USD");
        assertThat(m.quoteUnitsPerTickLot()).isEqualTo(10);   // 0.01 USD × 0.001 ETH × 10^6
        assertThat(m.baseUnitsPerLot()).isEqualTo(100_000);   // 0.001 ETH × 10^8
        assertThat(m.notional(m.parsePrice("3000.00"), m.parseSize("2"))).isEqualTo(6_000_000_000L);
    }

    @Test
    void refusesATickTimesLotThatIsNotAWholeNumberOfQuoteUnits() {
        // 0.01 USD × 0.00000001 BTC is 10^-10 USD: finer than USD's 6 decimals
        assertThatThrownBy(() -> market("0.01", "0.00000001", "0.00000001", "1"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("whole number");
    }

    @Test
    void refusesALotFinerThanTheBaseAssetScale() {
        assertThatThrownBy(() -> ExchangeConfig.of(List.of(new AssetConfig("BTC", 2), new AssetConfig("USD", 8)),
            List.of(new MarketConfig("BTC-USD", "0.01", "0.001", "0.001", "1", 10, 20))))
            .isInstanceOf(ConfigException.class).hasMessageContaining("lot_size");
    }

    @Test
    void refusesAMinimumSizeThatIsNotAMultipleOfTheLot() {
        assertThatThrownBy(() -> market("1", "0.01", "0.015", "1"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("min_size");
    }

    @Test
    void refusesAMakerFeeAboveTheTakerFee() {
        assertThatThrownBy(() -> ExchangeConfig.of(ASSETS,
            List.of(new MarketConfig("BTC-USD", "1", "0.01", "0.01", "1", 30, 20))))
            .isInstanceOf(ConfigException.class).hasMessageContaining("maker fee");
    }

    @Test
    void refusesNegativeOrExcessiveFees() {
        assertThatThrownBy(() -> ExchangeConfig.of(ASSETS,
            List.of(new MarketConfig("BTC-USD", "1", "0.01", "0.01", "1", -1, 20)))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ExchangeConfig.of(ASSETS,
            List.of(new MarketConfig("BTC-USD", "1", "0.01", "0.01", "1", 10, 1_001)))).isInstanceOf(ConfigException.class);
    }

    @Test
    void refusesPairsOfUnknownOrIdenticalAssets() {
        assertThatThrownBy(() -> ExchangeConfig.of(ASSETS,
            List.of(new MarketConfig("BTC-EUR", "1", "0.01", "0.01", "1", 10, 20)))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ExchangeConfig.of(ASSETS,
            List.of(new MarketConfig("BTC-BTC", "1", "0.01", "0.01", "1", 10, 20)))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> ExchangeConfig.of(ASSETS,
            List.of(new MarketConfig("BTCUSD", "1", "0.01", "0.01", "1", 10, 20)))).isInstanceOf(ConfigException.class);
    }

    @Test
    void refusesDuplicates() {
        assertThatThrownBy(() -> ExchangeConfig.of(List.of(new AssetConfig("BTC", 8), new AssetConfig("BTC", 8)), List.of()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("twice");
    }

    @Test
    void derivedLimitsKeepEveryNotionalBelowTwoToTheSixtyTwo() {
        final Market m = market("0.01", "0.0001", "0.0001", "1").market(0);
        assertThat(Math.multiplyHigh(m.maxPriceTicks() * m.maxSizeLots(), m.quoteUnitsPerTickLot())).isZero();
        assertThat(m.notional(m.maxPriceTicks(), m.maxSizeLots())).isLessThanOrEqualTo(Market.MAX_NOTIONAL);
        assertThat(m.buyHold(m.maxPriceTicks(), m.maxSizeLots())).isPositive();
    }

    @Test
    void refusesExplicitLimitsWhoseProductCouldOverflow() {
        assertThatThrownBy(() -> ExchangeConfig.of(ASSETS, List.of(new MarketConfig("BTC-USD", "0.01", "0.0001",
            "0.0001", "1", 10, 20, null, "100000000000", "100000000000"))))
            .isInstanceOf(ConfigException.class).hasMessageContaining("max_price");
    }

    @Test
    void parsesPricesAndSizesOnlyOnTheGrid() {
        final Market m = ExchangeConfig.of(ASSETS, List.of(new MarketConfig("BTC-USD", "0.5", "0.01", "0.01", "1", 10, 20)))
            .market(0);
        assertThat(m.parsePrice("63000.5")).isEqualTo(126_001);
        assertThat(m.parsePrice("63000.25")).isEqualTo(DecimalCodec.TOO_PRECISE);
        assertThat(m.parsePrice("63000.2")).isEqualTo(Market.NOT_A_MULTIPLE);
        assertThat(m.parseSize("1.5")).isEqualTo(150);
        assertThat(m.formatPrice(126_001)).isEqualTo("63000.5");
        assertThat(m.formatSize(150)).isEqualTo("1.50");
    }

    @Test
    void feesRoundDownSoThatTheyAreSuperadditive() {
        assertThat(Market.fee(9_999, 1)).isZero();
        assertThat(Market.fee(10_000, 25)).isEqualTo(25);
        assertThat(Market.fee(Market.MAX_NOTIONAL, 1_000)).isEqualTo(Market.MAX_NOTIONAL / 10);
        final java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            final long a = random.nextLong(1_000_000_000L);
            final long b = random.nextLong(1_000_000_000L);
            final int bps = random.nextInt(1_001);
            assertThat(Market.fee(a, bps) + Market.fee(b, bps)).isLessThanOrEqualTo(Market.fee(a + b, bps));
        }
    }

    /** Below the limit where notional × bps fits in a long the fee takes one division; it is the same floor either side of it. */
    @Test
    void aFeeIsTheExactFloorOfNotionalTimesBpsOverTenThousandAtEveryMagnitude() {
        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        final long limit = Long.MAX_VALUE / Market.MAX_FEE_BPS;
        for (int i = 0; i < 200_000; i++) {
            final long notional = switch (i % 4) {
                case 0 -> random.nextLong(1_000_000_000_000L);
                case 1 -> limit - 50 + random.nextLong(100);
                case 2 -> random.nextLong(Market.MAX_NOTIONAL + 1);
                default -> random.nextLong(10_000);
            };
            final int bps = random.nextInt(Market.MAX_FEE_BPS + 1);
            final long exact = java.math.BigInteger.valueOf(notional).multiply(java.math.BigInteger.valueOf(bps))
                .divide(java.math.BigInteger.valueOf(10_000)).longValueExact();
            assertThat(Market.fee(notional, bps)).as("fee(%d, %d)", notional, bps).isEqualTo(exact);
        }
    }

    @Test
    void listingsContinueTheIdsAndKeepTheFilesFingerprint() {
        final ExchangeConfig file = TestConfigs.threeMarkets();
        final ExchangeConfig listed = file.withAsset(new AssetConfig("SOL", 9))
            .withMarket(new MarketConfig("SOL-USD", "0.01", "0.01", "0.01", "1", 10, 25));
        assertThat(listed.assetBySymbol("SOL").id()).isEqualTo(3);
        assertThat(listed.marketByPair("SOL-USD").id()).isEqualTo(3);
        assertThat(listed.listedAssets()).extracting(Asset::symbol).containsExactly("SOL");
        assertThat(listed.listedMarkets()).extracting(Market::pair).containsExactly("SOL-USD");
        assertThat(listed.fingerprint()).isEqualTo(file.fingerprint());
        assertThat(file.hasListings()).isFalse();
        assertThat(file.markets()).hasSize(3);
    }

    @Test
    void aListingIsValidatedAsAConfiguredEntryAndItsErrorNamesTheField() {
        final ExchangeConfig file = TestConfigs.threeMarkets();
        assertThatThrownBy(() -> file.withAsset(new AssetConfig("BTC", 8))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> file.withMarket(new MarketConfig("BTC-USD", "1", "1", "1", "1", 0, 0)))
            .isInstanceOf(ConfigException.class);
        assertThat(fieldOf(() -> file.withMarket(new MarketConfig("SOL-USD", "0.01", "0.01", "0", "0", 0, 0))))
            .isEqualTo("pair");
        assertThat(fieldOf(() -> file.withMarket(new MarketConfig("BTC-ETH", "0.0000000001", "0.0001", "0", "0", 0, 0))))
            .isEqualTo("tick_size");
        assertThat(fieldOf(() -> file.withMarket(new MarketConfig("BTC-ETH", "0.01", "0.000000001", "0", "0", 0, 0))))
            .isEqualTo("lot_size");
        assertThat(fieldOf(() -> file.withMarket(new MarketConfig("BTC-ETH", "0.01", "0.01", "0.015", "0", 0, 0))))
            .isEqualTo("min_size");
        assertThat(fieldOf(() -> file.withMarket(new MarketConfig("BTC-ETH", "0.01", "0.01", "0", "0", 30, 20))))
            .isEqualTo("maker_fee_bps");
    }

    private static String fieldOf(final Runnable listing) {
        try {
            listing.run();
        } catch (final ConfigException e) {
            return e.field();
        }
        throw new AssertionError("the listing was accepted");
    }
}
