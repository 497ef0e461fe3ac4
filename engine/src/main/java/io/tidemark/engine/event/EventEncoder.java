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
 * can replay them through {@link EventDecoder}. Layouts from {@link EventLayout}, no allocation; the timestamp is not
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

    /** Starts an event of {@code length} bytes: makes room, writes its tag; returns its first byte's offset. */
    private int begin(final EventType type, final int length) {
        final int at = position;
        buffer.checkLimit(at + length);
        buffer.putByte(at + EventLayout.TAG, type.code());
        position = at + length;
        return at;
    }

    private int orderEvent(final EventType type, final int length, final long orderId, final long accountId,
                           final int marketId) {
        final int at = begin(type, length);
        buffer.putLong(at + EventLayout.OrderRef.ORDER_ID, orderId);
        buffer.putLong(at + EventLayout.OrderRef.ACCOUNT_ID, accountId);
        buffer.putInt(at + EventLayout.OrderRef.MARKET_ID, marketId);
        return at;
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
        final int at = begin(EventType.ORDER_ACCEPTED, EventLayout.OrderAccepted.LENGTH);
        buffer.putLong(at + EventLayout.OrderAccepted.ORDER_ID, order.orderId());
        buffer.putLong(at + EventLayout.OrderAccepted.ACCOUNT_ID, order.accountId());
        buffer.putInt(at + EventLayout.OrderAccepted.MARKET_ID, order.marketId());
        buffer.putByte(at + EventLayout.OrderAccepted.SIDE, (byte) order.side().code());
        buffer.putByte(at + EventLayout.OrderAccepted.ORDER_TYPE, (byte) order.orderType().code());
        buffer.putByte(at + EventLayout.OrderAccepted.TIME_IN_FORCE, (byte) order.timeInForce().code());
        buffer.putByte(at + EventLayout.OrderAccepted.POST_ONLY, (byte) (order.postOnly() ? 1 : 0));
        buffer.putByte(at + EventLayout.OrderAccepted.SELF_TRADE_PREVENTION, (byte) order.selfTradePrevention().code());
        buffer.putByte(at + EventLayout.OrderAccepted.STATUS, (byte) order.status().code());
        buffer.putLong(at + EventLayout.OrderAccepted.PRICE, order.price());
        buffer.putLong(at + EventLayout.OrderAccepted.STOP_PRICE, order.stopPrice());
        buffer.putLong(at + EventLayout.OrderAccepted.SIZE, order.size());
        buffer.putLong(at + EventLayout.OrderAccepted.FUNDS, order.funds());
        buffer.putLong(at + EventLayout.OrderAccepted.FILLED, order.filled());
        buffer.putLong(at + EventLayout.OrderAccepted.CREATED_TIME, order.createdTime());
        final ClientOrderId cid = order.clientOrderId();
        for (int word = 0; word < 4; word++) {
            buffer.putLong(at + EventLayout.OrderAccepted.CLIENT_ORDER_ID + 8 * word, cid.word(word));
        }
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        orderEvent(EventType.ORDER_TRIGGERED, EventLayout.OrderTriggered.LENGTH, orderId, accountId, marketId);
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        final int at = orderEvent(EventType.ORDER_AMENDED, EventLayout.OrderAmended.LENGTH, orderId, accountId, marketId);
        buffer.putLong(at + EventLayout.OrderAmended.PRICE, price);
        buffer.putLong(at + EventLayout.OrderAmended.SIZE, size);
        buffer.putLong(at + EventLayout.OrderAmended.FILLED, filled);
        buffer.putByte(at + EventLayout.OrderAmended.PRIORITY_KEPT, (byte) (priorityKept ? 1 : 0));
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        final int at = begin(EventType.TRADE, EventLayout.Trade.LENGTH);
        buffer.putLong(at + EventLayout.Trade.TRADE_ID, tradeId);
        buffer.putInt(at + EventLayout.Trade.MARKET_ID, marketId);
        buffer.putLong(at + EventLayout.Trade.PRICE, price);
        buffer.putLong(at + EventLayout.Trade.SIZE, size);
        buffer.putByte(at + EventLayout.Trade.TAKER_SIDE, (byte) takerSide.code());
        buffer.putLong(at + EventLayout.Trade.TAKER_ORDER_ID, takerOrderId);
        buffer.putLong(at + EventLayout.Trade.TAKER_ACCOUNT_ID, takerAccountId);
        buffer.putLong(at + EventLayout.Trade.TAKER_FEE, takerFee);
        buffer.putLong(at + EventLayout.Trade.MAKER_ORDER_ID, makerOrderId);
        buffer.putLong(at + EventLayout.Trade.MAKER_ACCOUNT_ID, makerAccountId);
        buffer.putLong(at + EventLayout.Trade.MAKER_FEE, makerFee);
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        final int at = orderEvent(EventType.ORDER_CLOSED, EventLayout.OrderClosed.LENGTH, orderId, accountId, marketId);
        buffer.putByte(at + EventLayout.OrderClosed.STATUS, (byte) status.code());
        buffer.putByte(at + EventLayout.OrderClosed.CANCEL_REASON, (byte) reason.code());
        buffer.putLong(at + EventLayout.OrderClosed.FILLED, filled);
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        final int at = orderEvent(EventType.ORDER_REJECTED, EventLayout.OrderRejected.LENGTH, orderId, accountId, marketId);
        buffer.putByte(at + EventLayout.OrderRejected.RESULT, (byte) reason.code());
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        final int at = begin(EventType.BALANCE_CHANGED, EventLayout.BalanceChanged.LENGTH);
        buffer.putLong(at + EventLayout.BalanceChanged.ACCOUNT_ID, accountId);
        buffer.putInt(at + EventLayout.BalanceChanged.ASSET_ID, assetId);
        buffer.putByte(at + EventLayout.BalanceChanged.WALLET, (byte) wallet.code());
        buffer.putLong(at + EventLayout.BalanceChanged.AVAILABLE, available);
        buffer.putLong(at + EventLayout.BalanceChanged.HOLD, hold);
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
        final int at = begin(EventType.LEVEL_CHANGED, EventLayout.LevelChanged.LENGTH);
        buffer.putInt(at + EventLayout.LevelChanged.MARKET_ID, marketId);
        buffer.putByte(at + EventLayout.LevelChanged.SIDE, (byte) side.code());
        buffer.putLong(at + EventLayout.LevelChanged.PRICE, price);
        buffer.putLong(at + EventLayout.LevelChanged.TOTAL_SIZE, totalSize);
        buffer.putInt(at + EventLayout.LevelChanged.ORDER_COUNT, orderCount);
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
        final int at = begin(EventType.MARKET_STATUS_CHANGED, EventLayout.MarketStatusChanged.LENGTH);
        buffer.putInt(at + EventLayout.MarketStatusChanged.MARKET_ID, marketId);
        buffer.putByte(at + EventLayout.MarketStatusChanged.STATUS, (byte) status.code());
    }

    /** The command's outcome stays in the command itself; the decoder reports it from there. */
    @Override
    public void onCommandComplete(final Command command) {
    }
}
