package io.tidemark.engine.config;

import io.tidemark.engine.api.MarketStatus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated set of assets and markets the engine runs. Construction checks that every market's
 * money arithmetic is exact in longs (tick × lot is a whole number of quote units, a lot a whole
 * number of base units, and price × size within the limits never overflows) and throws
 * {@link ConfigException} naming the problem otherwise. Ids are positions in the lists. Immutable.
 *
 * <p>An operator may list assets and markets at run time: {@link #withAsset} and {@link #withMarket}
 * give the <em>effective</em> configuration, the file's entries followed by the listings (validated the
 * same way, ids continuing the lists). Listings are state, not configuration: the {@link #fingerprint()}
 * stays that of the file, so journals and snapshots written before and after a listing stay compatible.
 */
public final class ExchangeConfig {
    private final List<Asset> assets;
    private final List<Market> markets;
    private final Map<String, Asset> assetsBySymbol;
    private final Map<String, Market> marketsByPair;
    private final int fileAssets;
    private final int fileMarkets;
    private final long fingerprint;

    private ExchangeConfig(final List<Asset> assets, final List<Market> markets, final int fileAssets,
                           final int fileMarkets, final Long fingerprint) {
        this.fileAssets = fileAssets;
        this.fileMarkets = fileMarkets;
        this.assets = Collections.unmodifiableList(assets);
        this.markets = Collections.unmodifiableList(markets);
        final Map<String, Asset> bySymbol = new HashMap<>();
        assets.forEach(asset -> bySymbol.put(asset.symbol(), asset));
        final Map<String, Market> byPair = new HashMap<>();
        markets.forEach(market -> byPair.put(market.pair(), market));
        this.assetsBySymbol = Collections.unmodifiableMap(bySymbol);
        this.marketsByPair = Collections.unmodifiableMap(byPair);
        this.fingerprint = fingerprint == null ? digest() : fingerprint;
    }

    public static ExchangeConfig of(final List<AssetConfig> assetConfigs, final List<MarketConfig> marketConfigs) {
        if (assetConfigs.isEmpty()) {
            throw new ConfigException("at least one asset is required");
        }
        final List<Asset> assets = new ArrayList<>();
        final Map<String, Asset> bySymbol = new HashMap<>();
        for (final AssetConfig config : assetConfigs) {
            final Asset asset = resolveAsset(assets.size(), config);
            if (bySymbol.put(asset.symbol(), asset) != null) {
                throw new ConfigException("asset " + asset.symbol() + " is configured twice");
            }
            assets.add(asset);
        }
        final List<Market> markets = new ArrayList<>();
        final Map<String, Market> byPair = new HashMap<>();
        for (final MarketConfig config : marketConfigs) {
            final Market market = resolveMarket(markets.size(), config, bySymbol);
            if (byPair.put(market.pair(), market) != null) {
                throw new ConfigException("market " + market.pair() + " is configured twice");
            }
            markets.add(market);
        }
        return new ExchangeConfig(assets, markets, assets.size(), markets.size(), null);
    }

    /**
     * The effective configuration after listing one more asset (id: the next position).
     *
     * @throws ConfigException if the asset is invalid or its symbol is taken
     */
    public ExchangeConfig withAsset(final AssetConfig config) {
        final Asset asset = resolveAsset(assets.size(), config);
        if (assetsBySymbol.containsKey(asset.symbol())) {
            throw new ConfigException("asset " + asset.symbol() + " exists");
        }
        final List<Asset> grown = new ArrayList<>(assets);
        grown.add(asset);
        return new ExchangeConfig(grown, markets, fileAssets, fileMarkets, fingerprint);
    }

    /**
     * The effective configuration after listing one more market (id: the next position) between two
     * assets it already has.
     *
     * @throws ConfigException if the market is invalid or its pair is taken
     */
    public ExchangeConfig withMarket(final MarketConfig config) {
        final Market market = resolveMarket(markets.size(), config, assetsBySymbol);
        if (marketsByPair.containsKey(market.pair())) {
            throw new ConfigException("market " + market.pair() + " exists");
        }
        final List<Market> grown = new ArrayList<>(markets);
        grown.add(market);
        return new ExchangeConfig(assets, grown, fileAssets, fileMarkets, fingerprint);
    }

    /** Assets listed at run time: those after the configured ones. */
    public List<Asset> listedAssets() {
        return assets.subList(fileAssets, assets.size());
    }

    /** Markets listed at run time: those after the configured ones. */
    public List<Market> listedMarkets() {
        return markets.subList(fileMarkets, markets.size());
    }

    /** Whether anything was listed at run time. */
    public boolean hasListings() {
        return assets.size() > fileAssets || markets.size() > fileMarkets;
    }

    public List<Asset> assets() {
        return assets;
    }

    public List<Market> markets() {
        return markets;
    }

    public Asset asset(final int id) {
        return assets.get(id);
    }

    public Market market(final int id) {
        return markets.get(id);
    }

    /** The asset with this symbol, or {@code null}. */
    public Asset assetBySymbol(final String symbol) {
        return assetsBySymbol.get(symbol);
    }

    /** The market with this pair ({@code BTC-USD}), or {@code null}. */
    public Market marketByPair(final String pair) {
        return marketsByPair.get(pair);
    }

    /**
     * A digest of everything that shapes engine arithmetic (assets, scales, markets, ticks, lots,
     * limits, fees) as configured, so a snapshot or journal is never applied under a different
     * configuration. Listings do not change it.
     */
    public long fingerprint() {
        return fingerprint;
    }

    private long digest() {
        long h = 0x9E3779B97F4A7C15L;
        for (final Asset asset : assets) {
            h = mix(h, asset.symbol().hashCode());
            h = mix(h, asset.scale());
        }
        for (final Market market : markets) {
            h = mix(h, market.pair().hashCode());
            h = mix(h, market.quoteUnitsPerTickLot());
            h = mix(h, market.baseUnitsPerLot());
            h = mix(h, market.minSizeLots());
            h = mix(h, market.minNotional());
            h = mix(h, market.maxPriceTicks());
            h = mix(h, market.maxSizeLots());
            h = mix(h, market.makerFeeBps());
            h = mix(h, market.takerFeeBps());
            h = mix(h, market.tickDecimals());
            h = mix(h, market.lotDecimals());
            h = mix(h, market.tickUnits());
            h = mix(h, market.lotUnits());
        }
        return h;
    }

    private static long mix(final long h, final long value) {
        final long x = (h ^ value) * 0xC2B2AE3D27D4EB4FL;
        return x ^ (x >>> 29);
    }

    private static Asset resolveAsset(final int id, final AssetConfig config) {
        final String symbol = config.symbol();
        if (symbol == null || !symbol.matches("[A-Z0-9]{1,12}")) {
            throw new ConfigException("asset symbol must be 1-12 of [A-Z0-9]: " + symbol);
        }
        if (config.scale() < 0 || config.scale() > DecimalCodec.MAX_SCALE) {
            throw new ConfigException(symbol + ": scale must be 0.." + DecimalCodec.MAX_SCALE);
        }
        long supply = -1;
        if (config.circulatingSupply() != null) {
            supply = DecimalCodec.parse(config.circulatingSupply(), config.scale());
            if (DecimalCodec.isError(supply)) {
                throw new ConfigException(symbol + ": circulating supply is not an exact amount at scale "
                    + config.scale() + ": " + config.circulatingSupply());
            }
        }
        return new Asset(id, symbol, config.scale(), supply);
    }

    private static Market resolveMarket(final int id, final MarketConfig config, final Map<String, Asset> assets) {
        final String pair = config.pair();
        final int dash = pair == null ? -1 : pair.indexOf('-');
        if (dash <= 0 || dash != pair.lastIndexOf('-')) {
            throw new ConfigException("pair", "market pair must be BASE-QUOTE: " + pair);
        }
        final Asset base = assets.get(pair.substring(0, dash));
        final Asset quote = assets.get(pair.substring(dash + 1));
        if (base == null || quote == null || base == quote) {
            throw new ConfigException("pair", pair + ": base and quote must be two different configured assets");
        }
        final BigDecimal tick = positive(pair, "tick_size", config.tickSize());
        final BigDecimal lot = positive(pair, "lot_size", config.lotSize());
        final int tickDecimals = Math.max(0, tick.scale());
        final int lotDecimals = Math.max(0, lot.scale());
        if (tickDecimals > DecimalCodec.MAX_SCALE || lotDecimals > DecimalCodec.MAX_SCALE) {
            throw new ConfigException(tickDecimals > DecimalCodec.MAX_SCALE ? "tick_size" : "lot_size",
                pair + ": tick and lot may have at most " + DecimalCodec.MAX_SCALE + " decimals");
        }
        final long tickUnits = tick.movePointRight(tickDecimals).longValueExact();
        final long lotUnits = lot.movePointRight(lotDecimals).longValueExact();

        final long baseUnitsPerLot = wholeUnits(pair, "lot_size", "lot_size × 10^" + base.symbol() + " scale",
            lot.movePointRight(base.scale()));
        final long quoteUnitsPerTickLot = wholeUnits(pair, "tick_size",
            "tick_size × lot_size × 10^" + quote.symbol() + " scale", tick.multiply(lot).movePointRight(quote.scale()));

        final BigDecimal minSize = nonNegative(pair, "min_size", config.minSize());
        if (minSize.remainder(lot).signum() != 0) {
            throw new ConfigException("min_size", pair + ": min_size must be a multiple of lot_size");
        }
        final long minSizeLots = Math.max(1, minSize.divide(lot).longValueExact());
        final BigDecimal minNotional = nonNegative(pair, "min_notional", config.minNotional());
        final long minNotionalUnits = wholeUnits(pair, "min_notional", "min_notional at " + quote.symbol() + " scale",
            minNotional.movePointRight(quote.scale()), true);

        if (config.makerFeeBps() < 0 || config.takerFeeBps() < 0 || config.takerFeeBps() > Market.MAX_FEE_BPS) {
            throw new ConfigException(config.makerFeeBps() < 0 ? "maker_fee_bps" : "taker_fee_bps",
                pair + ": fees must be 0.." + Market.MAX_FEE_BPS + " bps (no rebates)");
        }
        if (config.makerFeeBps() > config.takerFeeBps()) {
            // a resting buy holds the taker fee; a larger maker fee could exceed what it holds
            throw new ConfigException("maker_fee_bps", pair + ": maker fee must not exceed taker fee");
        }

        final long[] limits = limits(pair, config, tick, lot, quoteUnitsPerTickLot, baseUnitsPerLot);
        final MarketStatus status = config.status() == null ? MarketStatus.TRADING : config.status();
        return new Market(id, pair, base, quote, tickDecimals, tickUnits, lotDecimals, lotUnits, minSizeLots,
            minNotionalUnits, limits[0], limits[1], config.makerFeeBps(), config.takerFeeBps(), status,
            quoteUnitsPerTickLot, baseUnitsPerLot);
    }

    /** Max price in ticks and max size in lots, derived or checked so that their product stays within MAX_NOTIONAL. */
    private static long[] limits(final String pair, final MarketConfig config, final BigDecimal tick, final BigDecimal lot,
                                 final long quotePerTickLot, final long basePerLot) {
        final BigInteger cap = BigInteger.valueOf(Market.MAX_NOTIONAL);
        long maxPrice = config.maxPrice() == null ? 0 : steps(pair, "max_price", config.maxPrice(), tick);
        long maxSize = config.maxSize() == null ? 0 : steps(pair, "max_size", config.maxSize(), lot);
        if (maxPrice == 0 && maxSize == 0) {
            maxPrice = cap.divide(BigInteger.valueOf(quotePerTickLot)).sqrt().longValueExact();
        }
        if (maxSize == 0) {
            maxSize = cap.divide(BigInteger.valueOf(quotePerTickLot).multiply(BigInteger.valueOf(maxPrice))).longValueExact();
        } else if (maxPrice == 0) {
            maxPrice = cap.divide(BigInteger.valueOf(quotePerTickLot).multiply(BigInteger.valueOf(maxSize))).longValueExact();
        }
        if (maxPrice < 1 || maxSize < 1) {
            throw new ConfigException("max_price", pair + ": max_price and max_size leave no room for an order");
        }
        final BigInteger product = BigInteger.valueOf(maxPrice).multiply(BigInteger.valueOf(maxSize))
            .multiply(BigInteger.valueOf(quotePerTickLot));
        if (product.compareTo(cap) > 0) {
            throw new ConfigException("max_price",
                pair + ": max_price × max_size exceeds 2^62 quote units; lower one of them");
        }
        if (BigInteger.valueOf(maxSize).multiply(BigInteger.valueOf(basePerLot)).compareTo(cap) > 0) {
            throw new ConfigException("max_size", pair + ": max_size exceeds 2^62 base units");
        }
        return new long[] {maxPrice, maxSize};
    }

    private static long steps(final String pair, final String field, final String text, final BigDecimal step) {
        final BigDecimal value = positive(pair, field, text);
        if (value.remainder(step).signum() != 0) {
            throw new ConfigException(field,
                pair + ": " + field + " must be a multiple of its step " + step.toPlainString());
        }
        return value.divide(step).longValueExact();
    }

    private static BigDecimal positive(final String pair, final String field, final String text) {
        final BigDecimal value = nonNegative(pair, field, text);
        if (value.signum() <= 0) {
            throw new ConfigException(field, pair + ": " + field + " must be positive");
        }
        return value;
    }

    private static BigDecimal nonNegative(final String pair, final String field, final String text) {
        if (text == null || !text.matches("[0-9]{1,30}(\\.[0-9]{1," + DecimalCodec.MAX_SCALE + "})?")) {
            throw new ConfigException(field, pair + ": " + field + " must be a plain decimal with at most "
                + DecimalCodec.MAX_SCALE + " decimals: " + text);
        }
        return new BigDecimal(text).stripTrailingZeros();
    }

    private static long wholeUnits(final String pair, final String field, final String what, final BigDecimal value) {
        return wholeUnits(pair, field, what, value, false);
    }

    private static long wholeUnits(final String pair, final String field, final String what, final BigDecimal value,
                                   final boolean zeroAllowed) {
        final BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new ConfigException(field, pair + ": " + what + " must be a whole number, is " + stripped.toPlainString()
                + " (raise the asset's scale or coarsen tick/lot)");
        }
        if (stripped.signum() < 0 || (!zeroAllowed && stripped.signum() == 0)
            || stripped.compareTo(BigDecimal.valueOf(Market.MAX_NOTIONAL)) > 0) {
            throw new ConfigException(field, pair + ": " + what + " is out of range: " + stripped.toPlainString());
        }
        return stripped.longValueExact();
    }
}
