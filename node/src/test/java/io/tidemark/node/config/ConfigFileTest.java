package io.tidemark.node.config;

import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.node.pipeline.Topology;
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

    private static ConfigFile load(final Path dir, final String yaml) throws Exception {
        final Path file = dir.resolve("tidemark.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.load(file);
    }

    @Test
    void aFileThatAddsOneMarketKeepsEveryDefault(@TempDir final Path dir) throws Exception {
        final ConfigFile file = load(dir, """
            assets:
              - symbol: AMZN
                scale: 4
            markets:
              - pair: AMZN-USD
                tick_size: "0.01"
                lot_size: "0.01"
                min_size: "0.01"
                min_notional: "1"
                maker_fee_bps: 5
                taker_fee_bps: 10
            """);
        final ConfigFile defaults = ConfigFile.defaults();
        final ExchangeConfig config = file.exchange();
        assertThat(config.assets()).extracting(a -> a.symbol()).containsExactly("BTC", "ETH", "USD", "AMZN");
        assertThat(config.markets()).extracting(Market::pair).containsExactly("BTC-USD", "ETH-USD", "ETH-BTC", "AMZN-USD");
        assertThat(config.marketByPair("AMZN-USD").formatPrice(12_345)).isEqualTo("123.45");
        assertThat(config.marketByPair("BTC-USD").takerFeeBps())
            .isEqualTo(defaults.exchange().marketByPair("BTC-USD").takerFeeBps());
        assertThat(file.section("gateway")).isEqualTo(defaults.section("gateway"));
        assertThat(file.section("sandbox")).isEqualTo(defaults.section("sandbox"));
    }

    @Test
    void aFileThatChangesOneGatewayLimitKeepsTheRestOfTheSection(@TempDir final Path dir) throws Exception {
        final ConfigFile file = load(dir, "gateway:\n  rate_limits:\n    retail: 5000\n");
        final ObjectNode expected = (ObjectNode) ConfigFile.defaults().section("gateway").deepCopy();
        ((ObjectNode) expected.get("rate_limits")).put("retail", 5000);
        assertThat(file.section("gateway")).isEqualTo(expected);
        assertThat(file.exchange().markets()).hasSize(3);
    }

    @Test
    void anEntryNamingADefaultMarketChangesOnlyWhatItSays(@TempDir final Path dir) throws Exception {
        final ExchangeConfig config = load(dir, "markets:\n  - pair: BTC-USD\n    taker_fee_bps: 15\n").exchange();
        assertThat(config.markets()).hasSize(3);
        assertThat(config.marketByPair("BTC-USD").takerFeeBps()).isEqualTo(15);
        assertThat(config.marketByPair("BTC-USD").formatPrice(3)).isEqualTo("0.03");
    }

    @Test
    void removeTrueDropsADefaultMarketOnceNothingNamesIt(@TempDir final Path dir) throws Exception {
        final ConfigFile file = load(dir, """
            markets:
              - {pair: ETH-BTC, remove: true}
            sandbox:
              simulation:
                markets:
                  - {pair: ETH-BTC, remove: true}
            """);
        assertThat(file.exchange().markets()).extracting(Market::pair).containsExactly("BTC-USD", "ETH-USD");
        assertThat(file.section("sandbox").path("simulation").path("markets")).hasSize(2);
    }

    @Test
    void removingAMarketTheSimulationStillTradesIsAnErrorNamingBoth(@TempDir final Path dir) {
        assertThatThrownBy(() -> load(dir, "markets:\n  - {pair: ETH-BTC, remove: true}\n"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(dir.resolve("tidemark.yaml").toString())
            .hasMessageContaining("market ETH-BTC is removed")
            .hasMessageContaining("sandbox.simulation.markets[ETH-BTC]");
    }

    @Test
    void removingAnAssetStillNamedInSandboxBalancesIsAnErrorNamingBoth(@TempDir final Path dir) {
        assertThatThrownBy(() -> load(dir, """
            assets:
              - {symbol: BTC, remove: true}
            markets:
              - {pair: BTC-USD, remove: true}
              - {pair: ETH-BTC, remove: true}
            sandbox:
              simulation:
                markets:
                  - {pair: BTC-USD, remove: true}
                  - {pair: ETH-BTC, remove: true}
            """))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(dir.resolve("tidemark.yaml").toString())
            .hasMessageContaining("asset BTC is removed")
            .hasMessageContaining("sandbox.starting_balances.BTC")
            .hasMessageContaining("sandbox.faucet_cap.BTC")
            .hasMessageContaining("sandbox.simulation.account_funding.BTC")
            .hasMessageNotContaining("markets[BTC-USD]");
    }

    @Test
    void removingAnAssetAloneNamesTheDefaultMarketsThatTradeIt(@TempDir final Path dir) {
        assertThatThrownBy(() -> load(dir, "assets:\n  - {symbol: BTC, remove: true}\n"))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("markets[BTC-USD], markets[ETH-BTC]")
            .hasMessageContaining("sandbox.simulation.markets[BTC-USD]");
    }

    @Test
    void anAssetRemovedWithEverythingThatNamesItIsGone(@TempDir final Path dir) throws Exception {
        final ConfigFile file = load(dir, """
            assets:
              - {symbol: BTC, remove: true}
            markets:
              - {pair: BTC-USD, remove: true}
              - {pair: ETH-BTC, remove: true}
            sandbox:
              starting_balances: {BTC: null}
              faucet_cap: {BTC: null}
              simulation:
                account_funding: {BTC: null}
                markets:
                  - {pair: BTC-USD, remove: true}
                  - {pair: ETH-BTC, remove: true}
            """);
        assertThat(file.exchange().assets()).extracting(a -> a.symbol()).containsExactly("ETH", "USD");
        assertThat(file.section("sandbox").path("starting_balances").has("BTC")).isFalse();
        assertThat(file.section("sandbox").path("starting_balances").has("USD")).isTrue();
    }

    @Test
    void mistakesInKeyedListsNameTheFileAndTheEntry(@TempDir final Path dir) {
        assertThatThrownBy(() -> load(dir, "markets:\n  - {pair: DOGE-USD, remove: true}\n"))
            .hasMessageContaining("tidemark.yaml").hasMessageContaining("markets[DOGE-USD]")
            .hasMessageContaining("no DOGE-USD to remove");
        assertThatThrownBy(() -> load(dir, "markets:\n  - {tick_size: \"1\"}\n"))
            .hasMessageContaining("markets[0]").hasMessageContaining("'pair'");
        assertThatThrownBy(() -> load(dir, "assets:\n  - {symbol: ETH, scale: 6}\n  - {symbol: ETH, scale: 7}\n"))
            .hasMessageContaining("assets[ETH]: listed twice");
        assertThatThrownBy(() -> load(dir, "markets:\n  - {pair: ETH-BTC, remove: yes-please}\n"))
            .hasMessageContaining("markets[ETH-BTC].remove");
        assertThatThrownBy(() -> load(dir, "markets:\n  - {pair: ETH-BTC, remove: true, taker_fee_bps: 1}\n"))
            .hasMessageContaining("takes no other keys");
    }

    @Test
    void anUnknownSectionIsAnError(@TempDir final Path dir) {
        assertThatThrownBy(() -> load(dir, "gatway:\n  port: 9000\n"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown section 'gatway'");
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

    @Test
    void theTopologyIsAutoByDefaultFusedOnAtMostFourCoresAndAFileMayChooseIt(@TempDir final Path dir) throws Exception {
        assertThat(NodeConfig.defaults().topology()).isEqualTo(Topology.AUTO);
        assertThat(Topology.AUTO.resolve(2)).isEqualTo(Topology.FUSED);
        assertThat(Topology.AUTO.resolve(4)).isEqualTo(Topology.FUSED);
        assertThat(Topology.AUTO.resolve(5)).isEqualTo(Topology.STAGED);
        assertThat(Topology.STAGED.resolve(2)).isEqualTo(Topology.STAGED);
        assertThat(Topology.FUSED.resolve(64)).isEqualTo(Topology.FUSED);
        assertThat(NodeConfig.from(load(dir, "node:\n  topology: staged\n")).topology()).isEqualTo(Topology.STAGED);
        assertThatThrownBy(() -> NodeConfig.from(load(dir, "node:\n  topology: threaded\n")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("node.topology");
        assertThatThrownBy(() -> NodeConfig.from(load(dir, "node:\n  threads: 2\n")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'threads'");
    }
}
