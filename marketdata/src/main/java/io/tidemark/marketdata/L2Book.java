package io.tidemark.marketdata;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;

/**
 * One pair's aggregated book, both sides, plus its checksum, which is recomputed only when a change
 * reached the top {@link BookChecksum#DEPTH} levels of a side: changes deeper in the book (the
 * common case for a deep book) leave the checksum as it was and cost nothing.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class L2Book {
    private final L2Side bids = new L2Side(true);
    private final L2Side asks = new L2Side(false);
    private long checksum;
    private boolean checksumStale = true;

    L2Side bids() {
        return bids;
    }

    L2Side asks() {
        return asks;
    }

    /** Bids for {@link Side#BUY}, asks for {@link Side#SELL}: the side the resting orders are on. */
    L2Side side(final Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** Applies a level's new total (0 removes it); returns the size it had before. */
    long set(final Side side, final long price, final long size, final int orderCount) {
        final L2Side levels = side(side);
        final long before = levels.set(price, size, orderCount);
        if (levels.lastRank() < BookChecksum.DEPTH) {
            checksumStale = true;
        }
        return before;
    }

    long checksum(final BookChecksum calculator, final Market market) {
        if (checksumStale) {
            checksum = calculator.compute(this, market);
            checksumStale = false;
        }
        return checksum;
    }
}
