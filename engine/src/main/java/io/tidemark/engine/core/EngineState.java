package io.tidemark.engine.core;

import io.tidemark.engine.collections.IdIndex;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;

/**
 * Everything the engine knows, and nothing it does: the books, the accounts, the open orders, the
 * client_order_id table and the id counters. {@link MatchingEngine} changes it one command at a time;
 * the snapshot, the state hash and {@link EngineInspector} only read it. Owned by the engine thread.
 */
final class EngineState implements ClientOrderIdTable.OpenOrders {
    final ExchangeConfig config;
    final OrderBook[] books;
    final Accounts accounts;
    final Pools pools;
    final IdIndex<Order> openOrders;
    final ClientOrderIdTable clientOrderIds;

    long nextOrderId = 1;
    long nextTradeId = 1;
    long nextWithdrawalId = 1;

    EngineState(final ExchangeConfig config, final int expectedAccounts, final int expectedOrders) {
        this.config = config;
        this.pools = new Pools(expectedOrders, expectedOrders);
        this.accounts = new Accounts(config.assets().size(), expectedAccounts);
        this.clientOrderIds = new ClientOrderIdTable(expectedOrders);
        this.openOrders = new IdIndex<>(expectedOrders, Order::orderId);
        this.books = new OrderBook[config.markets().size()];
        for (final Market market : config.markets()) {
            books[market.id()] = new OrderBook(market, pools);
        }
    }

    @Override
    public boolean isOpen(final long orderId) {
        return openOrders.contains(orderId);
    }
}
