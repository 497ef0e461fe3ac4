package io.tidemark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.gateway.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A running node's status in {@code <data-dir>/cluster-status.json}, rewritten (atomically) four times a
 * second: member id, role, pid, commit position, state hash and the sequence it belongs to. A gateway
 * on the same machine reads it for {@code GET /v1/admin/cluster}; a file not refreshed lately, or whose
 * process is gone, means the node is down.
 */
public final class StatusFile {
    public static final String NAME = "cluster-status.json";

    /** One node's status as read back; {@code written} is the file's age reference (epoch ms). */
    public record Status(int id, String role, long pid, long commitPosition, String stateHash, long sequence,
                         long writtenMillis) {
    }

    private final Path file;
    private final Path temporary;

    public StatusFile(final Path file) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
    }

    void write(final int id, final String role, final long pid, final long commitPosition, final String stateHash,
               final long sequence) {
        final ObjectNode node = Json.object();
        node.put("id", id).put("role", role).put("pid", pid).put("commit_position", commitPosition)
            .put("state_hash", stateHash).put("sequence", sequence).put("written", System.currentTimeMillis());
        try {
            Files.write(temporary, Json.bytes(node));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            // a stale file is recognised by its age and its pid
        }
    }

    /** The status in {@code file}, if there is a readable one. */
    public static Optional<Status> read(final Path file) {
        try {
            final JsonNode node = Json.parse(Files.readAllBytes(file));
            return Optional.of(new Status(node.path("id").asInt(), node.path("role").asText(), node.path("pid").asLong(),
                node.path("commit_position").asLong(), node.path("state_hash").asText(), node.path("sequence").asLong(),
                node.path("written").asLong()));
        } catch (final IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
