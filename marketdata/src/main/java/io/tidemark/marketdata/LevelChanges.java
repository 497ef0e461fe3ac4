package io.tidemark.marketdata;

import java.util.Arrays;

/**
 * The prices of one book side touched during the current command, each once, with the size the
 * level had when the command began. At the end of the command these are compared with the book to
 * find the levels that really changed, so a level the command touched several times is published
 * once with its final size, and one that ended where it started is not published at all.
 *
 * <p>An open-addressing set whose slots are valid only when stamped with the current generation:
 * clearing after a command is a counter increment, not a sweep of a table that once grew large.
 * Not thread safe.
 */
final class LevelChanges {
    private static final long PHI = 0x9E3779B97F4A7C15L;

    private long[] table = new long[64];
    private int[] stamps = new int[64];
    private int shift = 64 - 6;
    private int stamp = 1;
    private long[] prices = new long[32];
    private long[] sizesBefore = new long[32];
    private int count;

    /** Records {@code price} with its size before the command, unless it was already recorded. */
    void record(final long price, final long sizeBefore) {
        int slot = slot(price);
        final int mask = table.length - 1;
        while (stamps[slot] == stamp) {
            if (table[slot] == price) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        stamps[slot] = stamp;
        table[slot] = price;
        if (count == prices.length) {
            prices = Arrays.copyOf(prices, count * 2);
            sizesBefore = Arrays.copyOf(sizesBefore, count * 2);
        }
        prices[count] = price;
        sizesBefore[count] = sizeBefore;
        count++;
        if (count * 2 > table.length) {
            rehash();
        }
    }

    int count() {
        return count;
    }

    long price(final int i) {
        return prices[i];
    }

    long sizeBefore(final int i) {
        return sizesBefore[i];
    }

    void clear() {
        if (count == 0) {
            return;
        }
        count = 0;
        if (++stamp == 0) {
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
    }

    private int slot(final long price) {
        return (int) ((price * PHI) >>> shift);
    }

    private void rehash() {
        table = new long[table.length * 2];
        stamps = new int[stamps.length * 2];
        shift--;
        final int mask = table.length - 1;
        for (int i = 0; i < count; i++) {
            int slot = slot(prices[i]);
            while (stamps[slot] == stamp) {
                slot = (slot + 1) & mask;
            }
            stamps[slot] = stamp;
            table[slot] = prices[i];
        }
    }
}
