package io.tidemark.marketdata.analytics;

/**
 * Told about each large trade on the view thread at the end of the command that made it, in
 * execution order (the WebSocket {@code large_trades:PAIR} channel). The argument is a reusable view,
 * valid only during the call. Must not block or throw.
 */
@FunctionalInterface
public interface LargeTradeListener {
    void onLargeTrade(LargeTrade trade);
}
