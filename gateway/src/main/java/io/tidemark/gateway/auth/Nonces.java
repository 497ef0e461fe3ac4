package io.tidemark.gateway.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The nonces of every key, kept across restarts and crashes, so that a request signed before a restart
 * never runs twice: its nonce is refused {@code nonce_reused} after the restart as before it. Each key's
 * window of used nonces ({@link NonceWindow}) is backed by the {@link NonceLog} under
 * {@code <data-dir>/nonces/}, from which the windows are filled again on start.
 *
 * <p>Why nonces, not a start-time fence on timestamps (which API.md also allows): a fence at the start
 * time would let through a request signed before the restart by a client whose clock leads (its
 * timestamp after the start, within its drift), and closing that gap by refusing everything up to the
 * start plus the largest drift would refuse every request for up to a minute after each start, lagging
 * clients longest. Kept nonces refuse exactly the replays, at no cost to anyone else, whether the
 * restart was clean, a kill -9, or a matter of milliseconds. Only after the machine itself crashed, when
 * the log may have lost its last records, is every timestamp up to {@link #refusedThroughMillis()}
 * refused. Thread safe.
 */
public final class Nonces implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Nonces.class);
    private static final long KEY_SEED = 0x165667B19E3779F9L;
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private final Map<String, NonceWindow> windows = new ConcurrentHashMap<>();
    private final NonceLog log;
    private final LongSupplier clockMillis;

    private Nonces(final Path dir, final Collection<ApiKey> keys, final UUID boot, final LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        final Map<Long, List<String>> keyIds = new HashMap<>();
        for (final ApiKey key : keys) {
            keyIds.computeIfAbsent(keyHash(key.id()), hash -> new ArrayList<>(1)).add(key.id());
        }
        final long now = clockMillis.getAsLong();
        this.log = NonceLog.open(dir, boot, clockMillis, (keyHash, a, b, expiresAtMillis) -> {
            // a key gone from the key store can authenticate nothing; two ids of one hash both keep the entry
            for (final String id : keyIds.getOrDefault(keyHash, List.of())) {
                window(id).restore(a, b, now, expiresAtMillis);
            }
        });
    }

    /**
     * Opens the nonces kept in {@code <dataDir>/nonces/}, for the keys in {@code keys} (those that can
     * have used any), with this machine's boot id.
     */
    public static Nonces open(final Path dataDir, final Collection<ApiKey> keys, final LongSupplier clockMillis) {
        return open(dataDir, keys, currentBoot(), clockMillis);
    }

    /** As {@link #open(Path, Collection, LongSupplier)} with the boot id given (null: unknown). */
    static Nonces open(final Path dataDir, final Collection<ApiKey> keys, final UUID boot,
                       final LongSupplier clockMillis) {
        return new Nonces(dataDir.resolve("nonces"), keys, boot, clockMillis);
    }

    /**
     * Records {@code key}'s {@code nonce} as used until {@code expiresAtMillis}, in memory and in the log,
     * before it returns; false when the nonce was used already and is still within its window.
     */
    boolean use(final ApiKey key, final String nonce, final long nowMillis, final long expiresAtMillis) {
        return window(key.id()).use(nonce, nowMillis, expiresAtMillis);
    }

    /** Request timestamps up to this one are refused (after a machine crash); {@link Long#MIN_VALUE} normally. */
    public long refusedThroughMillis() {
        return log.refusedThroughMillis();
    }

    /** Deletes the log's segments that hold nothing live any more (called every second). */
    public void expire() {
        log.expire(clockMillis.getAsLong());
    }

    /** Forces the log to disk and records a clean close; no request may be authenticated after. */
    @Override
    public void close() {
        log.close();
    }

    /** The log's segment files (for tests of the clean-up). */
    int segmentFiles() {
        return log.segmentFiles();
    }

    private NonceWindow window(final String keyId) {
        return windows.computeIfAbsent(keyId, id -> {
            final long keyHash = keyHash(id);
            return new NonceWindow((a, b, expiresAtMillis, nowMillis) -> log.append(keyHash, a, b, expiresAtMillis, nowMillis));
        });
    }

    private static long keyHash(final String keyId) {
        return NonceWindow.hash(keyId, KEY_SEED);
    }

    /** This boot of the machine (Linux), or null where it cannot be told. */
    private static UUID currentBoot() {
        try {
            return UUID.fromString(new String(Files.readAllBytes(BOOT_ID), StandardCharsets.US_ASCII).trim());
        } catch (final IOException | IllegalArgumentException e) {
            LOG.info("event=no_boot_id detail=\"a machine crash cannot be told from a process crash\"");
            return null;
        }
    }
}
