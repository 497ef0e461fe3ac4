package io.tidemark.engine.core;

/**
 * The price levels of one side of a book, in priority order: a price ladder indexed by tick over a
 * window of ticks around the touch, and a sorted overflow for the few levels far behind it.
 *
 * <p>Everything is in terms of a priority key, the price for highest-first sides and its negation for
 * lowest-first ones, so "better" is always "higher key". The window covers the keys
 * {@code [base, base + width)}; a key's slot is {@code key & (width - 1)}, a ring, so sliding the window
 * moves only the levels that leave or enter it. A bitmap marks the slots holding a level, so finding the
 * next level behind one is a scan of 64-bit words ({@link Long#numberOfLeadingZeros}) and the best level
 * is cached. Finding or creating a level at a price in the window is one array access; the old sorted
 * array needed a binary search and, to create a level, a shift.
 *
 * <p>The overflow holds only levels worse than every key the window covers (invariant), sorted with the
 * best at the end, so the best level is always in the window unless the window is empty, and then the
 * overflow is empty too: when the window's last level goes, the window moves onto the overflow's best
 * and takes in every overflow level it now covers. A level better than the window moves the window up
 * (levels leaving at its deep end go to the overflow); a level behind the window joins the overflow,
 * unless the window can move down to cover it and still hold the best level.
 *
 * <p>An emptied level goes back to the pool at once. The same structure orders stop orders by trigger
 * price. Owned by the engine thread; allocates only when the overflow grows.
 */
final class BookSide {
    /** Window width of the resting sides, in ticks. */
    static final int RESTING_WINDOW = 16_384;
    /** Window width of the stop sides, in ticks: stops are few. */
    static final int STOP_WINDOW = 4_096;
    private static final long NONE = Long.MIN_VALUE;

    private final boolean highestFirst;
    private final Pools pools;
    private final int width;
    private final long mask;
    /** Room kept above the best key when the window is placed: the touch may improve that far in place. */
    private final long headroom;
    private final PriceLevel[] ladder;
    private final long[] occupied;
    private long base;
    private int windowLevels;
    /** Key of the best level, valid while {@code windowLevels > 0}. */
    private long bestKey = NONE;

    /** Overflow keys ascending (the best at the end) and their levels. */
    private long[] overflowKeys = new long[16];
    private PriceLevel[] overflowLevels = new PriceLevel[16];
    private int overflowCount;

    /**
     * @param highestFirst true when the highest price has priority (bids, sell stops), false when the
     *                     lowest does (asks, buy stops)
     */
    BookSide(final boolean highestFirst, final Pools pools) {
        this(highestFirst, pools, RESTING_WINDOW);
    }

    /** @param width window width in ticks, a power of two of at least 64 */
    BookSide(final boolean highestFirst, final Pools pools, final int width) {
        if (width < 64 || Integer.bitCount(width) != 1) {
            throw new IllegalArgumentException("window width must be a power of two >= 64: " + width);
        }
        this.highestFirst = highestFirst;
        this.pools = pools;
        this.width = width;
        this.mask = width - 1;
        this.headroom = width / 4;
        this.ladder = new PriceLevel[width];
        this.occupied = new long[width / 64];
    }

    /** Levels holding orders. */
    int levelCount() {
        return windowLevels + overflowCount;
    }

    boolean isEmpty() {
        return windowLevels == 0;
    }

    /** The level with priority, or {@code null} when the side is empty. */
    PriceLevel best() {
        return windowLevels == 0 ? null : ladder[(int) (bestKey & mask)];
    }

    /** The level right behind {@code level} (which is on this side) in priority order, or {@code null}. */
    PriceLevel next(final PriceLevel level) {
        final long key = key(level.price);
        if (inWindow(key)) {
            final long below = highestBelow(key);
            if (below != NONE) {
                return ladder[(int) (below & mask)];
            }
            return overflowCount == 0 ? null : overflowLevels[overflowCount - 1];
        }
        final int at = overflowIndex(key);
        return at > 0 ? overflowLevels[at - 1] : null;
    }

