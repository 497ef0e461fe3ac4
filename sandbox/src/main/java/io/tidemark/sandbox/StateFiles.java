package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The sandbox's own small state files under {@code <data-dir>/sandbox/}: JSON, mode 0600 (some hold
 * secrets), each replaced whole by write-to-temporary, fsync, atomic rename, so a crash leaves the old
 * or the new content, never a torn file.
 */
final class StateFiles {
    private final Path dir;

    StateFiles(final Path dataDir) {
        this.dir = dataDir.resolve("sandbox");
        try {
            Files.createDirectories(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    Path path(final String name) {
        return dir.resolve(name);
    }

    /** The file's JSON, or null when it does not exist. */
    JsonNode read(final String name) {
        final Path file = path(name);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void write(final String name, final JsonNode content) {
        final Path file = path(name);
        final Path temp = path(name + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                final ByteBuffer buffer = ByteBuffer.wrap(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
