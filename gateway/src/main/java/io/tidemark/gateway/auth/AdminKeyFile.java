package io.tidemark.gateway.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.gateway.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The operator's first key. A data directory that has no valid admin key gets one at start, and its
 * key and secret are kept in {@code <data-dir>/admin-key.json} ({@code {"key":…,"secret":…}}, mode
 * 0600) for the operator to take; the launcher prints the secret that once. Once any admin key exists
 * nothing is created again, even if the operator has moved the file away.
 */
public final class AdminKeyFile {
    public static final String NAME = "admin-key.json";

    private AdminKeyFile() {
    }

    /** Creates and writes the first admin key if there is none; returns it, or empty when one existed. */
    public static Optional<KeyStore.Created> ensure(final Path dataDir, final KeyStore keys) {
        if (keys.hasAdminKey()) {
            return Optional.empty();
        }
        final KeyStore.Created created = keys.createAdminKey(List.of());
        final ObjectNode file = Json.object();
        file.put("key", created.key().id());
        file.put("secret", created.secret());
        final Path target = dataDir.resolve(NAME);
        final Path temp = dataDir.resolve(NAME + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return Optional.of(created);
    }
}
