package io.tidemark.engine.core;

import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;

/**
 * One market's state: resting bids and asks, pending stops ordered by trigger price, the last trade
 * price that stops trigger on, and the trading status. Owned by the engine thread.
 */
final class OrderBook {
    final Market market;
    final BookSide bids;
    final BookSide asks;
    /** Buy stops trigger when the last price rises to them: lowest trigger first. */
    final BookSide buyStops;
    /** Sell stops trigger when the last price falls to them: highest trigger first. */
    final BookSide sellStops;
    /** All four sides in the order every whole-book walk takes them: bids, asks, buy stops, sell stops. */
    final BookSide[] sides;
    MarketStatus status;
    /** Price of the last trade in ticks; 0 before the first trade. */
    long lastPrice;

    OrderBook(final Market market, final Pools pools) {
        this.market = market;
        this.bids = new BookSide(true, pools);
        this.asks = new BookSide(false, pools);
        this.buyStops = new BookSide(false, pools);
        this.sellStops = new BookSide(true, pools);
        this.sides = new BookSide[] {bids, asks, buyStops, sellStops};
        this.status = market.initialStatus();
    }

    BookSide restingSide(final Side side) {
        return side == Side.BUY ? bids : asks;
    }

    BookSide stopSide(final Side side) {
        return side == Side.BUY ? buyStops : sellStops;
    }

    /** True if a taker on {@code takerSide} limited at {@code limitPrice} may trade at {@code makerPrice}. */
    static boolean crosses(final Side takerSide, final long limitPrice, final long makerPrice) {
        return takerSide == Side.BUY ? limitPrice >= makerPrice : limitPrice <= makerPrice;
    }

    /** True if a stop on {@code side} at {@code stopPrice} triggers at {@code tradePrice}. */
    static boolean triggers(final Side side, final long stopPrice, final long tradePrice) {
        return tradePrice > 0 && (side == Side.BUY ? tradePrice >= stopPrice : tradePrice <= stopPrice);
    }
}
