package io.tidemark.engine.config;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.MarketStatus;

import java.math.BigDecimal;

/**
 * The one translation between a run-time listing and the commands, snapshots and configurations that
 * carry it. A listing travels in engine units (a command, a snapshot) and becomes a configuration entry
 * again through {@link ExchangeConfig#withAsset} / {@link ExchangeConfig#withMarket}, which validate it
 * exactly as the file's entries are: the engine and every read model that applies the same accepted
 * listing to the same configuration get the same asset or market with the same id.
 */
public final class Listing {
    private Listing() {
    }

    /** Fills {@code c} with the listing of an asset: its symbol travels as the command's client order id. */
    public static Command listAsset(final Command c, final String symbol, final int scale) {
        c.clear();
        c.type = CommandType.LIST_ASSET;
        c.clientOrderId.set(symbol);
        c.scale = scale;
        return c;
    }

    /** Fills {@code c} with the listing of {@code market}, resolved against the configuration it will join. */
    public static Command listMarket(final Command c, final Market market) {
        c.clear();
        c.type = CommandType.LIST_MARKET;
        c.assetId = market.base().id();
        c.quoteAssetId = market.quote().id();
        c.tickDecimals = market.tickDecimals();
        c.tickUnits = market.tickUnits();
        c.lotDecimals = market.lotDecimals();
        c.lotUnits = market.lotUnits();
        c.minSizeLots = market.minSizeLots();
        c.minNotional = market.minNotional();
        c.maxPriceTicks = market.maxPriceTicks();
        c.maxSizeLots = market.maxSizeLots();
        c.makerFeeBps = market.makerFeeBps();
        c.takerFeeBps = market.takerFeeBps();
        c.marketStatus = market.initialStatus();
        return c;
    }

    /**
     * The configuration after {@code c} when it is an accepted listing, else {@code config} itself: what a
     * read model applies on the listing's completion to learn the asset or market the engine added.
     */
    public static ExchangeConfig apply(final ExchangeConfig config, final Command c) {
        if (c.result == null || c.result.isRejection()) {
            return config;
        }
        if (c.type == CommandType.LIST_ASSET) {
            return config.withAsset(assetConfig(c));
        }
        if (c.type == CommandType.LIST_MARKET) {
            return config.withMarket(marketConfig(config, c.assetId, c.quoteAssetId, c.tickDecimals, c.tickUnits,
                c.lotDecimals, c.lotUnits, c.minSizeLots, c.minNotional, c.maxPriceTicks, c.maxSizeLots,
                c.makerFeeBps, c.takerFeeBps, c.marketStatus));
        }
        return config;
    }

    public static AssetConfig assetConfig(final Command c) {
        return new AssetConfig(c.clientOrderId.isPresent() ? c.clientOrderId.toString() : null, c.scale);
    }

    /** The configuration entry of a market given in engine units.
     *
     * @throws ConfigException if base or quote is not an asset of {@code config}
     */
    public static MarketConfig marketConfig(final ExchangeConfig config, final int baseId, final int quoteId,
                                            final int tickDecimals, final long tickUnits, final int lotDecimals,
                                            final long lotUnits, final long minSizeLots, final long minNotional,
                                            final long maxPriceTicks, final long maxSizeLots, final int makerBps,
                                            final int takerBps, final MarketStatus status) {
        final int assets = config.assets().size();
        if (baseId < 0 || baseId >= assets || quoteId < 0 || quoteId >= assets) {
            throw new ConfigException("base and quote must be listed assets");
        }
        if (tickDecimals < 0 || tickDecimals > DecimalCodec.MAX_SCALE || lotDecimals < 0
            || lotDecimals > DecimalCodec.MAX_SCALE || tickUnits < 1 || lotUnits < 1 || minSizeLots < 1
            || minNotional < 0 || maxPriceTicks < 1 || maxSizeLots < 1) {
            throw new ConfigException("tick, lot and limits must be positive");
        }
        final Asset base = config.asset(baseId);
        final Asset quote = config.asset(quoteId);
        final BigDecimal tick = BigDecimal.valueOf(tickUnits, tickDecimals);
        final BigDecimal lot = BigDecimal.valueOf(lotUnits, lotDecimals);
        return new MarketConfig(base.symbol() + "-" + quote.symbol(), plain(tick), plain(lot),
            plain(lot.multiply(BigDecimal.valueOf(minSizeLots))), plain(BigDecimal.valueOf(minNotional, quote.scale())),
            makerBps, takerBps, status == null ? MarketStatus.TRADING : status,
            plain(tick.multiply(BigDecimal.valueOf(maxPriceTicks))), plain(lot.multiply(BigDecimal.valueOf(maxSizeLots))));
    }

    /** The configuration entry that resolves to {@code market} again (for a snapshot's listings). */
    public static MarketConfig marketConfig(final ExchangeConfig config, final Market market) {
        return marketConfig(config, market.base().id(), market.quote().id(), market.tickDecimals(),
            market.tickUnits(), market.lotDecimals(), market.lotUnits(), market.minSizeLots(), market.minNotional(),
            market.maxPriceTicks(), market.maxSizeLots(), market.makerFeeBps(), market.takerFeeBps(),
            market.initialStatus());
    }

    private static String plain(final BigDecimal value) {
        final BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
