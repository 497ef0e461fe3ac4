package io.tidemark.engine.event;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import org.agrona.DirectBuffer;

/**
 * Replays a command's events, as written by {@link EventEncoder}, into an {@link EngineListener}, and
 * then reports the command itself through {@code onCommandComplete}. Accepted orders are presented
 * through a reusable flyweight, valid only during the callback. No allocation.
 *
 * <p>Not thread safe: one decoder per consuming thread.
 */
public final class EventDecoder {
    private final DecodedOrder order = new DecodedOrder();
    private DirectBuffer buffer;
    private int position;

    /** Decodes {@code length} bytes of events of {@code command} and calls {@code listener} for each. */
    public void decode(final DirectBuffer events, final int length, final Command command, final EngineListener listener) {
        buffer = events;
        position = 0;
        final long ts = command.timestamp;
        while (position < length) {
            final EventType type = EventType.of(getByte());
            switch (type) {
                case ORDER_ACCEPTED -> {
                    order.read(this);
                    listener.onOrderAccepted(ts, order);
                }
                case ORDER_TRIGGERED -> listener.onOrderTriggered(ts, getLong(), getLong(), getInt());
                case ORDER_AMENDED -> listener.onOrderAmended(ts, getLong(), getLong(), getInt(), getLong(), getLong(),
                    getLong(), getByte() == 1);
                case TRADE -> listener.onTrade(ts, getLong(), getInt(), getLong(), getLong(), Side.fromCode(getByte()),
                    getLong(), getLong(), getLong(), getLong(), getLong(), getLong());
                case ORDER_CLOSED -> listener.onOrderClosed(ts, getLong(), getLong(), getInt(),
                    OrderStatus.fromCode(getByte()), CancelReason.fromCode(getByte()), getLong());
                case ORDER_REJECTED -> listener.onOrderRejected(ts, getLong(), getLong(), getInt(),
                    ResultCode.fromCode(getByte()));
                case BALANCE_CHANGED -> listener.onBalanceChanged(ts, getLong(), getInt(), Wallet.fromCode(getByte()),
                    getLong(), getLong());
                case LEVEL_CHANGED -> listener.onLevelChanged(ts, getInt(), Side.fromCode(getByte()), getLong(),
                    getLong(), getInt());
                case MARKET_STATUS_CHANGED -> listener.onMarketStatusChanged(ts, getInt(),
                    MarketStatus.fromCode(getByte()));
            }
        }
        if (position != length) {
            throw new IllegalStateException("event stream overran its length: " + position + " > " + length);
        }
        listener.onCommandComplete(command);
    }

    private byte getByte() {
        return buffer.getByte(position++);
    }

    private int getInt() {
        final int value = buffer.getInt(position);
        position += 4;
        return value;
    }

    private long getLong() {
        final long value = buffer.getLong(position);
        position += 8;
        return value;
    }

    /** An accepted order read back from the stream. */
    private static final class DecodedOrder implements OrderView {
        private long orderId;
        private long accountId;
        private int marketId;
        private Side side;
        private OrderType orderType;
        private TimeInForce timeInForce;
        private boolean postOnly;
        private SelfTradePrevention stp;
        private OrderStatus status;
        private long price;
        private long stopPrice;
        private long size;
        private long funds;
        private long filled;
        private long createdTime;
        private final ClientOrderId clientOrderId = new ClientOrderId();

        void read(final EventDecoder in) {
            orderId = in.getLong();
            accountId = in.getLong();
            marketId = in.getInt();
            side = Side.fromCode(in.getByte());
            orderType = OrderType.fromCode(in.getByte());
            timeInForce = TimeInForce.fromCode(in.getByte());
            postOnly = in.getByte() == 1;
            stp = SelfTradePrevention.fromCode(in.getByte());
            status = OrderStatus.fromCode(in.getByte());
            price = in.getLong();
            stopPrice = in.getLong();
            size = in.getLong();
            funds = in.getLong();
            filled = in.getLong();
            createdTime = in.getLong();
            clientOrderId.setWords(in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }

        // @formatter:off
        @Override public long orderId() { return orderId; }
        @Override public long accountId() { return accountId; }
        @Override public int marketId() { return marketId; }
        @Override public Side side() { return side; }
        @Override public OrderType orderType() { return orderType; }
        @Override public TimeInForce timeInForce() { return timeInForce; }
        @Override public boolean postOnly() { return postOnly; }
        @Override public SelfTradePrevention selfTradePrevention() { return stp; }
        @Override public long price() { return price; }
        @Override public long stopPrice() { return stopPrice; }
        @Override public long size() { return size; }
        @Override public long funds() { return funds; }
        @Override public long filled() { return filled; }
        @Override public OrderStatus status() { return status; }
        @Override public ClientOrderId clientOrderId() { return clientOrderId; }
        @Override public long createdTime() { return createdTime; }
        // @formatter:on
    }
}
