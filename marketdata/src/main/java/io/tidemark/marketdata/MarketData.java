package io.tidemark.marketdata;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.node.pipeline.ReadModel;

import java.util.zip.CRC32C;

/**
 * The public market data of every pair, built only from engine events (never by reading the
 * engine's book): the L2 book with its version {@code seq} and checksum, the recent trades, the
 * 24 h ticker and OHLCV candles at every {@link Interval}. Fed and snapshotted as a
 * {@link ReadModel}, so recovery restores it from the snapshot and replays the journal into it:
 * afterwards it is exactly what it was, and {@code seq} numbering and candles continue.
 *
 * <p><b>One published change per command and pair.</b> All level events of one command for one
 * pair are coalesced: at the command's end, if any level of the pair's book is left at a size other
 * than the one it began with, the pair's {@code seq} goes up by exactly one and one {@link BookDelta}
 * is published holding each such level once, with its final size. Level events that net to nothing
 * (a level added and taken within the command, or only its order count changed) publish nothing.
 *
 * <p><b>Time is command time.</b> The 24 h window and candle alignment use the latest command
 * timestamp seen (which never goes backwards), never a clock, so a replay gives the same values.
 * A consequence: the window slides only as commands arrive.
 *
 * <p><b>Retention.</b> The last {@value #DEFAULT_TRADES_PER_PAIR} trades per pair and the last
 * {@value #DEFAULT_CANDLES_PER_INTERVAL} candles per pair and interval by default; the book is
 * complete (every level); the 24 h window holds at most 1,440 minute buckets per pair.
 *
 * <p><b>Threading.</b> Not thread safe: owned by the view stage. Query only on the view thread
 * (from a reply handler's {@code onViews}); objects handed out are live views valid during the call
 * only. Updating is allocation-free in steady state (buffers grow to the largest book and command
 * seen, then are reused).
 */
public final class MarketData implements ReadModel {
    public static final int DEFAULT_TRADES_PER_PAIR = 1_000;
    public static final int DEFAULT_CANDLES_PER_INTERVAL = 1_000;
    /** Levels per side covered by {@link #checksum}. */
    public static final int CHECKSUM_DEPTH = BookChecksum.DEPTH;

    private static final int MAGIC = 0x444D4D54; // "TMMD"
    private static final int VERSION = 1;

    /** The effective configuration; grows with listings, as do the pairs. */
    private ExchangeConfig config;
    private PairData[] pairs;
    private final int tradesPerPair;
    private final int candlesPerInterval;
    private final BookChecksum checksum = new BookChecksum();
    private final Trade tradeView = new Trade();
    private final Candle candleView = new Candle();
    private final BookDelta delta = new BookDelta();
    private final CommandTrades commandTrades = new CommandTrades();
    /** Pairs the current command touched (each once; sorted by market id at its end). */
    private int[] touched;
    private int touchedCount;
    /** Latest command time seen, epoch ns; 0 before the first command. */
    private long now;
    /** The epoch minute the 24 h windows were last slid to. */
    private long windowMinute = Long.MIN_VALUE;
    private MarketDataListener listener;

    /** Receives price levels best first: price in ticks, total size in lots, number of orders. */
    @FunctionalInterface
    public interface LevelSink {
        void level(long price, long size, int orderCount);
    }

    /** Receives trades newest first. */
    @FunctionalInterface
    public interface TradeSink {
        void accept(Trade trade);
    }

    /** Receives candles newest first. */
    @FunctionalInterface
    public interface CandleSink {
        void accept(Candle candle);
    }

    public MarketData(final ExchangeConfig config) {
        this(config, DEFAULT_TRADES_PER_PAIR, DEFAULT_CANDLES_PER_INTERVAL);
    }

    /** With the number of trades kept per pair and candles kept per pair and interval (each ≥ 1). */
    public MarketData(final ExchangeConfig config, final int tradesPerPair, final int candlesPerInterval) {
        this.config = config;
        this.tradesPerPair = tradesPerPair;
        this.candlesPerInterval = candlesPerInterval;
        this.pairs = new PairData[config.markets().size()];
        for (final Market market : config.markets()) {
            pairs[market.id()] = new PairData(market, tradesPerPair, candlesPerInterval);
        }
        this.touched = new int[pairs.length];
    }

