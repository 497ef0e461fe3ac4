package io.tidemark.marketdata.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.node.config.ConfigFile;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code analytics} section of the config file: per pair, the notional (in the quote asset) at or
 * above which a trade is listed as a large trade. A pair the section does not name uses
 * {@link #DEFAULT_THRESHOLD_QUOTE_UNITS_FACTOR} times its minimum notional.
 */
public final class AnalyticsConfig {
    /** A pair without a configured threshold: 10,000 × its minimum notional (1 USD → 10,000 USD). */
    public static final long DEFAULT_THRESHOLD_QUOTE_UNITS_FACTOR = 10_000;

    /** Indexed by market id: the large-trade threshold in quote minor units. */
    private final long[] largeTradeNotional;

    private AnalyticsConfig(final long[] largeTradeNotional) {
        this.largeTradeNotional = largeTradeNotional;
    }

    public static AnalyticsConfig from(final ConfigFile file, final ExchangeConfig exchange) {
        final long[] thresholds = defaultThresholds(exchange);
        final JsonNode section = file.section("analytics");
        if (section.isMissingNode() || section.isNull()) {
            return new AnalyticsConfig(thresholds);
        }
        ConfigFile.checkKeys("analytics", section, java.util.Set.of("large_trade_notional"));
        final JsonNode perPair = section.path("large_trade_notional");
        if (perPair.isMissingNode() || perPair.isNull()) {
            return new AnalyticsConfig(thresholds);
        }
        if (!perPair.isObject()) {
            throw new ConfigException("analytics.large_trade_notional must map pairs to notionals");
        }
        final Iterator<Map.Entry<String, JsonNode>> entries = perPair.fields();
        while (entries.hasNext()) {
            final Map.Entry<String, JsonNode> entry = entries.next();
            final Market market = exchange.marketByPair(entry.getKey());
            if (market == null) {
                throw new ConfigException("analytics.large_trade_notional: unknown pair '" + entry.getKey() + "'");
            }
            if (entry.getValue().isNull()) {
                continue;
            }
            final String text = ConfigFile.text(perPair, entry.getKey(), true);
            final long units = market.quote().parseAmount(text);
            if (DecimalCodec.isError(units) || units <= 0) {
                throw new ConfigException("analytics.large_trade_notional." + entry.getKey()
                    + " must be a positive amount of " + market.quote().symbol() + " within its decimals: " + text);
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

    /** The pair's large-trade threshold in quote minor units. */
    public long largeTradeNotional(final int marketId) {
        return largeTradeNotional[marketId];
    }

    @Override
    public String toString() {
        return "AnalyticsConfig" + Arrays.toString(largeTradeNotional);
    }
}
