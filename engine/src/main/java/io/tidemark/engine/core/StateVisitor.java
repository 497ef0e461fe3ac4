package io.tidemark.engine.core;

import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.Market;

/**
 * Receives the engine's whole state, one piece at a time, from the walks of {@link EngineState}: the
 * state hash ({@link StateHasher}) and the snapshot writer ({@link EngineSnapshot}) are the two that
 * must see all of it. Each chooses which walks to take and in what order, because each layout is
 * pinned (the hash by the values recorded for old journals, the snapshot by its bytes).
 */
interface StateVisitor extends ClientOrderIdTable.EntryVisitor {
    void counters(long nextOrderId, long nextTradeId, long nextWithdrawalId);

    void accountCount(int count);

    void account(long accountId);

    /** One asset of the account last given: its spot available and hold, its margin and earn available. */
    void balance(long spotAvailable, long spotHold, long marginAvailable, long earnAvailable);

    /** What is outstanding of one asset, in asset order. */
    void outstanding(long amount);

    void market(int marketId, MarketStatus status, long lastPrice);

    /** One side of the market last given: bids, asks, buy stops, sell stops in turn. */
    void side(int levelCount);

    /** A level with orders, of the side last given. */
    void level(long price, long totalSize, int orderCount);

    /** An order of the level last given, in time priority. */
    void order(Order order);

    /**
     * How many ids of an account's open-order list follow. Only a walk that lists them apart from the
     * accounts gives it; one that lists them right after each account's balances does not need it.
     */
    default void openOrderCount(int count) {
    }

    /** The next order of an account's open-order list, which is in placement order. */
    void openOrder(long orderId);

    /** How many client_order_id entries follow, in FIFO order. */
    void clientOrderIdCount(int count);

    /** How many frozen accounts, pending withdrawals and deposit references follow, in that order. */
    void adminState(int frozenAccounts, int pendingWithdrawals, int deposits);

    void frozenAccount(long accountId);

    void pendingWithdrawal(long withdrawalId, long accountId, int assetId, long amount);

    /** How many markets with changed fees follow. */
    void feeChanges(int markets);

    /** A market whose fees changed, and how many schedules after the configured one follow. */
    void marketFees(int marketId, int schedules);

    /** Fees for the market's orders with ids from {@code fromOrderId} on. */
    void feeSchedule(long fromOrderId, int makerBps, int takerBps);

    /** A deposit made with a reference (the reference's four packed words). */
    void deposit(long word0, long word1, long word2, long word3, long accountId, int assetId, long amount,
                 long depositId);

    /** How many assets and markets were listed at run time; each follows. */
    void listings(int assets, int markets);

    void listedAsset(Asset asset);

    void listedMarket(Market market);
}
