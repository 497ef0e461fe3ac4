package io.tidemark.node.view;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * An order as the API shows it: its fields, its current status, and the totals of its fills. Owned
 * by the view stage and pooled: read it only on that thread (or copy it there), never keep it.
 */
public final class OrderRecord {
    long orderId;
    long accountId;
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
    long filledValue;
    long fees;
    OrderStatus status;
    CancelReason cancelReason = CancelReason.NONE;
    ResultCode rejectReason;
    boolean triggered;
    final ClientOrderId clientOrderId = new ClientOrderId();
    long createdTime;
    long updatedTime;

    // owned by AccountViews: the account's orders in id order, and its closed orders in closing order
    AccountViews.AccountView account;
    OrderRecord prev;
    OrderRecord next;
    OrderRecord nextClosed;

    /** An empty record, e.g. to {@code copyFrom} one off the view thread. */
    public OrderRecord() {
    }

    // @formatter:off
    public long orderId() { return orderId; }
    public long accountId() { return accountId; }
    public int marketId() { return marketId; }
    public Side side() { return side; }
    public OrderType orderType() { return orderType; }
    public TimeInForce timeInForce() { return timeInForce; }
    public boolean postOnly() { return postOnly; }
    public SelfTradePrevention selfTradePrevention() { return selfTradePrevention; }
    /** Limit price in ticks, 0 if none. */
    public long price() { return price; }
    public long stopPrice() { return stopPrice; }
    /** Size in lots; 0 for a buy by funds. */
    public long size() { return size; }
    public long funds() { return funds; }
    public long filled() { return filled; }
    /** Sum of price × size of the fills, in quote minor units (for the average fill price). */
    public long filledValue() { return filledValue; }
    /** Fees paid, in quote minor units. */
    public long fees() { return fees; }
    /** Engine status; an open order with fills is reported as {@link #apiStatus()} partially_filled. */
    public OrderStatus status() { return status; }
    public CancelReason cancelReason() { return cancelReason; }
    /** Why a triggered stop was rejected; null otherwise. */
    public ResultCode rejectReason() { return rejectReason; }
    public boolean triggered() { return triggered; }
    public ClientOrderId clientOrderId() { return clientOrderId; }
    public long createdTime() { return createdTime; }
    public long updatedTime() { return updatedTime; }
    // @formatter:on

    /** The status as the API names it: an open order with fills is partially_filled. */
    public OrderStatus apiStatus() {
        return status == OrderStatus.OPEN && filled > 0 ? OrderStatus.PARTIALLY_FILLED : status;
    }

    public boolean isOpen() {
        return !status.isFinal();
    }

    /** Lots still to fill; 0 once final or for a buy by funds. */
    public long remaining() {
        return isOpen() && size > 0 ? size - filled : 0;
    }

    /** Copies every field of {@code other} (to take a record off the view thread). */
    public OrderRecord copyFrom(final OrderRecord other) {
        orderId = other.orderId;
        accountId = other.accountId;
        marketId = other.marketId;
        side = other.side;
        orderType = other.orderType;
        timeInForce = other.timeInForce;
        postOnly = other.postOnly;
        selfTradePrevention = other.selfTradePrevention;
        price = other.price;
        stopPrice = other.stopPrice;
        size = other.size;
        funds = other.funds;
        filled = other.filled;
        filledValue = other.filledValue;
        fees = other.fees;
        status = other.status;
        cancelReason = other.cancelReason;
        rejectReason = other.rejectReason;
        triggered = other.triggered;
        clientOrderId.set(other.clientOrderId);
        createdTime = other.createdTime;
        updatedTime = other.updatedTime;
        return this;
    }

    /** Sets every field, e.g. from a stored row (the history store); returns this record. */
    public OrderRecord set(final long orderId, final long accountId, final int marketId, final Side side,
                           final OrderType orderType, final TimeInForce timeInForce, final boolean postOnly,
                           final SelfTradePrevention selfTradePrevention, final long price, final long stopPrice,
                           final long size, final long funds, final long filled, final long filledValue,
                           final long fees, final OrderStatus status, final CancelReason cancelReason,
                           final ResultCode rejectReason, final boolean triggered, final CharSequence clientOrderId,
                           final long createdTime, final long updatedTime) {
        this.orderId = orderId;
        this.accountId = accountId;
        this.marketId = marketId;
        this.side = side;
        this.orderType = orderType;
        this.timeInForce = timeInForce;
        this.postOnly = postOnly;
        this.selfTradePrevention = selfTradePrevention;
        this.price = price;
        this.stopPrice = stopPrice;
        this.size = size;
        this.funds = funds;
        this.filled = filled;
        this.filledValue = filledValue;
        this.fees = fees;
        this.status = status;
        this.cancelReason = cancelReason;
        this.rejectReason = rejectReason;
        this.triggered = triggered;
        if (clientOrderId == null) {
            this.clientOrderId.clear();
        } else {
            this.clientOrderId.set(clientOrderId);
        }
        this.createdTime = createdTime;
        this.updatedTime = updatedTime;
        return this;
    }

    /** The record's fields in snapshot form (the list links are the owner's to write). */
    public void writeTo(final SnapshotOutput out) {
        out.putLong(orderId).putLong(accountId).putInt(marketId).putByte(side.code())
            .putByte(orderType.code()).putByte(timeInForce.code()).putBoolean(postOnly)
            .putByte(selfTradePrevention.code()).putLong(price).putLong(stopPrice).putLong(size)
            .putLong(funds).putLong(filled).putLong(filledValue).putLong(fees).putByte(status.code())
            .putByte(cancelReason.code()).putInt(rejectReason == null ? -1 : rejectReason.code())
            .putBoolean(triggered).putLong(clientOrderId.word(0)).putLong(clientOrderId.word(1))
            .putLong(clientOrderId.word(2)).putLong(clientOrderId.word(3)).putLong(createdTime)
            .putLong(updatedTime);
    }

    /** Reads what {@link #writeTo} wrote into this record. */
    public OrderRecord readFrom(final SnapshotInput in) {
        orderId = in.getLong();
        accountId = in.getLong();
        marketId = in.getInt();
        side = Side.fromCode(in.getByte());
        orderType = OrderType.fromCode(in.getByte());
        timeInForce = TimeInForce.fromCode(in.getByte());
        postOnly = in.getBoolean();
        selfTradePrevention = SelfTradePrevention.fromCode(in.getByte());
        price = in.getLong();
        stopPrice = in.getLong();
        size = in.getLong();
        funds = in.getLong();
        filled = in.getLong();
        filledValue = in.getLong();
        fees = in.getLong();
        status = OrderStatus.fromCode(in.getByte());
        cancelReason = CancelReason.fromCode(in.getByte());
        final int reject = in.getInt();
        rejectReason = reject < 0 ? null : ResultCode.fromCode(reject);
        triggered = in.getBoolean();
        clientOrderId.setWords(in.getLong(), in.getLong(), in.getLong(), in.getLong());
        createdTime = in.getLong();
        updatedTime = in.getLong();
        return this;
    }

    void reset() {
        orderId = 0;
        accountId = 0;
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
        filledValue = 0;
        fees = 0;
        status = null;
        cancelReason = CancelReason.NONE;
        rejectReason = null;
        triggered = false;
        clientOrderId.clear();
        createdTime = 0;
        updatedTime = 0;
        account = null;
        prev = null;
        next = null;
        nextClosed = null;
    }
}
