package io.tidemark.marketdata;

import io.tidemark.engine.api.Side;

/**
 * A pair's ticker, a live view of its market data: the last trade, the best bid and ask, and the
 * statistics of the 24 h window ({@link RollingWindow}: the 1,440 UTC minutes of command time
 * ending with the current one). Prices in ticks, sizes and volumes in lots, quote volume and market
 * cap in quote minor units. Each group has a presence test; a value read while absent is 0 and
 * should be sent as null. Read it on the view thread only, and do not keep it across commands.
 */
public final class Ticker {
    /** {@link #changePct24h()} is in units of 10^-4 percent: 25_000 is 2.5 %. */
    public static final int CHANGE_PCT_SCALE = TickerMath.CHANGE_PCT_SCALE;

    private final PairData pair;

    Ticker(final PairData pair) {
        this.pair = pair;
    }

    public int marketId() {
        return pair.marketId;
    }

    /** False until the pair's first trade; the last trade is kept however old it is. */
    public boolean hasLastTrade() {
        return pair.hasLastTrade;
    }

    public long lastTradeId() {
        return pair.lastTradeId;
    }

    public long lastPrice() {
        return pair.lastPrice;
    }

    public long lastSize() {
        return pair.lastSize;
    }

    public Side lastTakerSide() {
        return pair.lastTakerSide;
    }

    /** Time of the last trade, epoch nanoseconds. */
    public long lastTime() {
        return pair.lastTime;
    }

    public boolean hasBestBid() {
        return pair.book.bids().depth() > 0;
    }

    public long bestBid() {
        return hasBestBid() ? pair.book.bids().price(0) : 0;
    }

    public long bestBidSize() {
        return hasBestBid() ? pair.book.bids().size(0) : 0;
    }

    public boolean hasBestAsk() {
        return pair.book.asks().depth() > 0;
    }

    public long bestAsk() {
        return hasBestAsk() ? pair.book.asks().price(0) : 0;
    }

    public long bestAskSize() {
        return hasBestAsk() ? pair.book.asks().size(0) : 0;
    }

    /**
     * True when the 24 h window holds at least one trade. When false, open, high, low, change,
     * change_pct, volume and quote volume are all absent (null on the API).
     */
    public boolean hasTrades24h() {
        return pair.window.hasTrades();
    }

    /** Price of the first trade in the window. */
    public long open24h() {
        return hasTrades24h() ? pair.window.open() : 0;
    }

    public long high24h() {
        return hasTrades24h() ? pair.window.high() : 0;
    }

    public long low24h() {
        return hasTrades24h() ? pair.window.low() : 0;
    }

    /** last − open in ticks (negative for a fall; format with {@code Market.formatPrice}, which signs it). */
    public long change24h() {
        return hasTrades24h() ? pair.lastPrice - pair.window.open() : 0;
    }

    /**
     * (last − open) / open × 100 in units of 10^-{@value #CHANGE_PCT_SCALE} percent, rounded half
     * away from zero (format with {@code DecimalCodec.appendTo(out, value, CHANGE_PCT_SCALE)}:
     * −12_345 → "-1.2345", i.e. −1.2345 %). Saturates at Long.MAX_VALUE.
     */
    public long changePct24h() {
        return hasTrades24h() ? TickerMath.changePct(pair.window.open(), pair.lastPrice) : 0;
    }

    /** Base volume of the window in lots. */
    public long volume24h() {
        return pair.window.volume();
    }

    /**
     * Quote volume of the window in quote minor units: the sum of each trade's exact notional, exact
     * while it stays below 2^63 (9.2 × 10^12 USD at 6 decimals in 24 h).
     */
    public long quoteVolume24h() {
        return pair.window.quoteVolume();
    }

    public long tradeCount24h() {
        return pair.window.tradeCount();
    }

    /** True when the base asset has a configured circulating supply and the pair has traded. */
    public boolean hasMarketCap() {
        return pair.hasLastTrade && pair.market.base().circulatingSupplyUnits() >= 0;
    }

    /**
     * Appends circulating supply × last price as a decimal amount of the quote asset at its scale
     * (e.g. {@code "1247400000000.000000"} for 19.8 M BTC at 63000 USD), rounded down to the quote
     * asset's minor unit; exact however large. Only when {@link #hasMarketCap()}.
     */
    public StringBuilder appendMarketCap(final StringBuilder out) {
        if (!hasMarketCap()) {
            throw new IllegalStateException("no market cap for " + pair.market.pair());
        }
        return TickerMath.appendMarketCap(out, pair.market, pair.market.base().circulatingSupplyUnits(),
            pair.lastPrice);
    }

    @Override
    public String toString() {
        return "Ticker{market=" + pair.marketId + ", last=" + (hasLastTrade() ? lastPrice() + "x" + lastSize() : "none")
            + ", bid=" + bestBid() + "x" + bestBidSize() + ", ask=" + bestAsk() + "x" + bestAskSize()
            + (hasTrades24h() ? ", o=" + open24h() + ", h=" + high24h() + ", l=" + low24h() + ", v=" + volume24h()
            + ", qv=" + quoteVolume24h() + ", pct=" + changePct24h() : ", no trades in 24h") + '}';
    }
}
