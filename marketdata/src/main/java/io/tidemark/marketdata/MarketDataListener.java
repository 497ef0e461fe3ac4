package io.tidemark.marketdata;

import io.tidemark.engine.config.ExchangeConfig;

/**
 * Receives what each command changed in the public market data, for the WebSocket fan-out. Called
 * on the view thread from {@link MarketData#onCommandComplete}, after the market data already shows
 * the command, so a snapshot read inside a callback agrees with the change being published.
 *
 * <p>For each pair the command changed, in ascending market id, the calls come together and in this
 * order: {@link #onTrade} for each of its trades in execution order; {@link #onBookDelta} when the
 * book changed; {@link #onTicker} when it traded or its best bid or ask (price or size) changed;
 * {@link #onCandle} for the current candle of every interval when it traded (every trade updates
 * one candle of each interval). A command that changed nothing public calls nothing.
 *
 * <p>Every argument is a reusable view, valid only during the call: copy what must outlive it.
 * Implementations must not block and must not throw (the market data is already up to date when
 * they run, but the calls after a throwing one are lost for that command).
 */
public interface MarketDataListener {
    void onTrade(Trade trade);

    void onBookDelta(BookDelta delta);

    void onTicker(Ticker ticker);

    void onCandle(Candle candle);

    /** Markets were listed at run time: {@code effective} has them (called before any change on them). */
    default void onListed(ExchangeConfig effective) {
    }
}
