package io.tidemark.engine.core;

import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;

/**
 * Everything the engine knows, and nothing it does: the books, the accounts, the open orders, the
 * client_order_id table and the id counters. {@link MatchingEngine} changes it one command at a time
 * and {@link EngineSnapshot} restores it; its walks hand all of it to a {@link StateVisitor} (the state
 * hash, the snapshot writer); {@link EngineInspector} answers questions about it. Owned by the engine
 * thread.
 */
final class EngineState implements ClientOrderIdTable.OpenOrders {
    /** The effective configuration; replaced by a listing. */
    ExchangeConfig config;
    /** A book per market, by market id; grown by a market listing. */
    OrderBook[] books;
    final Accounts accounts;
    final Pools pools;
    final OrderTable openOrders;
    final ClientOrderIdTable clientOrderIds;
    final Custody custody = new Custody();

    /**
     * Open orders up to this many ids apart are found by a ring index (1 MB of references); older ones
     * that are still open by a hash probe.
     */
    static final int ORDER_TABLE_SLOTS = 1 << 18;

    long nextOrderId = 1;
    long nextTradeId = 1;
    long nextWithdrawalId = 1;

    EngineState(final ExchangeConfig config, final int expectedAccounts, final int expectedOrders) {
        this.config = config;
        this.pools = new Pools(expectedOrders, expectedOrders);
        this.accounts = new Accounts(config.assets().size(), expectedAccounts);
        this.clientOrderIds = new ClientOrderIdTable(expectedOrders);
        this.openOrders = new OrderTable(ORDER_TABLE_SLOTS, expectedOrders);
        this.books = new OrderBook[config.markets().size()];
        for (final Market market : config.markets()) {
            books[market.id()] = new OrderBook(market, pools);
        }
    }

    /** Adopts {@code grown}, which lists one more asset: every account gets a balance of it. */
    void listAsset(final ExchangeConfig grown) {
        config = grown;
        accounts.addAsset();
    }

    /** Adopts {@code grown}, which lists one more market: it gets an empty book. */
    void listMarket(final ExchangeConfig grown) {
        config = grown;
        final Market market = grown.market(grown.markets().size() - 1);
        books = java.util.Arrays.copyOf(books, market.id() + 1);
        books[market.id()] = new OrderBook(market, pools);
    }

    /** The assets and markets listed at run time, in id order (assets first: markets name them). */
    void visitListings(final StateVisitor visitor) {
        visitor.listings(config.listedAssets().size(), config.listedMarkets().size());
        for (final Asset asset : config.listedAssets()) {
            visitor.listedAsset(asset);
        }
        for (final Market market : config.listedMarkets()) {
            visitor.listedMarket(market);
        }
    }

    @Override
    public boolean isOpen(final long orderId) {
        return openOrders.contains(orderId);
    }

    // The one traversal of the whole state, for the hash and the snapshot writer alike, so each part is
    // walked the same way for both; none of the walks allocates, so neither does hashing.

    void visitCounters(final StateVisitor visitor) {
        visitor.counters(nextOrderId, nextTradeId, nextWithdrawalId);
    }

    /** Each market's status and last price, then its four sides, levels from the best. */
    void visitBooksBestFirst(final StateVisitor visitor) {
        visitBooks(visitor, true);
    }

    /** As {@link #visitBooksBestFirst}, levels from the worst (the snapshot format's order). */
    void visitBooksWorstFirst(final StateVisitor visitor) {
        visitBooks(visitor, false);
    }

    private void visitBooks(final StateVisitor visitor, final boolean bestFirst) {
        for (final OrderBook book : books) {
            visitor.market(book.market.id(), book.status, book.lastPrice);
            for (final BookSide side : book.sides) {
                visitor.side(side.levelCount());
                for (PriceLevel level = bestFirst ? side.best() : side.worst(); level != null;
                     level = bestFirst ? side.next(level) : side.previous(level)) {
                    visitor.level(level.price, level.totalSize, level.orderCount);
                    for (Order order = level.head; order != null; order = order.next) {
                        visitor.order(order);
                    }
                }
            }
        }
    }

    /** The number of accounts, then each account with its balance of every asset. */
    void visitBalances(final StateVisitor visitor) {
        visitor.accountCount(accounts.count());
        for (int index = 0; index < accounts.count(); index++) {
            visitAccount(visitor, index);
        }
    }