    /** The level with the least priority, or {@code null} when the side is empty. */
    PriceLevel worst() {
        if (overflowCount > 0) {
            return overflowLevels[0];
        }
        if (windowLevels == 0) {
            return null;
        }
        return ladder[(int) (lowestAbove(base - 1) & mask)];
    }

    /** The level right ahead of {@code level} (which is on this side) in priority order, or {@code null}. */
    PriceLevel previous(final PriceLevel level) {
        final long key = key(level.price);
        if (!inWindow(key)) {
            final int at = overflowIndex(key);
            if (at + 1 < overflowCount) {
                return overflowLevels[at + 1];
            }
            return ladder[(int) (lowestAbove(base - 1) & mask)];
        }
        final long above = lowestAbove(key);
        return above == NONE ? null : ladder[(int) (above & mask)];
    }

    PriceLevel find(final long price) {
        final long key = key(price);
        if (inWindow(key)) {
            return ladder[(int) (key & mask)];
        }
        final int at = overflowIndex(key);
        return at >= 0 ? overflowLevels[at] : null;
    }

    /** The level at {@code price}, created (empty) if there is none; the caller appends to it. */
    PriceLevel findOrCreate(final long price) {
        final long key = key(price);
        if (windowLevels == 0) {
            // the overflow is empty too: place the window around the new best
            base = key - (width - headroom);
        } else if (key >= base + width) {
            slideUp(key - (width - headroom));
        } else if (key < base) {
            final int at = overflowIndex(key);
            if (at >= 0) {
                return overflowLevels[at];
            }
            final long lowest = bestKey - (width - headroom);
            if (key < lowest) {
                return overflowInsert(-at - 1, key, price);
            }
            slideDown(lowest);
        }
        final int slot = (int) (key & mask);
        final PriceLevel existing = ladder[slot];
        if (existing != null) {
            return existing;
        }
        final PriceLevel level = pools.acquireLevel(price);
        ladder[slot] = level;
        occupied[slot >>> 6] |= 1L << slot;
        if (windowLevels++ == 0 || key > bestKey) {
            bestKey = key;
        }
        return level;
    }

    /** Called when {@code level} has just become empty: it leaves the side and goes back to the pool. */
    void levelEmptied(final PriceLevel level) {
        final long key = key(level.price);
        if (inWindow(key)) {
            final int slot = (int) (key & mask);
            ladder[slot] = null;
            occupied[slot >>> 6] &= ~(1L << slot);
            windowLevels--;
            if (key == bestKey) {
                bestKey = windowLevels == 0 ? NONE : highestBelow(key);
                if (windowLevels == 0 && overflowCount > 0) {
                    // the window moves onto what is left, all of it behind
                    final long top = overflowKeys[overflowCount - 1];
                    base = top - (width - headroom);
                    pullFromOverflow();
                }
            }
        } else {
            final int at = overflowIndex(key);
            System.arraycopy(overflowKeys, at + 1, overflowKeys, at, overflowCount - at - 1);
            System.arraycopy(overflowLevels, at + 1, overflowLevels, at, overflowCount - at - 1);
            overflowLevels[--overflowCount] = null;
        }
        pools.releaseLevel(level);
    }

    private boolean inWindow(final long key) {
        return key >= base && key < base + width;
    }

    private long key(final long price) {
        return highestFirst ? price : -price;
    }

    /** The window moves up to start at {@code newBase}: levels it no longer covers go to the overflow. */
    private void slideUp(final long newBase) {
        final long end = Math.min(newBase, base + width);
        // ascending keys, each better than everything in the overflow: appended at its best end
        for (long key = lowestAbove(base - 1); key != NONE && key < end; key = lowestAbove(key)) {
            final int slot = (int) (key & mask);
            overflowAppend(key, ladder[slot]);
            ladder[slot] = null;
            occupied[slot >>> 6] &= ~(1L << slot);
            windowLevels--;
        }
        base = newBase;
        if (windowLevels == 0) {
            bestKey = NONE;
        }
    }