    /**
     * Sets (or with null, removes) the listener told about each command's changes. Set it on the view
     * thread, or before the model is fed at all (e.g. in the factory given to the node, in which case
     * it also hears the commands replayed at recovery).
     */
    public MarketData listener(final MarketDataListener value) {
        listener = value;
        return this;
    }

    public ExchangeConfig config() {
        return config;
    }

    /** The latest command time seen, epoch nanoseconds (0 before any): the "now" of the 24 h window. */
    public long now() {
        return now;
    }

    // ------------------------------------------------------------------------------------------ queries

    public MarketStatus status(final int marketId) {
        return pairs[marketId].status;
    }

    /** The pair's book version: 0 for a book that never changed, then one more per published change. */
    public long bookSeq(final int marketId) {
        return pairs[marketId].seq;
    }

    /** Number of price levels on one side: {@link Side#BUY} for bids, {@link Side#SELL} for asks. */
    public int bookDepth(final int marketId, final Side side) {
        return pairs[marketId].book.side(side).depth();
    }

    /** Gives the best {@code depth} levels of one side, best first; returns how many were given. */
    public int levels(final int marketId, final Side side, final int depth, final LevelSink sink) {
        final L2Side levels = pairs[marketId].book.side(side);
        final int given = Math.min(Math.max(depth, 0), levels.depth());
        for (int rank = 0; rank < given; rank++) {
            sink.level(levels.price(rank), levels.size(rank), levels.orderCount(rank));
        }
        return given;
    }

    /**
     * The book checksum of the API contract: CRC32 (unsigned) of the top {@value #CHECKSUM_DEPTH}
     * levels, for each rank 1..25 {@code bid_price:bid_size:ask_price:ask_size} joined with {@code :},
     * a side without a level at that rank skipped, prices and sizes as the API formats them
     * ({@code Market.formatPrice} / {@code formatSize}). The empty book gives 0.
     */
    public long checksum(final int marketId) {
        final PairData pair = pairs[marketId];
        return pair.book.checksum(checksum, pair.market);
    }

    /**
     * Gives the pair's retained trades with ids below {@code beforeTradeId} (0 for no cursor), newest
     * first, at most {@code limit}; returns how many were given.
     */
    public int trades(final int marketId, final long beforeTradeId, final int limit, final TradeSink sink) {
        return trades(marketId, beforeTradeId, 0, Long.MAX_VALUE, limit, sink);
    }

    /** Trades as above, bounded by time: from {@code fromTime} to {@code toTime} inclusive (epoch ns). */
    public int trades(final int marketId, final long beforeTradeId, final long fromTime, final long toTime,
                      final int limit, final TradeSink sink) {
        return pairs[marketId].tape.newestFirst(marketId, beforeTradeId, fromTime, toTime, limit, tradeView, sink);
    }

    /** The pair's ticker: a live view, read it on the view thread only. */
    public Ticker ticker(final int marketId) {
        return pairs[marketId].ticker;
    }

    /**
     * Gives the pair's retained candles of one interval that start before {@code beforeStart} (epoch
     * ns, 0 for no cursor), newest first (the newest may still be forming), at most {@code limit};
     * returns how many were given. Intervals without trades have no candle.
     */
    public int candles(final int marketId, final Interval interval, final long beforeStart, final int limit,
                       final CandleSink sink) {
        return candles(marketId, interval, beforeStart, 0, limit, sink);
    }

    /** Candles as above that also start at or after {@code fromStart} (epoch ns). */
    public int candles(final int marketId, final Interval interval, final long beforeStart, final long fromStart,
                       final int limit, final CandleSink sink) {
        return pairs[marketId].candles[interval.code()].newestFirst(marketId, beforeStart, fromStart, limit,
            candleView, sink);
    }

    // ------------------------------------------------------------------------------------------ events

    private PairData touch(final int marketId, final long timestamp) {
        now = Math.max(now, timestamp);
        final PairData pair = pairs[marketId];
        if (!pair.touched) {
            pair.touch();
            touched[touchedCount++] = marketId;
        }
        return pair;
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
        touch(marketId, timestamp).levelChanged(side, price, totalSize, orderCount);
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        final PairData pair = touch(marketId, timestamp);
        pair.trade(now, tradeId, price, size, takerSide);
        if (listener != null) {
            commandTrades.add(marketId, tradeId, price, size, takerSide, now);
        }
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
        pairs[marketId].status = status;
    }

