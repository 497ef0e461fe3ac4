package io.tidemark.engine.event;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the engine's events for one command into a buffer, so that a later stage on another thread
 * can replay them through {@link EventDecoder}. Fixed layouts, no allocation; the timestamp is not
 * written per event because every event of a command carries the command's time. Expandable buffers
 * grow on demand (a sweep of many levels writes many events), so the first big sweep may allocate.
 *
 * <p>Not thread safe: owned by the engine stage.
 */
public final class EventEncoder implements EngineListener {
    private MutableDirectBuffer buffer;
    private int position;

    /** Starts writing at the beginning of {@code target}. */
    public EventEncoder wrap(final MutableDirectBuffer target) {
        this.buffer = target;
        this.position = 0;
        return this;
    }

    /** Bytes written since {@link #wrap}. */
    public int length() {
        return position;
    }

    private void type(final EventType type) {
        buffer.putByte(position, type.code());
        position += 1;
    }

    private void putLong(final long value) {
        buffer.putLong(position, value);
        position += 8;
    }

    private void putInt(final int value) {
        buffer.putInt(position, value);
        position += 4;
    }

    private void putByte(final int value) {
        buffer.putByte(position, (byte) value);
        position += 1;
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
        type(EventType.ORDER_ACCEPTED);
        putLong(order.orderId());
        putLong(order.accountId());
        putInt(order.marketId());
        putByte(order.side().code());
        putByte(order.orderType().code());
        putByte(order.timeInForce().code());
        putByte(order.postOnly() ? 1 : 0);
        putByte(order.selfTradePrevention().code());
        putByte(order.status().code());
        putLong(order.price());
        putLong(order.stopPrice());
        putLong(order.size());
        putLong(order.funds());
        putLong(order.filled());
        putLong(order.createdTime());
        final ClientOrderId cid = order.clientOrderId();
        putLong(cid.word(0));
        putLong(cid.word(1));
        putLong(cid.word(2));
        putLong(cid.word(3));
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        type(EventType.ORDER_TRIGGERED);
        putLong(orderId);
        putLong(accountId);
        putInt(marketId);
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        type(EventType.ORDER_AMENDED);
        putLong(orderId);
        putLong(accountId);
        putInt(marketId);
        putLong(price);
        putLong(size);
        putLong(filled);
        putByte(priorityKept ? 1 : 0);
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        type(EventType.TRADE);
        putLong(tradeId);
        putInt(marketId);
        putLong(price);
        putLong(size);
        putByte(takerSide.code());
        putLong(takerOrderId);
        putLong(takerAccountId);
        putLong(takerFee);
        putLong(makerOrderId);
        putLong(makerAccountId);
        putLong(makerFee);
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        type(EventType.ORDER_CLOSED);
        putLong(orderId);
        putLong(accountId);
        putInt(marketId);
        putByte(status.code());
        putByte(reason.code());
        putLong(filled);
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        type(EventType.ORDER_REJECTED);
        putLong(orderId);
        putLong(accountId);
        putInt(marketId);
        putByte(reason.code());
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        type(EventType.BALANCE_CHANGED);
        putLong(accountId);
        putInt(assetId);
        putByte(wallet.code());
        putLong(available);
        putLong(hold);
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
        type(EventType.LEVEL_CHANGED);
        putInt(marketId);
        putByte(side.code());
        putLong(price);
        putLong(totalSize);
        putInt(orderCount);
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
        type(EventType.MARKET_STATUS_CHANGED);
        putInt(marketId);
        putByte(status.code());
    }

    /** The command's outcome stays in the command itself; the decoder reports it from there. */
    @Override
    public void onCommandComplete(final Command command) {
    }
}
