package io.tidemark.sandbox;

import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox section: the README's full example is valid and is the defaults; mistakes are refused at start. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxConfigTest {
    @TempDir
    Path temp;

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        return java.util.Objects.requireNonNull(dir, "no README.md above the working directory");
    }

    @Test
    void theReadmeExampleLoadsAndEqualsTheDefaults() throws Exception {
        final Path file = readmeYaml("The complete defaults");

        final ConfigFile loaded = ConfigFile.load(file);
        final ConfigFile defaults = ConfigFile.defaults();
        for (final String name : new String[] {"assets", "markets", "node", "gateway", "sandbox"}) {
            assertThat(loaded.section(name)).as(name).isEqualTo(defaults.section(name));
        }
        final ExchangeConfig exchange = loaded.exchange();
        final SandboxConfig config = SandboxConfig.from(loaded, exchange);
        assertThat(config.startingBalances()[exchange.assetBySymbol("USD").id()])
            .isEqualTo(exchange.assetBySymbol("USD").parseAmount("100000"));
        assertThat(config.faucetCap()[exchange.assetBySymbol("BTC").id()])
            .isEqualTo(exchange.assetBySymbol("BTC").parseAmount("100"));
        assertThat(config.simulation().markets()).hasSize(3);
        assertThat(config.simulation().levelsPerSide()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theReadmeMergeExampleAddsAMarketAndChangesOneLimitOnly() throws Exception {
        final ConfigFile loaded = ConfigFile.load(readmeYaml("## Configuration"));
        final ConfigFile defaults = ConfigFile.defaults();
        final ExchangeConfig exchange = loaded.exchange();
        assertThat(exchange.markets()).hasSize(defaults.exchange().markets().size() + 1);
        assertThat(exchange.marketByPair("AMZN-USD")).isNotNull();
        assertThat(loaded.section("gateway").path("rate_limits").path("retail").intValue()).isEqualTo(2400);
        assertThat(loaded.section("gateway").path("rate_limits").path("verified"))
            .isEqualTo(defaults.section("gateway").path("rate_limits").path("verified"));
        final SandboxConfig config = SandboxConfig.from(loaded, exchange);
        assertThat(config.startingBalances()[exchange.assetBySymbol("AMZN").id()])
            .isEqualTo(exchange.assetBySymbol("AMZN").parseAmount("50"));
        assertThat(config.startingBalances()[exchange.assetBySymbol("BTC").id()])
            .isEqualTo(exchange.assetBySymbol("BTC").parseAmount("10"));
        assertThat(config.simulation().markets()).hasSize(3);
    }

    /** The first YAML block of the README after {@code marker}, as a file. */
    private Path readmeYaml(final String marker) throws Exception {
        final String readme = Files.readString(repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
        final int at = readme.indexOf(marker, readme.indexOf("## Configuration"));
        assertThat(at).as(marker).isPositive();
        final int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
        final Path file = temp.resolve("readme-" + at + ".yaml");
        Files.writeString(file, readme.substring(start, readme.indexOf("```", start)), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void mistakesInTheSandboxSectionAreRefused() throws Exception {
        assertRefused("sandbox:\n  starting_balance: {USD: \"1\"}\n", "unknown key 'starting_balance'");
        assertRefused(valid().replace("BTC: \"10\"", "DOGE: \"10\""), "unknown asset DOGE");
        assertRefused(valid().replace("BTC: \"10\"", "BTC: \"0.000000001\""), "not an amount of BTC");
        assertRefused(valid().replace("pair: ETH-BTC", "pair: XRP-USD"), "no market XRP-USD");
        assertRefused(valid().replace("taker_size_alpha: 1.5\n        taker_max_size: \"3\"",
            "taker_size_alpha: 1\n        taker_max_size: \"3\""), "taker_size_alpha");
        assertRefused(valid().replace("quote_size: \"0.05\"", "quote_size: \"0.00001\""), "quote_size");
        assertRefused(valid().replace("levels_per_side: 25", "levels_per_side: 0"), "levels_per_side");
        assertRefused(valid().replace("seed: 42", "seed: 42\n    sead: 1"), "unknown key 'sead'");
        assertRefused(valid().replace("self_excitation: 0.6", "self_excitation: 1"), "self_excitation must be below 1");
        assertRefused(valid().replace("return_tail_dof: 4", "return_tail_dof: 2"), "return_tail_dof must be 3-100");
        assertRefused(valid().replace("taker_impact_bps: 0.5", "taker_impact_bps: -1"), "taker_impact_bps");
        assertRefused(valid().replace("seed: 42", "seed: 42\n    return_momentum: 0.2"), "unknown key 'return_momentum'");
        assertRefused(valid().replace("volatility_half_life_s: 25", "volatility_half_life_s: 0"), "volatility_half_life_s");
        assertRefused(valid().replace("sweeps_per_minute: 0.3", "sweeps_per_minute: -1"), "sweeps_per_minute");
        assertRefused(valid().replace("requotes_per_second: 2", "requote_per_second: 2"), "unknown key 'requote_per_second'");
    }

    private String valid() throws Exception {
        final String defaults;
        try (var in = ConfigFile.class.getResourceAsStream("defaults.yaml")) {
            defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return defaults.substring(defaults.indexOf("sandbox:"));
    }

    private void assertRefused(final String yaml, final String message) throws Exception {
        final Path file = temp.resolve("bad.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        final ConfigFile loaded = ConfigFile.load(file);
        assertThatThrownBy(() -> SandboxConfig.from(loaded, loaded.exchange()))
            .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}