    /** The window moves down to start at {@code newBase} (no level above it is lost) and takes in overflow levels. */
    private void slideDown(final long newBase) {
        base = newBase;
        pullFromOverflow();
    }

    /** Moves the overflow's levels that the window now covers into it (they are at the overflow's best end). */
    private void pullFromOverflow() {
        while (overflowCount > 0 && overflowKeys[overflowCount - 1] >= base) {
            final long key = overflowKeys[--overflowCount];
            final PriceLevel level = overflowLevels[overflowCount];
            overflowLevels[overflowCount] = null;
            final int slot = (int) (key & mask);
            ladder[slot] = level;
            occupied[slot >>> 6] |= 1L << slot;
            if (windowLevels++ == 0 || key > bestKey) {
                bestKey = key;
            }
        }
    }

    /**
     * The highest key in the window below {@code key} holding a level, or {@link #NONE}. Scans the bitmap
     * downwards from {@code key - 1} around the ring for at most the keys between it and the window's base.
     */
    private long highestBelow(final long key) {
        final long candidates = key - base;
        if (candidates <= 0) {
            return NONE;
        }
        final int start = (int) ((key - 1) & mask);
        int word = start >>> 6;
        long bits = occupied[word] & (-1L >>> (63 - (start & 63)));
        long scanned = (start & 63) + 1;
        while (true) {
            if (bits != 0) {
                final int found = (word << 6) | (63 - Long.numberOfLeadingZeros(bits));
                final long distance = (start - found) & mask;
                return distance < candidates ? key - 1 - distance : NONE;
            }
            if (scanned >= candidates) {
                return NONE;
            }
            word = (word - 1) & (occupied.length - 1);
            bits = occupied[word];
            scanned += 64;
        }
    }

    /** The lowest key in the window above {@code key} holding a level, or {@link #NONE}. */
    private long lowestAbove(final long key) {
        final long candidates = base + width - 1 - key;
        if (candidates <= 0) {
            return NONE;
        }
        final int start = (int) ((key + 1) & mask);
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << (start & 63));
        long scanned = 64 - (start & 63);
        while (true) {
            if (bits != 0) {
                final int found = (word << 6) | Long.numberOfTrailingZeros(bits);
                final long distance = (found - start) & mask;
                return distance < candidates ? key + 1 + distance : NONE;
            }
            if (scanned >= candidates) {
                return NONE;
            }
            word = (word + 1) & (occupied.length - 1);
            bits = occupied[word];
            scanned += 64;
        }
    }

    /** Index of {@code key} in the overflow, or {@code -(insertion point) - 1}. */
    private int overflowIndex(final long key) {
        int low = 0;
        int high = overflowCount - 1;
        while (low <= high) {
            final int mid = (low + high) >>> 1;
            final long k = overflowKeys[mid];
            if (k < key) {
                low = mid + 1;
            } else if (k > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -low - 1;
    }

    private PriceLevel overflowInsert(final int at, final long key, final long price) {
        growOverflow();
        System.arraycopy(overflowKeys, at, overflowKeys, at + 1, overflowCount - at);
        System.arraycopy(overflowLevels, at, overflowLevels, at + 1, overflowCount - at);
        final PriceLevel level = pools.acquireLevel(price);
        overflowKeys[at] = key;
        overflowLevels[at] = level;
        overflowCount++;
        return level;
    }

    private void overflowAppend(final long key, final PriceLevel level) {
        growOverflow();
        overflowKeys[overflowCount] = key;
        overflowLevels[overflowCount++] = level;
    }

    private void growOverflow() {
        if (overflowCount == overflowKeys.length) {
            overflowKeys = java.util.Arrays.copyOf(overflowKeys, overflowCount * 2);
            overflowLevels = java.util.Arrays.copyOf(overflowLevels, overflowCount * 2);
        }
    }
}