    /**
     * Ends the command: slides every 24 h window when the minute moved on, moves each changed book's
     * {@code seq} on by one, then tells the listener. State is complete before the listener runs.
     */
    @Override
    public void onCommandComplete(final Command command) {
        if (command.type == CommandType.LIST_ASSET || command.type == CommandType.LIST_MARKET) {
            listed(Listing.apply(config, command));
        }
        now = Math.max(now, command.timestamp);
        final long minute = Math.floorDiv(now, RollingWindow.MINUTE_NANOS);
        if (minute != windowMinute) {
            windowMinute = minute;
            for (final PairData pair : pairs) {
                pair.window.expire(minute);
            }
        }
        if (touchedCount == 0) {
            return;
        }
        sortTouched();
        // state first, for every pair, so that a listener that throws cannot leave a seq behind
        for (int i = 0; i < touchedCount; i++) {
            pairs[touched[i]].closeBookChange();
        }
        try {
            if (listener != null) {
                for (int i = 0; i < touchedCount; i++) {
                    publish(pairs[touched[i]]);
                }
            }
        } finally {
            for (int i = 0; i < touchedCount; i++) {
                pairs[touched[i]].endCommand();
            }
            touchedCount = 0;
            commandTrades.clear();
        }
    }

    private void publish(final PairData pair) {
        if (pair.traded) {
            commandTrades.publish(pair.marketId, tradeView, listener);
        }
        if (pair.bookChanged) {
            pair.fillDelta(delta, checksum);
            listener.onBookDelta(delta);
        }
        if (pair.traded || pair.topChanged()) {
            listener.onTicker(pair.ticker);
        }
        if (pair.traded) {
            for (final CandleSeries series : pair.candles) {
                listener.onCandle(series.newest(pair.marketId, candleView));
            }
        }
    }

    /** Ascending market id; a command touches one pair, or a few in a cancel-all, so insertion sort. */
    private void sortTouched() {
        for (int i = 1; i < touchedCount; i++) {
            final int id = touched[i];
            int j = i - 1;
            while (j >= 0 && touched[j] > id) {
                touched[j + 1] = touched[j];
                j--;
            }
            touched[j + 1] = id;
        }
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
    }

    // ------------------------------------------------------------------------------------------ snapshot

    @Override
    public String name() {
        return "marketdata";
    }

    /**
     * Writes the command time and, per pair: status, seq, last trade, both sides of the book, the
     * tape, the 24 h buckets and the candles. Checksums, running sums and high/low queues are derived
     * on restore. Taken between commands, so there is no per-command state to write.
     */
    @Override
    public void writeSnapshot(final SnapshotOutput out) {
        out.putHeader(MAGIC, VERSION, config.fingerprint()).putLong(now).putInt(pairs.length);
        for (final PairData pair : pairs) {
            pair.write(out);
        }
    }

    /** Restores this (never fed) model from a snapshot. */
    @Override
    public void readSnapshot(final SnapshotInput in) {
        in.expectHeader(MAGIC, VERSION, config.fingerprint(), "market-data");
        if (now != 0) {
            throw new IllegalStateException("restore into a new market-data model only");
        }
        now = in.getLong();
        windowMinute = now == 0 ? Long.MIN_VALUE : Math.floorDiv(now, RollingWindow.MINUTE_NANOS);
        if (in.getInt() != pairs.length) {
            throw new SnapshotFormatException("market-data snapshot has a different number of pairs");
        }
        for (final PairData pair : pairs) {
            pair.read(in);
        }
        if (in.remaining() != 0) {
            throw new SnapshotFormatException(in.remaining() + " unexpected bytes after the market data");
        }
    }

    /** A listed market gets an empty book, tape and candles, and the listener hears of it. */
    @Override
    public void listed(final ExchangeConfig effective) {
        final int known = pairs.length;
        pairs = java.util.Arrays.copyOf(pairs, effective.markets().size());
        for (int id = known; id < pairs.length; id++) {
            pairs[id] = new PairData(effective.market(id), tradesPerPair, candlesPerInterval);
        }
        touched = java.util.Arrays.copyOf(touched, pairs.length);
        config = effective;
        if (listener != null) {
            listener.onListed(effective);
        }
    }

    /** A digest of everything the model holds, to prove a restore or rebuild equal. Not for the hot path. */
    public long stateHash() {
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        writeSnapshot(out);
        final byte[] bytes = out.toByteArray();
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        return ((long) bytes.length << 32) ^ crc.getValue();
    }
}
