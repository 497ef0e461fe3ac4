package io.tidemark.marketdata;

import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * Everything public about one pair, and what the current command did to it: the L2 book and its
 * version, the trades tape, the last trade, the 24 h window and the candles of every interval.
 * {@link MarketData} routes each event to its pair and ends each command here.
 *
 * <p>Not thread safe: owned by the view thread.
 */
final class PairData {
    private static final Interval[] INTERVALS = Interval.values();

    final int marketId;
    final Market market;
    final L2Book book = new L2Book();
    final TradeTape tape;
    final RollingWindow window = new RollingWindow();
    /** Indexed by {@link Interval#code()}, so the snapshot writes and reads the series in code order. */
    final CandleSeries[] candles = new CandleSeries[INTERVALS.length];
    final Ticker ticker = new Ticker(this);
    MarketStatus status;
    /** The book version: one more per command that changed a level's size. */
    long seq;

    boolean hasLastTrade;
    long lastTradeId;
    long lastPrice;
    long lastSize;
    Side lastTakerSide;
    long lastTime;

    // what the current command did; reset by endCommand
    private final LevelChanges bidChanges = new LevelChanges();
    private final LevelChanges askChanges = new LevelChanges();
    boolean touched;
    boolean traded;
    /** Set by {@link #closeBookChange}: the command changed the book, and seq moved on. */
    boolean bookChanged;
    private long bidBefore;
    private long bidSizeBefore;
    private long askBefore;
    private long askSizeBefore;

    PairData(final Market market, final int tradesRetained, final int candlesRetained) {
        this.marketId = market.id();
        this.market = market;
        this.status = market.initialStatus();
        this.tape = new TradeTape(tradesRetained);
        for (final Interval interval : INTERVALS) {
            candles[interval.code()] = new CandleSeries(interval, candlesRetained);
        }
    }

    /** First event of this pair in the current command: remembers the top of book it started with. */
    void touch() {
        touched = true;
        bidBefore = book.bids().depth() > 0 ? book.bids().price(0) : 0;
        bidSizeBefore = book.bids().depth() > 0 ? book.bids().size(0) : 0;
        askBefore = book.asks().depth() > 0 ? book.asks().price(0) : 0;
        askSizeBefore = book.asks().depth() > 0 ? book.asks().size(0) : 0;
    }

    void levelChanged(final Side side, final long price, final long size, final int orderCount) {
        final long before = book.set(side, price, size, orderCount);
        (side == Side.BUY ? bidChanges : askChanges).record(price, before);
    }

    void trade(final long time, final long tradeId, final long price, final long size, final Side takerSide) {
        traded = true;
        hasLastTrade = true;
        lastTradeId = tradeId;
        lastPrice = price;
        lastSize = size;
        lastTakerSide = takerSide;
        lastTime = time;
        final long quote = market.notional(price, size);
        tape.append(tradeId, price, size, takerSide, time);
        window.trade(time, price, size, quote);
        for (final CandleSeries series : candles) {
            series.trade(time, price, size, quote);
        }
    }

    /**
     * At the end of the command: when it left some level at a size other than the one it began with,
     * the book has one more published change, so seq moves on by exactly one.
     */
    void closeBookChange() {
        bookChanged = anyChanged(bidChanges, book.bids()) || anyChanged(askChanges, book.asks());
        if (bookChanged) {
            seq++;
        }
    }

    private static boolean anyChanged(final LevelChanges changes, final L2Side side) {
        for (int i = 0; i < changes.count(); i++) {
            if (side.sizeAt(changes.price(i)) != changes.sizeBefore(i)) {
                return true;
            }
        }
        return false;
    }

    /** Fills {@code delta} with this command's net level changes; after {@link #closeBookChange}. */
    void fillDelta(final BookDelta delta, final BookChecksum checksum) {
        delta.start(marketId, seq);
        addChanged(delta, Side.BUY, bidChanges, book.bids());
        addChanged(delta, Side.SELL, askChanges, book.asks());
        delta.complete(book, checksum, market);
    }

    private static void addChanged(final BookDelta delta, final Side side, final LevelChanges changes,
                                   final L2Side levels) {
        for (int i = 0; i < changes.count(); i++) {
            final long price = changes.price(i);
            if (levels.sizeAt(price) != changes.sizeBefore(i)) {
                delta.addChanged(side, price);
            }
        }
    }

    /** True when the best bid or ask moved or its size changed in this command. */
    boolean topChanged() {
        final L2Side bids = book.bids();
        final L2Side asks = book.asks();
        return (bids.depth() > 0 ? bids.price(0) : 0) != bidBefore || (bids.depth() > 0 ? bids.size(0) : 0) != bidSizeBefore
            || (asks.depth() > 0 ? asks.price(0) : 0) != askBefore || (asks.depth() > 0 ? asks.size(0) : 0) != askSizeBefore;
    }

    void endCommand() {
        touched = false;
        traded = false;
        bookChanged = false;
        bidChanges.clear();
        askChanges.clear();
    }

    void write(final SnapshotOutput out) {
        out.putInt(marketId).putByte(status.code()).putLong(seq).putBoolean(hasLastTrade);
        if (hasLastTrade) {
            out.putLong(lastTradeId).putLong(lastPrice).putLong(lastSize).putByte(lastTakerSide.code()).putLong(lastTime);
        }
        book.bids().write(out);
        book.asks().write(out);
        tape.write(out);
        window.write(out);
        for (final CandleSeries series : candles) {
            series.write(out);
        }
    }

    /** Restores into this (empty) pair. */
    void read(final SnapshotInput in) {
        if (in.getInt() != marketId) {
            throw new SnapshotFormatException("market data for market " + marketId + " is out of place");
        }
        status = MarketStatus.fromCode(in.getByte());
        seq = in.getLong();
        hasLastTrade = in.getBoolean();
        if (hasLastTrade) {
            lastTradeId = in.getLong();
            lastPrice = in.getLong();
            lastSize = in.getLong();
            lastTakerSide = Side.fromCode(in.getByte());
            lastTime = in.getLong();
        }
        book.bids().read(in);
        book.asks().read(in);
        tape.read(in);
        window.read(in);
        for (final CandleSeries series : candles) {
            series.read(in);
        }
    }
}
