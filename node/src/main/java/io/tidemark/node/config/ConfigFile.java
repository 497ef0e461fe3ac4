package io.tidemark.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.MarketConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The one config loader. A configuration is a tree (YAML or JSON, by file extension) with top-level
 * sections; each module binds its own section from {@link #section}. A file given by the user is laid
 * over the built-in defaults ({@code defaults.yaml} next to this class) and states only what it
 * changes ({@link ConfigMerge} says how lists and mappings merge). Unknown keys are errors, so a typo
 * fails at start instead of being ignored.
 */
public final class ConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ASSET_KEYS = Set.of("symbol", "scale", "circulating_supply");
    private static final Set<String> MARKET_KEYS = Set.of("pair", "tick_size", "lot_size", "min_size", "min_notional",
        "maker_fee_bps", "taker_fee_bps", "status", "max_price", "max_size",
        // read by the market analytics (AnalyticsConfig), not the engine
        "large_trade_notional");

    private final ObjectNode root;

    private ConfigFile(final ObjectNode root) {
        this.root = root;
    }

    /** The built-in defaults only. */
    public static ConfigFile defaults() {
        try (InputStream in = ConfigFile.class.getResourceAsStream("defaults.yaml")) {
            return new ConfigFile((ObjectNode) YAML.readTree(in));
        } catch (final IOException e) {
            throw new ConfigException("cannot read the built-in defaults: " + e.getMessage());
        }
    }

    /** The defaults with {@code file} (YAML, or JSON for *.json) laid over them. */
    public static ConfigFile load(final Path file) {
        final JsonNode tree;
        try {
            final ObjectMapper mapper = file.toString().endsWith(".json") ? JSON : YAML;
            tree = mapper.readTree(Files.readAllBytes(file));
        } catch (final IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException("config file " + file + " must hold a mapping of sections");
        }
        return new ConfigFile(ConfigMerge.merge(defaults().root, tree, file.toString()));
    }

    /** The defaults, or the file's merge with them when {@code file} is not null. */
    public static ConfigFile loadOrDefaults(final Path file) {
        return file == null ? defaults() : load(file);
    }

    /** A top-level section, or a missing node. */
    public JsonNode section(final String name) {
        return root.path(name);
    }

    /** The assets and markets sections as a validated exchange configuration. */
    public ExchangeConfig exchange() {
        final List<AssetConfig> assets = new ArrayList<>();
        for (final JsonNode asset : list("assets")) {
            checkKeys("assets", asset, ASSET_KEYS);
            assets.add(new AssetConfig(text(asset, "symbol", true), integer(asset, "scale"),
                text(asset, "circulating_supply", false)));
        }
        final List<MarketConfig> markets = new ArrayList<>();
        for (final JsonNode market : list("markets")) {
            checkKeys("markets", market, MARKET_KEYS);
            final String status = text(market, "status", false);
            final MarketStatus marketStatus = status == null ? MarketStatus.TRADING : MarketStatus.fromWire(status);
            if (marketStatus == null) {
                throw new ConfigException("markets: status must be trading or halted: " + status);
            }
            markets.add(new MarketConfig(text(market, "pair", true), text(market, "tick_size", true),
                text(market, "lot_size", true), text(market, "min_size", true), text(market, "min_notional", true),
                integer(market, "maker_fee_bps"), integer(market, "taker_fee_bps"), marketStatus,
                text(market, "max_price", false), text(market, "max_size", false)));
        }
        return ExchangeConfig.of(assets, markets);
    }

    private List<JsonNode> list(final String section) {
        final JsonNode node = root.path(section);
        if (!node.isArray()) {
            throw new ConfigException(section + " must be a list");
        }
        final List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    /** Fails on any key of {@code node} outside {@code allowed}. */
    public static void checkKeys(final String where, final JsonNode node, final Set<String> allowed) {
        if (!node.isObject()) {
            throw new ConfigException(where + ": each entry must be a mapping");
        }
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                throw new ConfigException(where + ": unknown key '" + name + "' (known: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    /** A decimal or string value as text; numbers are accepted as written. */
    public static String text(final JsonNode node, final String key, final boolean required) {
        final JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ConfigException("missing '" + key + "' in " + node);
            }
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (!value.isTextual()) {
            throw new ConfigException("'" + key + "' must be a string or number in " + node);
        }
        return value.asText();
    }

    public static int integer(final JsonNode node, final String key) {
        final JsonNode value = node.get(key);
        if (value == null || !value.canConvertToInt()) {
            throw new ConfigException("'" + key + "' must be an integer in " + node);
        }
        return value.intValue();
    }
}
