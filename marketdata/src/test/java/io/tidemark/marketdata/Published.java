package io.tidemark.marketdata;

import io.tidemark.engine.api.Side;

import java.util.ArrayList;
import java.util.List;

/** Test helper: what a {@link MarketDataListener} was told, copied out of the reusable views. */
interface Published {
    int marketId();

    record PublishedTrade(int marketId, long tradeId, long price, long size, Side takerSide, long time)
        implements Published {
    }

    record Level(long price, long size) {
    }

    record PublishedDelta(int marketId, long prevSeq, long seq, long checksum, List<Level> bids, List<Level> asks)
        implements Published {
    }

    record PublishedTicker(int marketId, String fields) implements Published {
    }

    record PublishedCandle(int marketId, Interval interval, long start, long open, long high, long low, long close,
                           long volume, long quoteVolume, long tradeCount) implements Published {
    }

    static PublishedCandle of(final Candle c) {
        return new PublishedCandle(c.marketId(), c.interval(), c.start(), c.open(), c.high(), c.low(), c.close(),
            c.volume(), c.quoteVolume(), c.tradeCount());
    }

    static PublishedTrade of(final Trade t) {
        return new PublishedTrade(t.marketId(), t.tradeId(), t.price(), t.size(), t.takerSide(), t.time());
    }

    static PublishedDelta of(final BookDelta d) {
        return new PublishedDelta(d.marketId(), d.prevSeq(), d.seq(), d.checksum(), levels(d, Side.BUY),
            levels(d, Side.SELL));
    }

    private static List<Level> levels(final BookDelta d, final Side side) {
        final List<Level> levels = new ArrayList<>();
        for (int i = 0; i < d.levelCount(side); i++) {
            levels.add(new Level(d.price(side, i), d.size(side, i)));
        }
        return levels;
    }

    /** Every field of a ticker, including the derived ones, as text. */
    static String fields(final Ticker t) {
        final StringBuilder sb = new StringBuilder();
        sb.append(t.marketId()).append(" last=");
        if (t.hasLastTrade()) {
            sb.append(t.lastTradeId()).append('/').append(t.lastPrice()).append('x').append(t.lastSize()).append('/')
                .append(t.lastTakerSide()).append('@').append(t.lastTime());
        } else {
            sb.append("none");
        }
        sb.append(" bid=").append(t.hasBestBid() ? t.bestBid() + "x" + t.bestBidSize() : "none");
        sb.append(" ask=").append(t.hasBestAsk() ? t.bestAsk() + "x" + t.bestAskSize() : "none");
        if (t.hasTrades24h()) {
            sb.append(" o=").append(t.open24h()).append(" h=").append(t.high24h()).append(" l=").append(t.low24h())
                .append(" chg=").append(t.change24h()).append(" pct=").append(t.changePct24h()).append(" v=")
                .append(t.volume24h()).append(" qv=").append(t.quoteVolume24h()).append(" n=")
                .append(t.tradeCount24h());
        } else {
            sb.append(" no-24h");
        }
        sb.append(" cap=");
        if (t.hasMarketCap()) {
            t.appendMarketCap(sb);
        } else {
            sb.append("none");
        }
        return sb.toString();
    }

    /** Records every callback, in order. */
    final class Recorder implements MarketDataListener {
        final List<Published> messages = new ArrayList<>();

        @Override
        public void onTrade(final Trade trade) {
            messages.add(of(trade));
        }

        @Override
        public void onBookDelta(final BookDelta delta) {
            messages.add(of(delta));
        }

        @Override
        public void onTicker(final Ticker ticker) {
            messages.add(new PublishedTicker(ticker.marketId(), fields(ticker)));
        }

        @Override
        public void onCandle(final Candle candle) {
            messages.add(of(candle));
        }

        <T extends Published> List<T> ofType(final Class<T> type) {
            return messages.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** Everything the public queries of a model show, as text: equal texts, equal visible state. */
    static String describe(final MarketData md) {
        final StringBuilder sb = new StringBuilder();
        sb.append("now=").append(md.now()).append('\n');
        for (int m = 0; m < md.config().markets().size(); m++) {
            sb.append("market ").append(m).append(' ').append(md.status(m)).append(" seq=").append(md.bookSeq(m))
                .append(" checksum=").append(md.checksum(m)).append('\n');
            for (final Side side : Side.values()) {
                sb.append(side).append(':');
                md.levels(m, side, Integer.MAX_VALUE, (p, s, n) -> sb.append(' ').append(p).append('x').append(s)
                    .append('/').append(n));
                sb.append('\n');
            }
            sb.append(fields(md.ticker(m))).append('\n');
            md.trades(m, 0, Integer.MAX_VALUE, t -> sb.append(of(t)).append('\n'));
            for (final Interval interval : Interval.values()) {
                md.candles(m, interval, 0, Integer.MAX_VALUE, c -> sb.append(of(c)).append('\n'));
            }
        }
        return sb.toString();
    }
}
