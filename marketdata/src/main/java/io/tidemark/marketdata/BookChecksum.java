package io.tidemark.marketdata;

import io.tidemark.engine.config.Market;

import java.util.zip.CRC32;

/**
 * The book checksum of the public contract: CRC32 (unsigned) of the top {@link #DEPTH} levels, where
 * for each rank 1..25 the tokens {@code bid_price:bid_size:ask_price:ask_size} are joined with
 * {@code :}, a side with no level at that rank is skipped, and prices and sizes are the decimal
 * strings the API sends ({@link Market#appendPrice}, {@link Market#appendSize}). An empty book is
 * the empty string, whose CRC32 is 0.
 *
 * <p>The text is built in a reused builder and copied into a reused byte array (it is ASCII only),
 * so computing a checksum allocates nothing once the buffers have grown. Not thread safe.
 */
final class BookChecksum {
    /** Levels per side covered by the checksum. */
    static final int DEPTH = 25;

    private final StringBuilder text = new StringBuilder(2_048);
    private byte[] bytes = new byte[2_048];
    private final CRC32 crc = new CRC32();

    long compute(final L2Book book, final Market market) {
        text.setLength(0);
        final L2Side bids = book.bids();
        final L2Side asks = book.asks();
        for (int rank = 0; rank < DEPTH; rank++) {
            final boolean hasBid = rank < bids.depth();
            final boolean hasAsk = rank < asks.depth();
            if (!hasBid && !hasAsk) {
                break;
            }
            if (hasBid) {
                level(market, bids.price(rank), bids.size(rank));
            }
            if (hasAsk) {
                level(market, asks.price(rank), asks.size(rank));
            }
        }
        final int length = text.length();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        crc.reset();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    private void level(final Market market, final long price, final long size) {
        if (text.length() > 0) {
            text.append(':');
        }
        market.appendPrice(text, price).append(':');
        market.appendSize(text, size);
    }
}
