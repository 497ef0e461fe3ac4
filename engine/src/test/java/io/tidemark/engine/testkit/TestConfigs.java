package io.tidemark.engine.testkit;

import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.MarketConfig;

import java.util.List;

/** Configurations for tests: small unit factors, so fee rounding and hold arithmetic are exercised. */
public final class TestConfigs {
    public static final int BTC = 0;
    public static final int USD = 1;
    public static final int ETH = 2;
    public static final int BTC_USD = 0;
    public static final int ETH_USD = 1;
    public static final int ETH_BTC = 2;

    private TestConfigs() {
    }

    /**
     * BTC (8), USD (6), ETH (8); BTC-USD tick 0.01 lot 0.0001 min 0.0002 (1 USD unit per tick·lot), ETH-USD tick 0.01
     * lot 0.001 (10 units), ETH-BTC tick 0.00001 lot 0.001 (1 unit). Maker 10 bps, taker 25 bps.
     */
    public static ExchangeConfig threeMarkets() {
        return ExchangeConfig.of(
            List.of(new AssetConfig("BTC", 8, "19800000"), new AssetConfig("USD", 6), new AssetConfig("ETH", 8)),
            List.of(
                new MarketConfig("BTC-USD", "0.01", "0.0001", "0.0002", "1", 10, 25),
                new MarketConfig("ETH-USD", "0.01", "0.001", "0.001", "1", 10, 25),
                new MarketConfig("ETH-BTC", "0.00001", "0.001", "0.001", "0.0001", 5, 20)));
    }
}
