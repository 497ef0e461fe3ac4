package io.tidemark.node.snapshot;

import io.tidemark.engine.snapshot.SnapshotOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshots under {@code <data-dir>/snapshots}, one file each, {@code snapshot-<sequence>.snap}:
 * written to a temporary file, forced to the device, then renamed into place, so a crash never
 * leaves a half snapshot under a real name. {@link #read} checks a file is whole (magic, lengths and
 * CRC32C over the whole file) and of this configuration. The newest {@code keep} snapshots are kept.
 *
 * <p>Layout (little-endian): magic {@code TMSNAP01}; sequence, timestamp (i64); journal generation
 * (i32); journal index, config fingerprint (i64); section count (i32); per section its name (i32
 * length + UTF-8), length (i32) and bytes; CRC32C of all of the above (i32).
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final byte[] MAGIC = "TMSNAP01".getBytes(StandardCharsets.US_ASCII);
    public static final String ENGINE_SECTION = "engine";

    private final Path directory;
    private final int keep;

    /** A loaded snapshot. */
    public record Snapshot(Path file, long sequence, long timestamp, int journalGeneration, long journalIndex,
                           Map<String, byte[]> sections) {
    }

    public SnapshotStore(final Path directory, final int keep) {
        this.directory = directory;
        this.keep = Math.max(1, keep);
        try {
            Files.createDirectories(directory);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create snapshot directory " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes a snapshot durably and prunes old snapshots; returns the file. {@code sections} are the
     * engine's ({@link #ENGINE_SECTION}) and then each read model's, by name, in the order they are restored.
     */
    /** How much of a section goes to the file between two calls of a pacer. */
    static final int SLICE = 1 << 20;

    public Path write(final long sequence, final long timestamp, final int journalGeneration, final long journalIndex,
                      final long configFingerprint, final Map<String, SnapshotOutput> sections) throws IOException {
        return write(sequence, timestamp, journalGeneration, journalIndex, configFingerprint, sections, () -> { });
    }

    /** As {@link #write}, running {@code pacer} between slices of {@link #SLICE} bytes (see {@link SnapshotPacer}). */
    public Path write(final long sequence, final long timestamp, final int journalGeneration, final long journalIndex,
                      final long configFingerprint, final Map<String, SnapshotOutput> sections, final Runnable pacer)
        throws IOException {
        if (!sections.keySet().iterator().next().equals(ENGINE_SECTION)) {
            throw new IllegalArgumentException("the engine's section comes first");
        }
        final Path target = directory.resolve(String.format("snapshot-%020d.snap", sequence));
        final Path temp = directory.resolve("." + target.getFileName() + ".tmp");
        // streamed: the sections go to the file from their own buffers, the checksum taken on the way
        final CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
            final ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 40).order(ByteOrder.LITTLE_ENDIAN);
            head.put(MAGIC).putLong(sequence).putLong(timestamp).putInt(journalGeneration).putLong(journalIndex)
                .putLong(configFingerprint).putInt(sections.size());
            write(channel, crc, head.flip());
            for (final Map.Entry<String, SnapshotOutput> section : sections.entrySet()) {
                final byte[] name = section.getKey().getBytes(StandardCharsets.UTF_8);
                final ByteBuffer body = section.getValue().view();
                final ByteBuffer sectionHead = ByteBuffer.allocate(8 + name.length).order(ByteOrder.LITTLE_ENDIAN);
                sectionHead.putInt(name.length).put(name).putInt(body.remaining());
                write(channel, crc, sectionHead.flip());
                while (body.hasRemaining()) {
                    final ByteBuffer slice = body.slice().limit(Math.min(SLICE, body.remaining()));
                    write(channel, crc, slice);
                    body.position(body.position() + slice.limit());
                    pacer.run();
                }
            }
            final ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
            write(channel, null, tail.flip());
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
        prune();
        return target;
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (final IOException e) {
            LOG.debug("cannot fsync directory {} ({}); the rename is still atomic", directory, e.toString());
        }
    }

    private void prune() throws IOException {
        final List<Path> files = files();
        for (int i = 0; i < files.size() - keep; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    /** Snapshot files, oldest first (by sequence in the name). */
    public List<Path> files() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> path.getFileName().toString().matches("snapshot-\\d{20}\\.snap"))
                .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                .toList();
        }
    }

    /**
     * Reads and checks one snapshot file: whole (magic, lengths, CRC32C) and of this configuration.
     *
     * @throws IOException naming what is wrong with it
     */
    public static Snapshot read(final Path file, final long configFingerprint) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MAGIC.length + 40 + 4) {
            throw new IOException("too short (" + bytes.length + " bytes)");
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw new IOException("checksum mismatch (damaged or partly written)");
        }
        for (final byte b : MAGIC) {
            if (in.get() != b) {
                throw new IOException("not a Tidemark snapshot");
            }
        }
        final long sequence = in.getLong();
        final long timestamp = in.getLong();
        final int generation = in.getInt();
        final long index = in.getLong();
        if (in.getLong() != configFingerprint) {
            throw new IOException("written under a different market configuration");
        }
        final int count = in.getInt();
        final Map<String, byte[]> sections = new LinkedHashMap<>();
        for (int s = 0; s < count; s++) {
            final byte[] name = new byte[checkedLength(in)];
            in.get(name);
            final byte[] body = new byte[checkedLength(in)];
            in.get(body);
            sections.put(new String(name, StandardCharsets.UTF_8), body);
        }
        if (in.remaining() != 4) {
            throw new IOException(in.remaining() - 4 + " unexpected bytes");
        }
        return new Snapshot(file, sequence, timestamp, generation, index, sections);
    }

    private static int checkedLength(final ByteBuffer in) throws IOException {
        final int length = in.getInt();
        if (length < 0 || length > in.remaining() - 4) {
            throw new IOException("bad section length " + length);
        }
        return length;
    }

    /** Writes all of {@code bytes}, adding them to the checksum first (unless null). */
    private static void write(final FileChannel channel, final CRC32C crc, final ByteBuffer bytes) throws IOException {
        if (crc != null) {
            crc.update(bytes.duplicate());
        }
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
