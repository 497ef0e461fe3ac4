package io.tidemark.marketdata.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.node.config.ConfigFile;

import java.util.Arrays;

/**
 * Per pair, the notional (in the quote asset) at or above which a trade is a large trade: the market's
 * optional {@code large_trade_notional} key in the config file's {@code markets} list, else
 * {@link #DEFAULT_THRESHOLD_QUOTE_UNITS_FACTOR} times its minimum notional (10,000 USD for a market
 * whose minimum notional is 1 USD).
 */
public final class AnalyticsConfig {
    /** A pair without a configured threshold: 10,000 × its minimum notional (1 USD → 10,000 USD). */
    public static final long DEFAULT_THRESHOLD_QUOTE_UNITS_FACTOR = 10_000;

    /** Indexed by market id: the large-trade threshold in quote minor units. */
    private final long[] largeTradeNotional;

    private AnalyticsConfig(final long[] largeTradeNotional) {
        this.largeTradeNotional = largeTradeNotional;
    }

    /** Reads each market's optional {@code large_trade_notional} (a decimal string in its quote asset). */
    public static AnalyticsConfig from(final ConfigFile file, final ExchangeConfig exchange) {
        final long[] thresholds = defaultThresholds(exchange);
        for (final JsonNode entry : file.section("markets")) {
            final String pair = ConfigFile.text(entry, "pair", true);
            final String text = ConfigFile.text(entry, "large_trade_notional", false);
            final Market market = exchange.marketByPair(pair);
            if (text == null || market == null) {
                continue;
            }
            final long units = market.quote().parseAmount(text);
            if (DecimalCodec.isError(units) || units <= 0) {
                throw new ConfigException("markets: " + pair + ": large_trade_notional must be a positive amount of "
                    + market.quote().symbol() + " with at most " + market.quote().scale() + " decimals: " + text);
            }
            thresholds[market.id()] = units;
        }
        return new AnalyticsConfig(thresholds);
    }

    /** Every pair at its default threshold. */
    public static AnalyticsConfig defaults(final ExchangeConfig exchange) {
        return new AnalyticsConfig(defaultThresholds(exchange));
    }

    /** Explicit thresholds in quote minor units, one per market in id order (tests, benchmarks). */
    public static AnalyticsConfig of(final ExchangeConfig exchange, final long... thresholdsByMarket) {
        if (thresholdsByMarket.length != exchange.markets().size()) {
            throw new IllegalArgumentException("one threshold per market");
        }
        return new AnalyticsConfig(thresholdsByMarket.clone());
    }

    private static long[] defaultThresholds(final ExchangeConfig exchange) {
        final long[] thresholds = new long[exchange.markets().size()];
        for (final Market market : exchange.markets()) {
            thresholds[market.id()] = Math.max(1, market.minNotional()) * DEFAULT_THRESHOLD_QUOTE_UNITS_FACTOR;
        }
        return thresholds;
    }

    /** These thresholds with the default one for each market listed since (ids past the known ones). */
    public AnalyticsConfig grownTo(final ExchangeConfig effective) {
        final long[] thresholds = defaultThresholds(effective);
        System.arraycopy(largeTradeNotional, 0, thresholds, 0, Math.min(largeTradeNotional.length, thresholds.length));
        return new AnalyticsConfig(thresholds);
    }

    /** The pair's large-trade threshold in quote minor units. */
    public long largeTradeNotional(final int marketId) {
        return largeTradeNotional[marketId];
    }

    @Override
    public String toString() {
        return "AnalyticsConfig" + Arrays.toString(largeTradeNotional);
    }
}
