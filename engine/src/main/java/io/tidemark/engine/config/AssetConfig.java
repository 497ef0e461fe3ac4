package io.tidemark.engine.config;

/**
 * An asset as configured: symbol, scale (decimals of its smallest unit) and, optionally, the
 * circulating supply as a decimal string (for market cap in tickers).
 */
public record AssetConfig(String symbol, int scale, String circulatingSupply) {
    public AssetConfig(final String symbol, final int scale) {
        this(symbol, scale, null);
    }
}
