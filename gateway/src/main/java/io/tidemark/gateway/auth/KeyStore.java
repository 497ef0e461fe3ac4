package io.tidemark.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.gateway.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API keys, persisted in {@code <data-dir>/keys/keys.json} (mode 0600; secrets have to be kept to check
 * signatures, so the file is the secret) and surviving restarts. The server and the {@code keys}
 * command may both change it: every change is a read-modify-write under an exclusive file lock,
 * written to a temporary file and renamed into place, and a running server re-reads the file when it
 * changes, so a revocation takes effect without a restart. Lookups read an immutable map: lock-free
 * on the network threads. Also allocates account ids (an operator's account may carry a label) and
 * keeps the operator's keys: scope {@code admin} alone, no account (account id 0). Thread safe.
 */
public final class KeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(KeyStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Path file;
    private final Path lockFile;
    private volatile Map<String, ApiKey> keys = Map.of();
    private volatile long nextAccountId = 1;
    private volatile long loadedModified = -1;

    /** A created key with its secret, which is shown this once. */
    public record Created(ApiKey key, String secret) {
    }

    public KeyStore(final Path dataDir) {
        final Path dir = dataDir.resolve("keys");
        this.file = dir.resolve("keys.json");
        this.lockFile = dir.resolve("keys.lock");
        try {
            Files.createDirectories(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        reloadIfChanged();
    }

    /** The key with this id, valid or revoked, or null. */
    public ApiKey find(final String id) {
        return keys.get(id);
    }

    public Collection<ApiKey> all() {
        return keys.values();
    }

    /** Re-reads the file if it changed since it was last read (called periodically by the server). */
    public synchronized void reloadIfChanged() {
        try {
            final long modified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
            if (modified != loadedModified) {
                final State state = read();
                keys = Map.copyOf(state.keys);
                nextAccountId = state.nextAccountId;
                loadedModified = modified;
            }
        } catch (final IOException | RuntimeException e) {
            LOG.error("event=keystore_reload_failed file={} error={}", file, e.toString());
        }
    }

    /** Allocates a new account id and creates its first key. */
    public Created createAccountWithKey(final Set<Scope> scopes, final List<String> allowlist, final Tier tier,
                                        final long driftMillis) {
        return change(state -> {
            final long account = state.nextAccountId++;
            return newKey(state, account, scopes, allowlist, tier, driftMillis);
        });
    }

    /** Allocates a new account id, without a key; {@code label} (may be null) is kept beside it. */
    public long createAccount(final String label) {
        return change(state -> {
            final long account = state.nextAccountId++;
            if (label != null) {
                state.labels.put(account, label);
            }
            return account;
        });
    }

    /** Whether the id was handed out (by sign-up, {@code keys create} or an operator). */
    public boolean accountExists(final long accountId) {
        return accountId >= 1 && accountId < nextAccountId;
    }

    /** An operator's key: scope {@code admin} only, no account. */
    public Created createAdminKey(final List<String> allowlist) {
        return change(state -> newKey(state, 0, EnumSet.of(Scope.ADMIN), allowlist, Tier.MARKET_MAKER,
            ApiKey.DEFAULT_DRIFT_MILLIS));
    }

    /** Whether any operator's key is valid. */
    public boolean hasAdminKey() {
        return keys.values().stream().anyMatch(key -> !key.revoked() && key.scopes().contains(Scope.ADMIN));
    }

    /** Creates a further key for an existing account id. */
    public Created createKey(final long accountId, final Set<Scope> scopes, final List<String> allowlist, final Tier tier,
                             final long driftMillis) {
        if (accountId < 1) {
            throw new IllegalArgumentException("account ids start at 1");
        }
        return change(state -> {
            state.nextAccountId = Math.max(state.nextAccountId, accountId + 1);
            return newKey(state, accountId, scopes, allowlist, tier, driftMillis);
        });
    }

    /** Revokes a key; returns false if there is no such key. */
    public boolean revoke(final String id) {
        return change(state -> {
            final ApiKey key = state.keys.get(id);
            if (key == null) {
                return false;
            }
            if (!key.revoked()) {
                state.keys.put(id, key.revokedAt(System.currentTimeMillis()));
            }
            return true;
        });
    }

    private static Created newKey(final State state, final long account, final Set<Scope> scopes,
                                  final List<String> allowlist, final Tier tier, final long driftMillis) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope");
        }
        final String id = "tmk_" + random(24);
        final String secret = "tms_" + random(40);
        final ApiKey key = new ApiKey(id, account, secret, EnumSet.copyOf(scopes), IpAllowlist.of(allowlist), tier,
            driftMillis, System.currentTimeMillis(), 0);
        state.keys.put(id, key);
        return new Created(key, secret);
    }

    private static String random(final int length) {
        final StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    /** The file's content. */
    private static final class State {
        long nextAccountId = 1;
        final Map<String, ApiKey> keys = new LinkedHashMap<>();
        final Map<Long, String> labels = new LinkedHashMap<>();
    }

    @FunctionalInterface
    private interface Change<T> {
        T apply(State state);
    }

    private synchronized <T> T change(final Change<T> change) {
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lock.lock()) {
            final State state = read();
            final T result = change.apply(state);
            write(state);
            keys = Map.copyOf(state.keys);
            nextAccountId = state.nextAccountId;
            loadedModified = Files.getLastModifiedTime(file).toMillis();
            return result;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }

    private State read() throws IOException {
        final State state = new State();
        if (!Files.exists(file)) {
            return state;
        }
        final JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
        state.nextAccountId = root.path("next_account_id").asLong(1);
        root.path("account_labels").fields().forEachRemaining(e -> state.labels.put(Long.parseLong(e.getKey()),
            e.getValue().asText()));
        for (final JsonNode node : root.path("keys")) {
            final Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            node.path("scopes").forEach(scope -> scopes.add(Scope.fromWire(scope.asText())));
            final List<String> allow = new ArrayList<>();
            node.path("ip_allowlist").forEach(cidr -> allow.add(cidr.asText()));
            final ApiKey key = new ApiKey(node.path("id").asText(), node.path("account_id").asLong(),
                node.path("secret").asText(), scopes, IpAllowlist.of(allow), Tier.fromWire(node.path("tier").asText()),
                node.path("drift_ms").asLong(ApiKey.DEFAULT_DRIFT_MILLIS), node.path("created_at_ms").asLong(),
                node.path("revoked_at_ms").asLong(0));
            state.keys.put(key.id(), key);
        }
        return state;
    }

    private void write(final State state) throws IOException {
        final ObjectNode root = Json.object();
        root.put("version", 1);
        root.put("next_account_id", state.nextAccountId);
        if (!state.labels.isEmpty()) {
            final ObjectNode labels = root.putObject("account_labels");
            state.labels.forEach((account, label) -> labels.put(Long.toString(account), label));
        }
        final ArrayNode list = root.putArray("keys");
        for (final ApiKey key : state.keys.values()) {
            final ObjectNode node = list.addObject();
            node.put("id", key.id());
            node.put("account_id", key.accountId());
            node.put("secret", key.secret());
            final ArrayNode scopes = node.putArray("scopes");
            key.scopes().stream().sorted().forEach(scope -> scopes.add(scope.wireName()));
            final ArrayNode allow = node.putArray("ip_allowlist");
            key.allowlist().entries().forEach(allow::add);
            node.put("tier", key.tier().wireName());
            node.put("drift_ms", key.driftMillis());
            node.put("created_at_ms", key.createdAtMillis());
            node.put("revoked_at_ms", key.revokedAtMillis());
        }
        final Path temp = file.resolveSibling("keys.json.tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            final ByteBuffer buffer = ByteBuffer.wrap(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
