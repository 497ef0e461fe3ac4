package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/** A client's L2 book built from a snapshot and deltas, as a bot would keep it, with the contract's checksum. */
final class ClientBook {
    private final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
    long seq;

    void load(final JsonNode snapshot) {
        bids.clear();
        asks.clear();
        apply(bids, snapshot.path("bids"));
        apply(asks, snapshot.path("asks"));
        seq = snapshot.path("seq").asLong();
    }

    /** Applies a delta; false when it does not continue from the last seq (a gap). */
    boolean applyDelta(final JsonNode delta) {
        if (delta.path("prev_seq").asLong() != seq) {
            return false;
        }
        apply(bids, delta.path("bids"));
        apply(asks, delta.path("asks"));
        seq = delta.path("seq").asLong();
        return true;
    }

    private static void apply(final TreeMap<BigDecimal, String[]> side, final JsonNode levels) {
        for (final JsonNode level : levels) {
            final String price = level.get(0).asText();
            final String size = level.get(1).asText();
            if (new BigDecimal(size).signum() == 0) {
                side.remove(new BigDecimal(price));
            } else {
                side.put(new BigDecimal(price), new String[] {price, size});
            }
        }
    }

    /** CRC32 of the top 25 levels: bid_price:bid_size:ask_price:ask_size per rank, missing sides skipped. */
    long checksum() {
        final List<String> parts = new ArrayList<>();
        final Iterator<String[]> b = bids.values().iterator();
        final Iterator<String[]> a = asks.values().iterator();
        for (int i = 0; i < 25; i++) {
            if (b.hasNext()) {
                final String[] level = b.next();
                parts.add(level[0]);
                parts.add(level[1]);
            }
            if (a.hasNext()) {
                final String[] level = a.next();
                parts.add(level[0]);
                parts.add(level[1]);
            }
        }
        final CRC32 crc = new CRC32();
        crc.update(String.join(":", parts).getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    /** The best {@code depth} levels of each side as {@code [[price, size]...]} text, for comparing with REST. */
    String top(final int depth) {
        return side(bids, depth) + " / " + side(asks, depth);
    }

    static String restTop(final JsonNode book) {
        return levels(book.path("bids")) + " / " + levels(book.path("asks"));
    }

    private static String side(final TreeMap<BigDecimal, String[]> side, final int depth) {
        final StringBuilder out = new StringBuilder();
        int n = 0;
        for (final Map.Entry<BigDecimal, String[]> level : side.entrySet()) {
            if (n++ == depth) {
                break;
            }
            out.append(level.getValue()[0]).append('@').append(level.getValue()[1]).append(' ');
        }
        return out.toString();
    }

    private static String levels(final JsonNode levels) {
        final StringBuilder out = new StringBuilder();
        for (final JsonNode level : levels) {
            out.append(level.get(0).asText()).append('@').append(level.get(1).asText()).append(' ');
        }
        return out.toString();
    }

    int depth() {
        return bids.size() + asks.size();
    }
}
