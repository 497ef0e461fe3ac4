package io.tidemark.node.journal;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The journal's layout under {@code <data-dir>/journal}: generations {@code g000000}, {@code g000001},
 * ..., each a Chronicle queue rolled daily. Appends go to the last generation. When recovery finds a
 * damaged tail it seals that generation at its last whole command (a {@code SEALED} file holding the
 * sequence) and starts the next one, because Chronicle would append after the damaged record and a
 * reader would stop before the new ones. Replay reads generations in order, each up to its seal.
 */
public final class JournalDirectory {
    private static final String SEALED = "SEALED";
    private final Path root;

    public JournalDirectory(final Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + root, e);
        }
    }

    /** Existing generations, ascending. */
    public List<Integer> generations() {
        final List<Integer> generations = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.map(path -> path.getFileName().toString())
                .filter(name -> name.matches("g\\d{6}"))
                .map(name -> Integer.parseInt(name.substring(1)))
                .sorted()
                .forEach(generations::add);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return generations;
    }

    /** The generation appends go to (the last), created when there is none. */
    public int current() {
        final List<Integer> generations = generations();
        if (generations.isEmpty()) {
            return create(0);
        }
        return generations.get(generations.size() - 1);
    }

    public Path path(final int generation) {
        return root.resolve(String.format("g%06d", generation));
    }

    int create(final int generation) {
        try {
            Files.createDirectories(path(generation));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create journal generation " + generation, e);
        }
        return generation;
    }

    /** The last sequence of a sealed generation, or empty when it is open. */
    public OptionalLong sealedAt(final int generation) {
        final Path seal = path(generation).resolve(SEALED);
        if (!Files.exists(seal)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(seal, StandardCharsets.US_ASCII).trim()));
        } catch (final IOException | NumberFormatException e) {
            throw new JournalException("unreadable seal of journal generation " + generation, e);
        }
    }

    /** Seals {@code generation} after {@code lastSequence} and returns the new generation that follows it. */
    public int sealAndStartNext(final int generation, final long lastSequence) {
        final Path seal = path(generation).resolve(SEALED);
        final Path temp = path(generation).resolve(SEALED + ".tmp");
        try {
            Files.writeString(temp, Long.toString(lastSequence), StandardCharsets.US_ASCII);
            Files.move(temp, seal, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot seal journal generation " + generation, e);
        }
        return create(generation + 1);
    }

    /** Opens a generation's Chronicle queue (rolled daily). */
    SingleChronicleQueue open(final int generation) {
        return SingleChronicleQueueBuilder.binary(path(generation))
            .rollCycle(RollCycles.FAST_DAILY)
            .timeoutMS(2_000)
            .build();
    }
}
