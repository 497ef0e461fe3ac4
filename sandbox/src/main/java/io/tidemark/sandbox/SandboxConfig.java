package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.node.config.ConfigFile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sandbox} section of the config file, bound to the exchange's assets and markets: starting
 * balances and faucet caps per asset (in minor units, indexed by asset id), and the simulation.
 * Unknown keys, unknown assets or pairs, and amounts the asset cannot represent are errors.
 */
public record SandboxConfig(long[] startingBalances, long[] faucetCap, Simulation simulation) {
    private static final Set<String> KEYS = Set.of("starting_balances", "faucet_cap", "simulation");
    private static final Set<String> SIM_KEYS = Set.of("seed", "makers", "takers", "levels_per_side",
        "volatility_of_volatility", "volatility_half_life_s", "return_tail_dof", "self_excitation",
        "excitation_half_life_s", "maker_spread_widening", "inventory_skew_bps", "inventory_scale_quotes",
        "news_volatility_boost", "account_funding", "markets");
    private static final Set<String> SIM_MARKET_KEYS = Set.of("pair", "reference_price", "volatility", "half_spread_bps",
        "level_spacing_bps", "quote_size", "requotes_per_second", "taker_orders_per_second", "taker_min_size",
        "taker_size_alpha", "taker_max_size", "taker_impact_bps", "sweeps_per_minute", "sweep_jump_bps");

    /** The simulated market: who takes part, how every market's participants behave, and each market's rates and sizes. */
    public record Simulation(long seed, int makers, int takers, int levelsPerSide, Dynamics dynamics,
                             long[] accountFunding, List<SimMarket> markets) {
    }

    /**
     * How the simulated participants of every market behave: the volatility's own volatility and how
     * long its swings last, the tail of returns (Student-t degrees of freedom), how strongly arrivals
     * excite more arrivals (branching ratio) and for how long, how much wider each further maker quotes,
     * the makers' inventory skew (at most {@code inventorySkewBps}, reached at {@code inventoryScaleQuotes}
     * quote sizes of inventory), and how much news lifts the log volatility.
     */
    public record Dynamics(double volatilityOfVolatility, double volatilityHalfLifeSeconds, int returnTailDof,
                           double selfExcitation, double excitationHalfLifeSeconds, double makerSpreadWidening,
                           double inventorySkewBps, int inventoryScaleQuotes, double newsVolatilityBoost) {
    }

    /**
     * One simulated market; sizes in lots, the reference price as a decimal in quote per base, rates per
     * second; a taker order of size q moves the reference by takerImpactBps × √(q / quote size).
     */
    public record SimMarket(Market market, BigDecimal referencePrice, double volatility, double halfSpreadBps,
                            double levelSpacingBps, long quoteSizeLots, double requotesPerSecond,
                            double takerOrdersPerSecond, long takerMinLots, double takerSizeAlpha, long takerMaxLots,
                            double takerImpactBps, double sweepsPerMinute, double sweepJumpBps) {

        /**
         * A market listed at run time, simulated like this one: the same rates, volatility and spreads, and
         * sizes of the same value at {@code price} (this market and {@code listed} share their quote asset).
         */
        public SimMarket like(final Market listed, final BigDecimal price) {
            return new SimMarket(listed, price, volatility, halfSpreadBps, levelSpacingBps, sameValue(quoteSizeLots, listed, price),
                requotesPerSecond, takerOrdersPerSecond, sameValue(takerMinLots, listed, price), takerSizeAlpha,
                sameValue(takerMaxLots, listed, price), takerImpactBps, sweepsPerMinute, sweepJumpBps);
        }

        /** Lots of {@code listed} worth what {@code lots} of this market are worth, at least one. */
        private long sameValue(final long lots, final Market listed, final BigDecimal price) {
            final BigDecimal value = lotSize(market).multiply(BigDecimal.valueOf(lots)).multiply(referencePrice);
            final BigDecimal listedLots = value.divide(lotSize(listed).multiply(price), 0, java.math.RoundingMode.HALF_UP);
            return Math.max(1, listedLots.longValueExact());
        }

        private static BigDecimal lotSize(final Market market) {
            return new BigDecimal(market.formatSize(1));
        }
    }

