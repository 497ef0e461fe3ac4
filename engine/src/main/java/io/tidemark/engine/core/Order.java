package io.tidemark.engine.core;

import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;

/**
 * A live order: pooled, mutated in place, and linked intrusively into its price level (or stop level)
 * and into its account's list of open orders. Owned by the engine thread.
 */
final class Order implements OrderView {
    long orderId;
    long accountId;
    /** Dense index of the account in {@link Accounts}; stable for the account's life. */
    int accountIndex;
    int marketId;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    boolean postOnly;
    SelfTradePrevention selfTradePrevention;
    long price;
    long stopPrice;
    long size;
    long funds;
    long filled;
    long createdTime;
    OrderStatus status;
    final ClientOrderId clientOrderId = new ClientOrderId();

    /** Quote units a market buy by funds may still spend (fees included); only while it executes. */
    long fundsLeft;

    /**
     * In its account's open-order list and the open-order index: from the moment it first rests or
     * waits as a stop until it closes. Re-pricing and triggering do not take it out, so an account's
     * list stays in placement order.
     */
    boolean indexed;

    PriceLevel level;
    Order prev;
    Order next;
    Order accountPrev;
    Order accountNext;

    long remaining() {
        return size - filled;
    }

    boolean isBuy() {
        return side == Side.BUY;
    }

    boolean isByFunds() {
        return funds > 0;
    }

    /** Executes with a price limit (limit, or a triggered stop-limit). */
    boolean hasLimitPrice() {
        return orderType == OrderType.LIMIT || orderType == OrderType.STOP_LIMIT;
    }

    void reset() {
        orderId = 0;
        accountId = 0;
        accountIndex = 0;
        marketId = 0;
        side = null;
        orderType = null;
        timeInForce = null;
        postOnly = false;
        selfTradePrevention = null;
        price = 0;
        stopPrice = 0;
        size = 0;
        funds = 0;
        filled = 0;
        createdTime = 0;
        status = null;
        clientOrderId.clear();
        fundsLeft = 0;
        indexed = false;
        level = null;
        prev = null;
        next = null;
        accountPrev = null;
        accountNext = null;
    }

    @Override
    public long orderId() {
        return orderId;
    }

    @Override
    public long accountId() {
        return accountId;
    }

    @Override
    public int marketId() {
        return marketId;
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public OrderType orderType() {
        return orderType;
    }

    @Override
    public TimeInForce timeInForce() {
        return timeInForce;
    }

    @Override
    public boolean postOnly() {
        return postOnly;
    }

    @Override
    public SelfTradePrevention selfTradePrevention() {
        return selfTradePrevention;
    }

    @Override
    public long price() {
        return price;
    }

    @Override
    public long stopPrice() {
        return stopPrice;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long funds() {
        return funds;
    }

    @Override
    public long filled() {
        return filled;
    }

    @Override
    public OrderStatus status() {
        return status;
    }

    @Override
    public ClientOrderId clientOrderId() {
        return clientOrderId;
    }

    @Override
    public long createdTime() {
        return createdTime;
    }

    @Override
    public String toString() {
        return "Order{" + orderId + " acct=" + accountId + " m=" + marketId + ' ' + side + ' ' + orderType + ' '
            + timeInForce + " p=" + price + " stop=" + stopPrice + " size=" + size + " funds=" + funds
            + " filled=" + filled + ' ' + status + '}';
    }
}
