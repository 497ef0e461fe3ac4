package io.tidemark.engine.api;

/**
 * Everything the engine decides, as a stream of events in the order they happen. Read models,
 * market data and private streams are built from these alone. Called on the engine thread, during
 * {@code process}; implementations must not block and must not keep the {@link OrderView}.
 *
 * <p>Every accepted order ends with exactly one of {@link #onOrderClosed} or {@link #onOrderRejected}.
 * Balance and level events carry the new absolute value, so a consumer never re-derives engine state.
 */
public interface EngineListener {
    /** A new order passed validation and funding checks; status open, or pending_trigger for a stop. */
    void onOrderAccepted(long timestamp, OrderView order);

    /** A pending stop's trigger condition was met; it now executes as a market or limit order. */
    void onOrderTriggered(long timestamp, long orderId, long accountId, int marketId);

    /** A resting order's price or size changed; {@code priorityKept} is false when it was re-queued. */
    void onOrderAmended(long timestamp, long orderId, long accountId, int marketId, long price, long size,
                        long filled, boolean priorityKept);

    /** One execution at the maker's price; both fees are in the quote asset's minor units. */
    void onTrade(long timestamp, long tradeId, int marketId, long price, long size, Side takerSide,
                 long takerOrderId, long takerAccountId, long takerFee,
                 long makerOrderId, long makerAccountId, long makerFee);

    /** The order is done: {@link OrderStatus#FILLED} or {@link OrderStatus#CANCELLED} with a reason. */
    void onOrderClosed(long timestamp, long orderId, long accountId, int marketId, OrderStatus status,
                       CancelReason reason, long filled);

    /** An accepted stop could not be funded when it triggered; it did nothing and is final. */
    void onOrderRejected(long timestamp, long orderId, long accountId, int marketId, ResultCode reason);

    /** The new balance of one wallet of one asset of one account. */
    void onBalanceChanged(long timestamp, long accountId, int assetId, Wallet wallet, long available, long hold);

    /** The new total resting size (lots) and order count at one price of one side of a book; 0 removes it. */
    void onLevelChanged(long timestamp, int marketId, Side side, long price, long totalSize, int orderCount);

    void onMarketStatusChanged(long timestamp, int marketId, MarketStatus status);

    /** Marks the end of one command's events, with its outcome (as also written to the command). */
    void onCommandComplete(Command command);
}
