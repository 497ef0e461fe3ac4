package io.tidemark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One node process per data directory. A node killed with SIGKILL leaves Aeron's mark files behind, and
 * for several seconds they look like a live archive or consensus module, so a node restarted at once
 * would be refused. The pid written here tells a dead predecessor (its mark files are removed: they hold
 * only liveness, the recovery state is in the recording log and the archive) from a live one (refused).
 */
final class NodeLock {
    static final String NAME = "node.pid";

    private NodeLock() {
    }

    static void acquire(final Path dataDir) {
        final Path file = dataDir.resolve(NAME);
        try {
            final Optional<Long> previous = Files.exists(file)
                ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
            final long self = ProcessHandle.current().pid();
            if (previous.isPresent() && previous.get() != self
                && ProcessHandle.of(previous.get()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("another node (pid " + previous.get() + ") runs on " + dataDir);
            }
            if (previous.isPresent() && previous.get() != self) {
                deleteMarkFiles(dataDir.resolve("archive"));
                deleteMarkFiles(dataDir.resolve("cluster"));
            }
            Files.writeString(file, Long.toString(self));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot lock " + dataDir, e);
        } catch (final NumberFormatException e) {
            throw new IllegalStateException(file + " does not hold a pid", e);
        }
    }

    private static void deleteMarkFiles(final Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> marks = Files.newDirectoryStream(dir, "*-mark*.dat")) {
            for (final Path mark : marks) {
                Files.deleteIfExists(mark);
            }
        }
    }
}