    public static SandboxConfig from(final ConfigFile file, final ExchangeConfig exchange) {
        final JsonNode node = file.section("sandbox");
        if (node.isMissingNode()) {
            throw new ConfigException("the sandbox section is missing");
        }
        ConfigFile.checkKeys("sandbox", node, KEYS);
        final long[] starting = amounts("sandbox.starting_balances", node.path("starting_balances"), exchange);
        final long[] cap = amounts("sandbox.faucet_cap", node.path("faucet_cap"), exchange);
        final JsonNode sim = node.path("simulation");
        ConfigFile.checkKeys("sandbox.simulation", sim, SIM_KEYS);
        final List<SimMarket> markets = new ArrayList<>();
        final JsonNode list = sim.path("markets");
        if (!list.isArray()) {
            throw new ConfigException("sandbox.simulation.markets must be a list");
        }
        for (final JsonNode m : list) {
            ConfigFile.checkKeys("sandbox.simulation.markets", m, SIM_MARKET_KEYS);
            final String pair = ConfigFile.text(m, "pair", true);
            final Market market = exchange.marketByPair(pair);
            if (market == null) {
                throw new ConfigException("sandbox.simulation.markets: no market " + pair + " in markets");
            }
            final BigDecimal reference = positiveDecimal(m, "reference_price", pair);
            final long quoteSize = lots(market, m, "quote_size");
            final long takerMin = lots(market, m, "taker_min_size");
            final long takerMax = lots(market, m, "taker_max_size");
            if (takerMax < takerMin) {
                throw new ConfigException("sandbox.simulation.markets " + pair + ": taker_max_size < taker_min_size");
            }
            final double alpha = number(m, "taker_size_alpha", pair);
            if (alpha <= 1.0) {
                throw new ConfigException("sandbox.simulation.markets " + pair + ": taker_size_alpha must be above 1 (finite mean)");
            }
            final double halfSpread = number(m, "half_spread_bps", pair);
            final double spacing = number(m, "level_spacing_bps", pair);
            if (halfSpread <= 0 || spacing <= 0) {
                throw new ConfigException("sandbox.simulation.markets " + pair + ": half_spread_bps and level_spacing_bps must be above 0");
            }
            final double impact = number(m, "taker_impact_bps", pair);
            if (impact < 0) {
                throw new ConfigException("sandbox.simulation.markets " + pair + ": taker_impact_bps must be 0 or more");
            }
            markets.add(new SimMarket(market, reference, number(m, "volatility", pair), halfSpread, spacing, quoteSize,
                number(m, "requotes_per_second", pair), number(m, "taker_orders_per_second", pair), takerMin, alpha,
                takerMax, impact, number(m, "sweeps_per_minute", pair), number(m, "sweep_jump_bps", pair)));
        }
        final int levels = ConfigFile.integer(sim, "levels_per_side");
        if (levels < 1 || levels > 200) {
            throw new ConfigException("sandbox.simulation.levels_per_side must be 1-200");
        }
        final int makers = ConfigFile.integer(sim, "makers");
        final int takers = ConfigFile.integer(sim, "takers");
        if (makers < 0 || makers > 20 || takers < 0 || takers > 20) {
            throw new ConfigException("sandbox.simulation: makers and takers must be 0-20");
        }
        final JsonNode seed = sim.path("seed");
        if (!seed.canConvertToLong()) {
            throw new ConfigException("sandbox.simulation.seed must be an integer");
        }
        final Simulation simulation = new Simulation(seed.longValue(), makers, takers, levels, dynamics(sim),
            amounts("sandbox.simulation.account_funding", sim.path("account_funding"), exchange), List.copyOf(markets));
        return new SandboxConfig(starting, cap, simulation);
    }

    private static Dynamics dynamics(final JsonNode sim) {
        final String where = "sandbox.simulation";
        final double excitation = number(sim, "self_excitation", where);
        if (excitation >= 1) {
            throw new ConfigException(where + ".self_excitation must be below 1 (else arrivals explode)");
        }
        final int dof = ConfigFile.integer(sim, "return_tail_dof");
        if (dof < 3 || dof > 100) {
            throw new ConfigException(where + ".return_tail_dof must be 3-100 (finite variance)");
        }
        final double volHalfLife = number(sim, "volatility_half_life_s", where);
        final double excitationHalfLife = number(sim, "excitation_half_life_s", where);
        if (volHalfLife <= 0 || excitationHalfLife <= 0) {
            throw new ConfigException(where + ": volatility_half_life_s and excitation_half_life_s must be above 0");
        }
        final int inventoryScale = ConfigFile.integer(sim, "inventory_scale_quotes");
        if (inventoryScale < 1) {
            throw new ConfigException(where + ".inventory_scale_quotes must be at least 1");
        }
        return new Dynamics(number(sim, "volatility_of_volatility", where), volHalfLife, dof, excitation, excitationHalfLife, number(sim, "maker_spread_widening", where), number(sim, "inventory_skew_bps", where),
            inventoryScale, number(sim, "news_volatility_boost", where));
    }

    public static SandboxConfig defaults(final ExchangeConfig exchange) {
        return from(ConfigFile.defaults(), exchange);
    }

    /** A mapping of asset symbol to decimal amount, as minor units indexed by asset id (absent = 0). */
    private static long[] amounts(final String where, final JsonNode node, final ExchangeConfig exchange) {
        if (!node.isObject()) {
            throw new ConfigException(where + " must be a mapping of asset symbol to amount");
        }
        final long[] units = new long[exchange.assets().size()];
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final Asset asset = exchange.assetBySymbol(field.getKey());
            if (asset == null) {
                throw new ConfigException(where + ": unknown asset " + field.getKey());
            }
            final String text = ConfigFile.text(node, field.getKey(), true);
            final long amount = asset.parseAmount(text);
            if (DecimalCodec.isError(amount)) {
                throw new ConfigException(where + "." + field.getKey() + ": not an amount of " + asset.symbol()
                    + " (at most " + asset.scale() + " decimals): " + text);
            }
            units[asset.id()] = amount;
        }
        return units;
    }

    private static long lots(final Market market, final JsonNode node, final String key) {
        final String text = ConfigFile.text(node, key, true);
        final long lots = market.parseSize(text);
        if (lots <= 0) {
            throw new ConfigException("sandbox.simulation.markets " + market.pair() + ": " + key
                + " must be a positive multiple of the lot size " + market.formatSize(1) + ", not " + text);
        }
        return lots;
    }

    private static BigDecimal positiveDecimal(final JsonNode node, final String key, final String where) {
        final String text = ConfigFile.text(node, key, true);
        try {
            final BigDecimal value = new BigDecimal(text);
            if (value.signum() <= 0) {
                throw new ConfigException(where + ": " + key + " must be positive");
            }
            return value;
        } catch (final NumberFormatException e) {
            throw new ConfigException(where + ": " + key + " must be a decimal, not " + text);
        }
    }

    private static double number(final JsonNode node, final String key, final String where) {
        final JsonNode value = node.get(key);
        if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
            throw new ConfigException(where + ": " + key + " must be a non-negative number");
        }
        return value.doubleValue();
    }
}