    /** As {@link #visitBalances}, each account followed by its open-order list. */
    void visitBalancesAndOpenOrders(final StateVisitor visitor) {
        visitor.accountCount(accounts.count());
        for (int index = 0; index < accounts.count(); index++) {
            visitAccount(visitor, index);
            visitOpenOrders(visitor, index);
        }
    }

    /** Every account's open-order list, in account order, each headed by its length. */
    void visitOpenOrderLists(final StateVisitor visitor) {
        for (int index = 0; index < accounts.count(); index++) {
            int count = 0;
            for (Order order = accounts.firstOpenOrder(index); order != null; order = order.accountNext) {
                count++;
            }
            visitor.openOrderCount(count);
            visitOpenOrders(visitor, index);
        }
    }

    private void visitAccount(final StateVisitor visitor, final int index) {
        visitor.account(accounts.id(index));
        final int assetCount = config.assets().size();
        for (int asset = 0; asset < assetCount; asset++) {
            visitor.balance(accounts.available(index, asset), accounts.hold(index, asset),
                accounts.walletAvailable(index, asset, Wallet.MARGIN),
                accounts.walletAvailable(index, asset, Wallet.EARN));
        }
    }

    private void visitOpenOrders(final StateVisitor visitor, final int index) {
        for (Order order = accounts.firstOpenOrder(index); order != null; order = order.accountNext) {
            visitor.openOrder(order.orderId);
        }
    }

    void visitOutstanding(final StateVisitor visitor) {
        final int assetCount = config.assets().size();
        for (int asset = 0; asset < assetCount; asset++) {
            visitor.outstanding(accounts.outstanding(asset));
        }
    }

    /**
     * Whether the operator ever left a mark: a frozen account, a pending withdrawal or a deposit reference.
     * A state without one is exactly the state of before the operator commands existed, and is hashed and
     * written as it was then (so old journals and snapshots keep their hashes and bytes).
     */
    boolean hasAdminState() {
        return !custody.isEmpty() || frozenCount() > 0;
    }

    private int frozenCount() {
        int frozen = 0;
        for (int index = 0; index < accounts.count(); index++) {
            if (accounts.isFrozen(index)) {
                frozen++;
            }
        }
        return frozen;
    }

    /** The frozen accounts in account order, the pending withdrawals by id, the deposit references as they came. */
    void visitAdminState(final StateVisitor visitor) {
        visitor.adminState(frozenCount(), custody.pending.size(), custody.deposits.size());
        for (int index = 0; index < accounts.count(); index++) {
            if (accounts.isFrozen(index)) {
                visitor.frozenAccount(accounts.id(index));
            }
        }
        custody.pending.forEach((id, w) -> visitor.pendingWithdrawal(id, w.accountId(), w.assetId(), w.amount()));
        custody.deposits.forEach((ref, d) -> visitor.deposit(ref.word0(), ref.word1(), ref.word2(), ref.word3(),
            d.accountId(), d.assetId(), d.amount(), d.depositId()));
    }

    /** Whether any market's fees were changed by an operator (it then has more than one fee schedule). */
    boolean hasFeeChanges() {
        for (final OrderBook book : books) {
            if (book.feeSchedules() > 1) {
                return true;
            }
        }
        return false;
    }

    /** The markets whose fees were changed, each with its schedules after the configured one. */
    void visitFeeChanges(final StateVisitor visitor) {
        int markets = 0;
        for (final OrderBook book : books) {
            if (book.feeSchedules() > 1) {
                markets++;
            }
        }
        visitor.feeChanges(markets);
        for (final OrderBook book : books) {
            if (book.feeSchedules() > 1) {
                visitor.marketFees(book.market.id(), book.feeSchedules() - 1);
                for (int i = 1; i < book.feeSchedules(); i++) {
                    visitor.feeSchedule(book.feesFrom(i), book.makerFeeOf(i), book.takerFeeOf(i));
                }
            }
        }
    }

    void visitClientOrderIds(final StateVisitor visitor) {
        visitor.clientOrderIdCount(clientOrderIds.size());
        clientOrderIds.forEach(visitor);
    }
}
