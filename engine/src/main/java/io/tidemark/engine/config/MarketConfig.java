package io.tidemark.engine.config;

import io.tidemark.engine.api.MarketStatus;

/**
 * A market as configured, all amounts as decimal strings. {@code maxPrice} and {@code maxSize} are
 * optional: when absent they are derived so that price × size in quote units always fits in a long.
 */
public record MarketConfig(String pair, String tickSize, String lotSize, String minSize, String minNotional,
                           int makerFeeBps, int takerFeeBps, MarketStatus status, String maxPrice, String maxSize) {
    public MarketConfig(final String pair, final String tickSize, final String lotSize, final String minSize,
                        final String minNotional, final int makerFeeBps, final int takerFeeBps) {
        this(pair, tickSize, lotSize, minSize, minNotional, makerFeeBps, takerFeeBps, MarketStatus.TRADING, null, null);
    }
}
