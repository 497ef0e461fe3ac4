package io.tidemark.engine.api;

/**
 * A read-only view of an order as the engine holds it. Passed to listeners during a callback only:
 * the object behind it is pooled and reused, so a listener copies what it needs and keeps nothing.
 */
public interface OrderView {
    long orderId();

    long accountId();

    int marketId();

    Side side();

    OrderType orderType();

    TimeInForce timeInForce();

    boolean postOnly();

    SelfTradePrevention selfTradePrevention();

    /** Limit price in ticks; 0 for market and stop-market orders. */
    long price();

    /** Trigger price in ticks; 0 unless a stop. */
    long stopPrice();

    /** Ordered size in lots; 0 for a market buy by funds. */
    long size();

    /** Quote minor units to spend; 0 unless a market (or stop) buy by funds. */
    long funds();

    /** Lots filled so far. */
    long filled();

    OrderStatus status();

    ClientOrderId clientOrderId();

    /** Command time (epoch ns) at which the order was accepted. */
    long createdTime();
}
