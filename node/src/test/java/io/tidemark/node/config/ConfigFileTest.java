package io.tidemark.node.config;

import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {
    @Test
    void theDefaultsHaveThreeMarketsWithExactArithmetic() {
        final ExchangeConfig config = ConfigFile.defaults().exchange();
        assertThat(config.markets()).extracting(Market::pair).containsExactly("BTC-USD", "ETH-USD", "ETH-BTC");
        assertThat(config.marketByPair("BTC-USD").quoteUnitsPerTickLot()).isEqualTo(1);
        assertThat(config.assetBySymbol("BTC").circulatingSupplyUnits()).isEqualTo(19_800_000L * 100_000_000L);
    }

    @Test
    void aFileReplacesWholeSectionsOfTheDefaults(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, """
            markets:
              - pair: BTC-USD
                tick_size: "0.5"
                lot_size: "0.01"
                min_size: "0.01"
                min_notional: 5
                maker_fee_bps: 0
                taker_fee_bps: 15
            """);
        final ExchangeConfig config = ConfigFile.load(file).exchange();
        assertThat(config.assets()).hasSize(3);
        assertThat(config.markets()).singleElement().satisfies(m -> {
            assertThat(m.formatPrice(3)).isEqualTo("1.5");
            assertThat(m.takerFeeBps()).isEqualTo(15);
        });
    }

    @Test
    void jsonFilesAreReadToo(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("exchange.json");
        Files.writeString(file, "{\"assets\":[{\"symbol\":\"AAA\",\"scale\":2},{\"symbol\":\"BBB\",\"scale\":4}],"
            + "\"markets\":[{\"pair\":\"AAA-BBB\",\"tick_size\":\"0.01\",\"lot_size\":\"1\",\"min_size\":\"1\","
            + "\"min_notional\":\"1\",\"maker_fee_bps\":1,\"taker_fee_bps\":2}]}");
        assertThat(ConfigFile.load(file).exchange().marketByPair("AAA-BBB").quoteUnitsPerTickLot()).isEqualTo(100);
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, "assets:\n  - symbol: BTC\n    scale: 8\n    decimals: 8\n");
        assertThatThrownBy(() -> ConfigFile.load(file).exchange()).isInstanceOf(ConfigException.class)
            .hasMessageContaining("decimals");
    }

    @Test
    void aConfigWithInexactArithmeticIsRefused(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("exchange.yaml");
        Files.writeString(file, """
            markets:
              - {pair: BTC-USD, tick_size: "0.01", lot_size: "0.00000001", min_size: "0.00000001", min_notional: 1, maker_fee_bps: 1, taker_fee_bps: 2}
            """);
        assertThatThrownBy(() -> ConfigFile.load(file).exchange()).isInstanceOf(ConfigException.class)
            .hasMessageContaining("whole number");
    }
}
