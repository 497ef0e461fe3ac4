package io.tidemark.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.config.ConfigException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a user's config file over the built-in defaults so that the file states only what it changes:
 * mappings merge key by key (a key set to {@code null} drops the default's entry); the keyed lists
 * ({@code assets} by {@code symbol}, {@code markets} and {@code sandbox.simulation.markets} by {@code pair})
 * merge entry by entry, where an entry naming a default merges into it, a new one is appended and
 * {@code remove: true} drops the default; every other list and value is replaced whole. An asset or
 * market that is removed while something still names it is an error that lists every such place, so
 * "unknown asset" never surfaces far from its cause. Type errors in the values themselves are left to
 * the section's binder, which knows what each key means.
 */
final class ConfigMerge {
    private static final String REMOVE = "remove";
    private static final Map<String, String> KEYED_LISTS = Map.of(
        "assets", "symbol",
        "markets", "pair",
        "sandbox.simulation.markets", "pair");

    private final String file;
    private final Set<String> removedAssets = new LinkedHashSet<>();
    private final Set<String> removedMarkets = new LinkedHashSet<>();

    private ConfigMerge(final String file) {
        this.file = file;
    }

    /** Merges {@code overlay} (read from {@code file}) into a copy of {@code defaults}. */
    static ObjectNode merge(final ObjectNode defaults, final JsonNode overlay, final String file) {
        final ConfigMerge merge = new ConfigMerge(file);
        final ObjectNode merged = defaults.deepCopy();
        overlay.fieldNames().forEachRemaining(section -> {
            if (!defaults.has(section)) {
                throw merge.error("unknown section '" + section + "' (known: " + fieldNames(defaults) + ")");
            }
        });
        merge.mergeMapping(merged, overlay, "");
        merge.checkNothingNamesWhatWasRemoved(merged);
        return merged;
    }

    private void mergeMapping(final ObjectNode target, final JsonNode overlay, final String path) {
        final Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final String key = field.getKey();
            final String keyPath = path.isEmpty() ? key : path + "." + key;
            final JsonNode value = field.getValue();
            final JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (current != null && current.isObject() && value.isObject()) {
                mergeMapping((ObjectNode) current, value, keyPath);
            } else if (current != null && current.isArray() && value.isArray() && KEYED_LISTS.containsKey(keyPath)) {
                mergeKeyedList((ArrayNode) current, value, keyPath, KEYED_LISTS.get(keyPath));
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private void mergeKeyedList(final ArrayNode target, final JsonNode overlay, final String path, final String keyName) {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < overlay.size(); i++) {
            final JsonNode entry = overlay.get(i);
            if (!entry.isObject() || !entry.path(keyName).isTextual()) {
                throw error(path + "[" + i + "]: each entry must be a mapping with a '" + keyName + "'");
            }
            final String key = entry.get(keyName).asText();
            final String entryPath = path + "[" + key + "]";
            if (!seen.add(key)) {
                throw error(entryPath + ": listed twice");
            }
            final ObjectNode fields = ((ObjectNode) entry).deepCopy();
            final boolean remove = removeFlag(fields, entryPath);
            final int index = indexOf(target, keyName, key);
            if (remove) {
                if (fields.size() > 1) {
                    throw error(entryPath + ": 'remove: true' takes no other keys (has " + fieldNames(fields) + ")");
                }
                if (index < 0) {
                    throw error(entryPath + ": 'remove: true', but the defaults have no " + key + " to remove");
                }
                target.remove(index);
                if (path.equals("assets")) {
                    removedAssets.add(key);
                } else if (path.equals("markets")) {
                    removedMarkets.add(key);
                }
            } else if (index >= 0) {
                mergeMapping((ObjectNode) target.get(index), fields, entryPath);
            } else {
                target.add(fields);
            }
        }
    }

    private boolean removeFlag(final ObjectNode entry, final String entryPath) {
        final JsonNode flag = entry.remove(REMOVE);
        if (flag == null) {
            return false;
        }
        if (!flag.isBoolean()) {
            throw error(entryPath + ".remove: must be true or false, not " + flag);
        }
        return flag.booleanValue();
    }

    private static int indexOf(final ArrayNode list, final String keyName, final String key) {
        for (int i = 0; i < list.size(); i++) {
            if (key.equals(list.get(i).path(keyName).asText(null))) {
                return i;
            }
        }
        return -1;
    }

    /** Fails, listing every place, when a removed asset or market is still named anywhere in the merged tree. */
    private void checkNothingNamesWhatWasRemoved(final ObjectNode merged) {
        for (final String asset : removedAssets) {
            final List<String> places = new ArrayList<>();
            for (final JsonNode market : merged.path("markets")) {
                final String pair = market.path("pair").asText("");
                if (List.of(pair.split("-")).contains(asset)) {
                    places.add("markets[" + pair + "]");
                }
            }
            collectNames(merged, "", asset, false, places);
            if (!places.isEmpty()) {
                throw error("asset " + asset + " is removed (assets[" + asset + "].remove) but is still named by "
                    + String.join(", ", places) + " (built-in defaults unless your file sets them): remove or change those too");
            }
        }
        for (final String market : removedMarkets) {
            final List<String> places = new ArrayList<>();
            collectNames(merged, "", market, true, places);
            if (!places.isEmpty()) {
                throw error("market " + market + " is removed (markets[" + market + "].remove) but is still named by "
                    + String.join(", ", places) + " (built-in defaults unless your file sets them): remove or change those too");
            }
        }
    }

    /**
     * Adds the path of every list entry whose {@code pair} is market {@code name} (when {@code pairs}) or
     * trades asset {@code name}, and of every mapping key equal to asset {@code name} (amounts keyed by
     * symbol); the assets and markets sections themselves are what was merged, not references to it.
     */
    private static void collectNames(final JsonNode node, final String path, final String name, final boolean pairs,
                                     final List<String> places) {
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String keyPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (keyPath.equals("assets") || keyPath.equals("markets")) {
                    continue;
                }
                if (!pairs && field.getKey().equals(name)) {
                    places.add(keyPath);
                }
                collectNames(field.getValue(), keyPath, name, pairs, places);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                final JsonNode entry = node.get(i);
                final String pair = entry.path("pair").asText(null);
                if (pair != null && (pairs ? name.equals(pair) : List.of(pair.split("-")).contains(name))) {
                    places.add(path + "[" + pair + "]");
                }
                collectNames(entry, path + "[" + (pair != null ? pair : String.valueOf(i)) + "]", name, pairs, places);
            }
        }
    }

    private static String fieldNames(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private ConfigException error(final String message) {
        return new ConfigException("config file " + file + ": " + message);
    }
}
