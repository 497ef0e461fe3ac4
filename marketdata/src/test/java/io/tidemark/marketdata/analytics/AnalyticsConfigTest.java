package io.tidemark.marketdata.analytics;

import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The large-trade threshold per market comes from the one config loader, laid over the built-in defaults. */
class AnalyticsConfigTest {
    @TempDir
    Path dir;

    private ConfigFile load(final String yaml) throws IOException {
        final Path file = dir.resolve("tidemark.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.load(file);
    }

    @Test
    void theBuiltInMarketsCarryTheirThresholdsInTheQuoteAsset() {
        final ConfigFile file = ConfigFile.defaults();
        final ExchangeConfig exchange = file.exchange();
        final AnalyticsConfig config = AnalyticsConfig.from(file, exchange);
        assertThat(config.largeTradeNotional(exchange.marketByPair("BTC-USD").id())).isEqualTo(2_500_000_000L);
        assertThat(config.largeTradeNotional(exchange.marketByPair("ETH-BTC").id())).isEqualTo(4_000_000L);
    }

    @Test
    void aConfigFileRaisesOneMarketsThresholdAndLeavesTheOthers() throws IOException {
        final ConfigFile file = load("markets:\n  - pair: BTC-USD\n    large_trade_notional: \"100000\"\n");
        final ExchangeConfig exchange = file.exchange();
        final AnalyticsConfig config = AnalyticsConfig.from(file, exchange);
        assertThat(config.largeTradeNotional(exchange.marketByPair("BTC-USD").id())).isEqualTo(100_000_000_000L);
        assertThat(config.largeTradeNotional(exchange.marketByPair("ETH-USD").id())).isEqualTo(2_500_000_000L);
    }

    @Test
    void aMarketWithoutAThresholdGetsTenThousandTimesItsMinimumNotional() throws IOException {
        final ConfigFile file = load("markets:\n  - pair: BTC-USD\n    large_trade_notional: null\n");
        final ExchangeConfig exchange = file.exchange();
        assertThat(AnalyticsConfig.from(file, exchange).largeTradeNotional(exchange.marketByPair("BTC-USD").id()))
            .isEqualTo(10_000L * exchange.marketByPair("BTC-USD").minNotional());
    }

    @Test
    void aThresholdThatIsNotAPositiveAmountOfTheQuoteAssetIsAConfigError() throws IOException {
        final ConfigFile file = load("markets:\n  - pair: BTC-USD\n    large_trade_notional: \"0.0000001\"\n");
        assertThatThrownBy(() -> AnalyticsConfig.from(file, file.exchange())).isInstanceOf(ConfigException.class)
            .hasMessageContaining("large_trade_notional");
    }
}
