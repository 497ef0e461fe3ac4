package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.json.Json;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * How much the faucet has paid each account, per asset, kept in {@code <data-dir>/sandbox/faucet.json}
 * so that the cap holds across restarts. A payment is reserved (and the file written) before its
 * deposit is submitted and released if the deposit is refused; so a crash between the two can only
 * under-pay an account, never let it past the cap. Not thread safe: owned by the sandbox's I/O thread.
 */
final class FaucetLedger {
    private static final String FILE = "faucet.json";

    private final StateFiles files;
    private final ExchangeConfig config;
    private final Map<Long, long[]> used = new HashMap<>();

    FaucetLedger(final StateFiles files, final ExchangeConfig config) {
        this.files = files;
        this.config = config;
        final JsonNode root = files.read(FILE);
        if (root != null) {
            final Iterator<Map.Entry<String, JsonNode>> accounts = root.path("used").fields();
            while (accounts.hasNext()) {
                final Map.Entry<String, JsonNode> account = accounts.next();
                final long[] amounts = new long[config.assets().size()];
                for (final Asset asset : config.assets()) {
                    amounts[asset.id()] = account.getValue().path(asset.symbol()).asLong(0);
                }
                used.put(Long.parseLong(account.getKey()), amounts);
            }
        }
    }

    long used(final long accountId, final int assetId) {
        final long[] amounts = used.get(accountId);
        return amounts == null ? 0 : amounts[assetId];
    }

    /** Records {@code amount} more as paid (before the deposit) and persists it. */
    void reserve(final long accountId, final int assetId, final long amount) {
        used.computeIfAbsent(accountId, id -> new long[config.assets().size()])[assetId] += amount;
        save();
    }

    /** Takes back a reservation whose deposit was not applied. */
    void release(final long accountId, final int assetId, final long amount) {
        used.get(accountId)[assetId] -= amount;
        save();
    }

    private void save() {
        final ObjectNode root = Json.object();
        root.put("version", 1);
        root.put("note", "faucet payments per account id and asset, in the asset's minor units");
        final ObjectNode accounts = root.putObject("used");
        used.forEach((account, amounts) -> {
            final ObjectNode entry = accounts.putObject(Long.toString(account));
            for (final Asset asset : config.assets()) {
                entry.put(asset.symbol(), amounts[asset.id()]);
            }
        });
        files.write(FILE, root);
    }
}
