package io.tidemark.marketdata;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;

import java.util.Arrays;

/**
 * One published change of a pair's book: every level whose size one command changed, once, with
 * its final size in lots (0 = the level is gone), each side best first; {@link #seq()} is always
 * {@code prevSeq() + 1}, and {@link #checksum()} is the book's checksum after the change. A reusable
 * view: valid only during the callback that hands it out.
 */
public final class BookDelta {
    private int marketId;
    private long seq;
    private L2Book book;
    private BookChecksum calculator;
    private Market market;
    private final Levels bids = new Levels();
    private final Levels asks = new Levels();

    /** Prices, then sizes filled in from the book once the prices are in best-first order. */
    private static final class Levels {
        long[] prices = new long[32];
        long[] sizes = new long[32];
        int count;

        void add(final long price) {
            if (count == prices.length) {
                prices = Arrays.copyOf(prices, count * 2);
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            prices[count++] = price;
        }

        void complete(final L2Side side, final boolean descending) {
            Arrays.sort(prices, 0, count);
            if (descending) {
                for (int i = 0, j = count - 1; i < j; i++, j--) {
                    final long swap = prices[i];
                    prices[i] = prices[j];
                    prices[j] = swap;
                }
            }
            for (int i = 0; i < count; i++) {
                sizes[i] = side.sizeAt(prices[i]);
            }
        }
    }

    void start(final int market, final long newSeq) {
        marketId = market;
        seq = newSeq;
        bids.count = 0;
        asks.count = 0;
    }

    void addChanged(final Side side, final long price) {
        (side == Side.BUY ? bids : asks).add(price);
    }

    /** The checksum is computed when first asked for: with nobody subscribed to the book, never. */
    void complete(final L2Book pairBook, final BookChecksum checksum, final Market pairMarket) {
        bids.complete(pairBook.bids(), true);
        asks.complete(pairBook.asks(), false);
        book = pairBook;
        calculator = checksum;
        market = pairMarket;
    }

    public int marketId() {
        return marketId;
    }

    /** The book version before this change. */
    public long prevSeq() {
        return seq - 1;
    }

    /** The book version after this change. */
    public long seq() {
        return seq;
    }

    /** CRC32 of the top 25 levels after this change, as {@link MarketData#checksum} defines it. */
    public long checksum() {
        return book.checksum(calculator, market);
    }

    /** Changed levels of a side: {@link Side#BUY} for bids, {@link Side#SELL} for asks. */
    public int levelCount(final Side side) {
        return (side == Side.BUY ? bids : asks).count;
    }

    /** Price in ticks of the i-th changed level of a side, best first. */
    public long price(final Side side, final int i) {
        return (side == Side.BUY ? bids : asks).prices[i];
    }

    /** New size in lots of the i-th changed level of a side; 0 removes the level. */
    public long size(final Side side, final int i) {
        return (side == Side.BUY ? bids : asks).sizes[i];
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("BookDelta{market=").append(marketId).append(", seq=").append(seq)
            .append(", checksum=").append(checksum()).append(", bids=");
        append(sb, bids);
        sb.append(", asks=");
        append(sb, asks);
        return sb.append('}').toString();
    }

    private static void append(final StringBuilder sb, final Levels levels) {
        sb.append('[');
        for (int i = 0; i < levels.count; i++) {
            sb.append(i == 0 ? "" : " ").append(levels.prices[i]).append('x').append(levels.sizes[i]);
        }
        sb.append(']');
    }
}
