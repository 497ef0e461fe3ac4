package io.tidemark.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.gateway.json.Json;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Every nonce a key used, for as long as it could be replayed, in memory-mapped segment files under
 * {@code <data-dir>/nonces/}, so that a request signed before a restart is refused after it, even when
 * the process was killed with no chance to save anything: a record is stored into the mapping before
 * its request goes on, and the mapping's pages belong to the operating system, which keeps them when
 * the process dies (as the journal keeps commands under {@code --durability mapped}). Appending is a
 * few stores and two atomic updates: no system call, no allocation.
 *
 * <p>A crash of the machine itself can lose pages not yet written to disk. The {@code state} file,
 * forced to disk when the log opens and when it closes, says which boot of the machine last had the
 * log open and whether it was closed cleanly (its segments forced to disk). Opened after an unclean
 * close in another boot, the log may have lost records; {@link #refusedThroughMillis()} then gives a
 * time up to which the owner must refuse every request timestamp: the start plus the largest drift a
 * key may have, past any timestamp a lost record could carry. That fence is kept in the state file
 * until no such timestamp can pass a drift check any more, so a further restart keeps it. Where the
 * platform gives no boot id (it is read from Linux's {@code /proc}), a machine crash is not detected.
 *
 * <p>A record is 32 bytes in the machine's byte order: the key's hash, the nonce's two hashes and the
 * nonce's expiry, stored last with release semantics, so a record whose expiry is 0 was never
 * completed (its request never went on) and is skipped. A segment holds {@value #RECORDS_PER_SEGMENT}
 * records; a full one is sealed and a new one started; a segment is deleted once every record in it
 * has expired. A process reads the segments of earlier ones and appends only to its own. Thread safe.
 */
final class NonceLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NonceLog.class);
    static final int RECORDS_PER_SEGMENT = 1 << 16;
    private static final long MAGIC = 0x544D4E4F4E434531L; // "TMNONCE1"
    private static final int HEADER = 64;
    private static final int RECORD = 32;
    private static final int EXPIRY = 24;
    private static final long SEGMENT_BYTES = HEADER + (long) RECORDS_PER_SEGMENT * RECORD;
    /**
     * After sealing, how long a writer that claimed a slot just before is given to finish its four
     * stores before the segment may be unmapped under it.
     */
    private static final long STRAGGLER_MILLIS = 60_000;
    private static final String PREFIX = "nonces-";
    private static final String SUFFIX = ".log";
    private static final String STATE = "state";

    /** Told each live record of the earlier processes' segments while the log opens. */
    @FunctionalInterface
    interface Restorer {
        void restore(long keyHash, long a, long b, long expiresAtMillis);
    }

    private final Path dir;
    private final UUID boot;
    private final LongSupplier clockMillis;
    private final long refusedThroughMillis;
    /** This process's segments, oldest first; the last is {@link #current}. Guarded by this. */
    private final List<Segment> segments = new ArrayList<>();
    /** Earlier processes' segments: read once, deleted when nothing in them is live. Guarded by this. */
    private final List<Earlier> earlier = new ArrayList<>();
    private long nextNumber;
    private volatile Segment current;
    private boolean closed;

    private NonceLog(final Path dir, final UUID boot, final LongSupplier clockMillis, final long refusedThroughMillis,
                     final long nextNumber) {
        this.dir = dir;
        this.boot = boot;
        this.clockMillis = clockMillis;
        this.refusedThroughMillis = refusedThroughMillis;
        this.nextNumber = nextNumber;
    }

    /**
     * Opens the log in {@code dir}: hands every record of the existing segments that is live now to
     * {@code restorer}, works out whether records may have been lost, and starts a segment of its own.
     * {@code boot} identifies the machine's running boot, null where it cannot be told.
     */
    static NonceLog open(final Path dir, final UUID boot, final LongSupplier clockMillis, final Restorer restorer) {
        final long nowMillis = clockMillis.getAsLong();
        try {
            Files.createDirectories(dir);
            final List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
                stream.forEach(files::add);
            }
            files.sort(null);
            boolean unreadable = false;
            long next = 0;
            final List<Earlier> earlier = new ArrayList<>();
            for (final Path file : files) {
                next = Math.max(next, number(file) + 1);
                final Earlier segment = read(file, nowMillis, restorer);
                unreadable |= segment == null;
                earlier.add(segment != null ? segment : new Earlier(file, Long.MIN_VALUE));
            }
            final JsonNode state = readState(dir.resolve(STATE));
            long refusedThrough = state.path("refused_through_ms").asLong(Long.MIN_VALUE);
            if (unreadable || mayHaveLost(state, boot, !files.isEmpty())) {
                refusedThrough = Math.max(refusedThrough, nowMillis + ApiKey.MAX_DRIFT_MILLIS);
                LOG.warn("event=nonces_may_be_lost reason={} refused_through_ms={}",
                    unreadable ? "unreadable_segment" : "unclean_close_in_an_earlier_boot", refusedThrough);
            }
            final NonceLog log = new NonceLog(dir, boot, clockMillis, refusedThrough, next);
            log.earlier.addAll(earlier);
            log.writeState(false);
            log.current = log.newSegment(nowMillis);
            return log;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot open the nonce log in " + dir, e);
        }
    }

    /** Request timestamps up to this one must be refused; {@link Long#MIN_VALUE} when nothing was lost. */
    long refusedThroughMillis() {
        return refusedThroughMillis;
    }

    /** Records that {@code keyHash}'s nonce {@code (a, b)} is used until {@code expiresAtMillis}. */
    void append(final long keyHash, final long a, final long b, final long expiresAtMillis, final long nowMillis) {
        Segment segment = current;
        int slot = segment.claimed.getAndIncrement();
        while (slot >= RECORDS_PER_SEGMENT) {
            segment = roll(segment, nowMillis);
            slot = segment.claimed.getAndIncrement();
        }
        segment.write(slot, keyHash, a, b, expiresAtMillis);
    }

    /** Deletes the segments none of whose records can still be live at {@code nowMillis}. */
    synchronized void expire(final long nowMillis) {
        if (closed) {
            return;
        }
        earlier.removeIf(segment -> {
            if (segment.lastExpiryMillis >= nowMillis) {
                return false;
            }
            delete(segment.file);
            return true;
        });
        segments.removeIf(segment -> {
            if (segment == current || segment.sealedAtMillis == 0
                || nowMillis < segment.sealedAtMillis + STRAGGLER_MILLIS || nowMillis <= segment.maxExpiry.get()) {
                return false;
            }
            IoUtil.unmap(segment.mapped);
            delete(segment.file);
            return true;
        });
    }

    /**
     * Forces this process's segments to disk and records a clean close. They stay mapped until the
     * process ends, so that a request still being authenticated cannot write into memory unmapped.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (final Segment segment : segments) {
            segment.mapped.force();
        }
        try {
            writeState(true);
        } catch (final IOException e) {
            LOG.error("event=nonce_state_write_failed error={}", e.toString());
        }
    }

    /** Segment files on disk (for tests of the clean-up). */
    synchronized int segmentFiles() {
        return earlier.size() + segments.size();
    }

    private synchronized Segment roll(final Segment full, final long nowMillis) {
        if (current == full) {
            full.sealedAtMillis = nowMillis;
            current = newSegment(nowMillis);
        }
        return current;
    }

    private Segment newSegment(final long nowMillis) {
        final Path file = dir.resolve(String.format("%s%016x%s", PREFIX, nextNumber++, SUFFIX));
        final Segment segment = new Segment(file, IoUtil.mapNewFile(file.toFile(), SEGMENT_BYTES, false));
        segment.buffer.putLong(8, nowMillis);
        segment.buffer.putLongRelease(0, MAGIC);
        segments.add(segment);
        return segment;
    }

    /**
     * Whether records of the last process may be lost: it did not close cleanly, and the machine has
     * restarted since (or which boot it ran in is unknown while segments exist).
     */
    private static boolean mayHaveLost(final JsonNode state, final UUID boot, final boolean segmentsExist) {
        if (state.isMissingNode()) {
            return segmentsExist;
        }
        if (state.path("clean").asBoolean(false) || boot == null) {
            return false;
        }
        return !boot.toString().equals(state.path("boot").asText(""));
    }

    /** The segment's live records to {@code restorer}, or null when it is not a segment this code wrote. */
    private static Earlier read(final Path file, final long nowMillis, final Restorer restorer) throws IOException {
        final ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = ByteBuffer.allocate((int) Math.min(channel.size(), SEGMENT_BYTES)).order(ByteOrder.nativeOrder());
            int read = 0;
            while (bytes.hasRemaining() && read >= 0) {
                read = channel.read(bytes);
            }
        }
        bytes.flip();
        if (bytes.limit() < HEADER || bytes.getLong(0) != MAGIC) {
            LOG.warn("event=nonce_segment_unreadable file={}", file);
            return null;
        }
        long lastExpiry = Long.MIN_VALUE;
        for (int at = HEADER; at + RECORD <= bytes.limit(); at += RECORD) {
            final long expiry = bytes.getLong(at + EXPIRY);
            if (expiry >= nowMillis) {
                restorer.restore(bytes.getLong(at), bytes.getLong(at + 8), bytes.getLong(at + 16), expiry);
                lastExpiry = Math.max(lastExpiry, expiry);
            }
        }
        return new Earlier(file, lastExpiry);
    }

    private static JsonNode readState(final Path file) throws IOException {
        if (!Files.exists(file)) {
            return Json.MAPPER.missingNode();
        }
        try {
            return Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (final IOException e) {
            LOG.warn("event=nonce_state_unreadable file={} error={}", file, e.toString());
            return Json.object();
        }
    }

    /** Replaces the state file, on disk before this returns (temporary file, force, rename, force the directory). */
    private void writeState(final boolean clean) throws IOException {
        final ObjectNode state = Json.object();
        state.put("boot", boot == null ? "" : boot.toString());
        state.put("clean", clean);
        // kept while a timestamp up to the fence can still pass some key's drift check
        if (refusedThroughMillis + ApiKey.MAX_DRIFT_MILLIS >= clockMillis.getAsLong()) {
            state.put("refused_through_ms", refusedThroughMillis);
        }
        final Path temp = dir.resolve(STATE + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            final ByteBuffer buffer = ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(state));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static long number(final Path file) {
        final String name = file.getFileName().toString();
        try {
            return Long.parseUnsignedLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()), 16);
        } catch (final NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** A segment that cannot be deleted now is read again, harmlessly, at the next start, and deleted then. */
    private static void delete(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            LOG.warn("event=nonce_segment_delete_failed file={} error={}", file, e.toString());
        }
    }

    /** A segment this process writes. */
    private static final class Segment {
        final Path file;
        final MappedByteBuffer mapped;
        final UnsafeBuffer buffer;
        final AtomicInteger claimed = new AtomicInteger();
        final AtomicLong maxExpiry = new AtomicLong(Long.MIN_VALUE);
        /** When it filled up; 0 while it is written to. Guarded by the log. */
        long sealedAtMillis;

        Segment(final Path file, final MappedByteBuffer mapped) {
            this.file = file;
            this.mapped = mapped;
            this.buffer = new UnsafeBuffer(mapped);
        }

        void write(final int slot, final long keyHash, final long a, final long b, final long expiresAtMillis) {
            final int at = HEADER + slot * RECORD;
            buffer.putLong(at, keyHash);
            buffer.putLong(at + 8, a);
            buffer.putLong(at + 16, b);
            buffer.putLongRelease(at + EXPIRY, expiresAtMillis);
            maxExpiry.accumulateAndGet(expiresAtMillis, Math::max);
        }
    }

    /** A segment an earlier process wrote, and the last expiry of the live records it held. */
    private record Earlier(Path file, long lastExpiryMillis) {
    }
}
