package io.tidemark.peer.workload;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The workload file, version 1: a 512-byte header, then one 48-byte record per command, all
 * little-endian; a name ending in {@code .gz} is gzip-compressed. Small enough to re-implement anywhere.
 *
 * <pre>
 * header   0 magic "TMPEER01" (8 bytes)    8 int version = 1          12 int header bytes = 512
 *         16 int record bytes = 48        20 int accounts            24 long seed
 *         32 int set-up records           36 int measured records    40 long min price
 *         48 long max price               56 long max order id       64 long expected trades
 *         72 long expected total size     80 long expected notional  88 long expected orders filled
 *         96 long expected filled hash   104 mix name, ASCII, 32 bytes zero-padded
 *        136 int description length      140 description, UTF-8 (at most 372 bytes)
 * record   0 byte kind (1 place, 2 cancel, 3 move, 4 reduce)   1 byte side (1 buy, 2 sell)
 *          2 byte order type (1 limit, 2 market)               3 byte time in force (1 gtc, 2 ioc)
 *          4 int reserved = 0    8 long account    16 long order id    24 long price
 *         32 long size          40 long new size
 * </pre>
 * Unused fields are zero; {@link Workload} says which fields each kind uses.
 */
public final class WorkloadFile {
    public static final int VERSION = 1;
    static final long MAGIC = ByteBuffer.wrap("TMPEER01".getBytes(StandardCharsets.US_ASCII))
        .order(ByteOrder.LITTLE_ENDIAN).getLong();
    static final int HEADER_BYTES = 512;
    static final int RECORD_BYTES = 48;
    private static final int MIX_OFFSET = 104;
    private static final int MIX_BYTES = 32;
    private static final int DESCRIPTION_OFFSET = 140;
    private static final int DESCRIPTION_MAX = HEADER_BYTES - DESCRIPTION_OFFSET;

    private WorkloadFile() {
    }

    public static void write(final Path path, final Workload workload) throws IOException {
        final Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream file = Files.newOutputStream(path);
             OutputStream out = path.toString().endsWith(".gz")
                 ? new GZIPOutputStream(file, 1 << 16) : new BufferedOutputStream(file, 1 << 16)) {
            out.write(header(workload.header()).array());
            final ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < workload.size(); i++) {
                record.clear();
                record.put(workload.type(i)).put(workload.side(i)).put(workload.orderType(i))
                    .put(workload.timeInForce(i)).putInt(0)
                    .putLong(workload.account(i)).putLong(workload.orderId(i)).putLong(workload.price(i))
                    .putLong(workload.size(i)).putLong(workload.newSize(i));
                out.write(record.array());
            }
        }
    }

    public static Workload read(final Path path) throws IOException {
        final byte[] bytes;
        try (InputStream in = open(path)) {
            bytes = in.readAllBytes();
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final Workload.Header header = header(buffer, path);
        final long records = (long) header.setupCount() + header.commandCount();
        if (bytes.length != HEADER_BYTES + records * RECORD_BYTES) {
            throw new IOException(path + ": " + bytes.length + " bytes, expected " + HEADER_BYTES + " + " + records
                + " records of " + RECORD_BYTES);
        }
        final Workload.Builder builder = new Workload.Builder();
        buffer.position(HEADER_BYTES);
        for (long i = 0; i < records; i++) {
            final byte kind = buffer.get();
            final byte side = buffer.get();
            final byte type = buffer.get();
            final byte tif = buffer.get();
            if (buffer.getInt() != 0) {
                throw new IOException(path + ": record " + i + " has a non-zero reserved field");
            }
            try {
                builder.add(kind, side, type, tif, buffer.getLong(), buffer.getLong(), buffer.getLong(),
                    buffer.getLong(), buffer.getLong());
            } catch (final IllegalArgumentException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
        }
        return builder.build(header);
    }

    /** Just the header, without reading the records (a gzip file is still decompressed up to it). */
    public static Workload.Header readHeader(final Path path) throws IOException {
        try (InputStream in = open(path)) {
            final byte[] bytes = in.readNBytes(HEADER_BYTES);
            return header(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), path);
        }
    }

    private static InputStream open(final Path path) throws IOException {
        final InputStream in = Files.newInputStream(path);
        return path.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static ByteBuffer header(final Workload.Header h) {
        final byte[] mix = h.mix().getBytes(StandardCharsets.US_ASCII);
        final byte[] description = h.description().getBytes(StandardCharsets.UTF_8);
        if (mix.length > MIX_BYTES || description.length > DESCRIPTION_MAX) {
            throw new IllegalArgumentException("mix name or description too long for the header");
        }
        final TradeDigest.Result d = h.expected();
        final ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(MAGIC).putInt(VERSION).putInt(HEADER_BYTES).putInt(RECORD_BYTES).putInt(h.accounts())
            .putLong(h.seed()).putInt(h.setupCount()).putInt(h.commandCount()).putLong(h.minPrice())
            .putLong(h.maxPrice()).putLong(h.maxOrderId()).putLong(d.trades()).putLong(d.totalSize())
            .putLong(d.totalNotional()).putLong(d.filledOrders()).putLong(d.filledHash());
        b.position(MIX_OFFSET);
        b.put(mix);
        b.position(MIX_OFFSET + MIX_BYTES);
        b.putInt(description.length).put(description);
        return b;
    }

    private static Workload.Header header(final ByteBuffer b, final Path path) throws IOException {
        if (b.remaining() < HEADER_BYTES || b.getLong(0) != MAGIC) {
            throw new IOException(path + ": not a peer workload file");
        }
        if (b.getInt(8) != VERSION || b.getInt(12) != HEADER_BYTES || b.getInt(16) != RECORD_BYTES) {
            throw new IOException(path + ": unsupported version " + b.getInt(8) + " (this reader knows " + VERSION + ")");
        }
        final byte[] mix = new byte[MIX_BYTES];
        b.get(MIX_OFFSET, mix);
        int mixLength = 0;
        while (mixLength < MIX_BYTES && mix[mixLength] != 0) {
            mixLength++;
        }
        final int descriptionLength = b.getInt(MIX_OFFSET + MIX_BYTES);
        if (descriptionLength < 0 || descriptionLength > DESCRIPTION_MAX) {
            throw new IOException(path + ": corrupt header");
        }
        final byte[] description = new byte[descriptionLength];
        b.get(DESCRIPTION_OFFSET, description);
        final TradeDigest.Result expected = new TradeDigest.Result(b.getLong(64), b.getLong(72), b.getLong(80),
            b.getLong(88), b.getLong(96));
        return new Workload.Header(new String(mix, 0, mixLength, StandardCharsets.US_ASCII), b.getLong(24),
            b.getInt(20), b.getInt(32), b.getInt(36), b.getLong(40), b.getLong(48), b.getLong(56), expected,
            new String(description, StandardCharsets.UTF_8));
    }
}
