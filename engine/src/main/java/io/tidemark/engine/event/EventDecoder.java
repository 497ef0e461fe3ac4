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
 * then reports the command itself through {@code onCommandComplete}. Reads through {@link EventLayout},
 * the definition the encoder writes by. Accepted orders are presented through a flyweight over the
 * event's bytes, valid only during the callback. No allocation.
 *
 * <p>Not thread safe: one decoder per consuming thread.
 */
public final class EventDecoder {
    private final DecodedOrder order = new DecodedOrder();

    /** Decodes {@code length} bytes of events of {@code command} and calls {@code listener} for each. */
    public void decode(final DirectBuffer events, final int length, final Command command, final EngineListener listener) {
        final long ts = command.timestamp;
        int at = 0;
        while (at < length) {
            final EventType type = EventType.of(events.getByte(at + EventLayout.TAG));
            switch (type) {
                case ORDER_ACCEPTED -> {
                    listener.onOrderAccepted(ts, order.wrap(events, at));
                    at += EventLayout.OrderAccepted.LENGTH;
                }
                case ORDER_TRIGGERED -> {
                    listener.onOrderTriggered(ts, orderId(events, at), accountId(events, at), marketId(events, at));
                    at += EventLayout.OrderTriggered.LENGTH;
                }
                case ORDER_AMENDED -> {
                    listener.onOrderAmended(ts, orderId(events, at), accountId(events, at), marketId(events, at),
                        events.getLong(at + EventLayout.OrderAmended.PRICE), events.getLong(at + EventLayout.OrderAmended.SIZE),
                        events.getLong(at + EventLayout.OrderAmended.FILLED),
                        events.getByte(at + EventLayout.OrderAmended.PRIORITY_KEPT) == 1);
                    at += EventLayout.OrderAmended.LENGTH;
                }
                case TRADE -> {
                    listener.onTrade(ts, events.getLong(at + EventLayout.Trade.TRADE_ID),
                        events.getInt(at + EventLayout.Trade.MARKET_ID), events.getLong(at + EventLayout.Trade.PRICE),
                        events.getLong(at + EventLayout.Trade.SIZE),
                        Side.fromCode(events.getByte(at + EventLayout.Trade.TAKER_SIDE)),
                        events.getLong(at + EventLayout.Trade.TAKER_ORDER_ID),
                        events.getLong(at + EventLayout.Trade.TAKER_ACCOUNT_ID),
                        events.getLong(at + EventLayout.Trade.TAKER_FEE),
                        events.getLong(at + EventLayout.Trade.MAKER_ORDER_ID),
                        events.getLong(at + EventLayout.Trade.MAKER_ACCOUNT_ID),
                        events.getLong(at + EventLayout.Trade.MAKER_FEE));
                    at += EventLayout.Trade.LENGTH;
                }
                case ORDER_CLOSED -> {
                    listener.onOrderClosed(ts, orderId(events, at), accountId(events, at), marketId(events, at),
                        OrderStatus.fromCode(events.getByte(at + EventLayout.OrderClosed.STATUS)),
                        CancelReason.fromCode(events.getByte(at + EventLayout.OrderClosed.CANCEL_REASON)),
                        events.getLong(at + EventLayout.OrderClosed.FILLED));
                    at += EventLayout.OrderClosed.LENGTH;
                }
                case ORDER_REJECTED -> {
                    listener.onOrderRejected(ts, orderId(events, at), accountId(events, at), marketId(events, at),
                        ResultCode.fromCode(events.getByte(at + EventLayout.OrderRejected.RESULT)));
                    at += EventLayout.OrderRejected.LENGTH;
                }
                case BALANCE_CHANGED -> {
                    listener.onBalanceChanged(ts, events.getLong(at + EventLayout.BalanceChanged.ACCOUNT_ID),
                        events.getInt(at + EventLayout.BalanceChanged.ASSET_ID),
                        Wallet.fromCode(events.getByte(at + EventLayout.BalanceChanged.WALLET)),
                        events.getLong(at + EventLayout.BalanceChanged.AVAILABLE),
                        events.getLong(at + EventLayout.BalanceChanged.HOLD));
                    at += EventLayout.BalanceChanged.LENGTH;
                }
                case LEVEL_CHANGED -> {
                    listener.onLevelChanged(ts, events.getInt(at + EventLayout.LevelChanged.MARKET_ID),
                        Side.fromCode(events.getByte(at + EventLayout.LevelChanged.SIDE)),
                        events.getLong(at + EventLayout.LevelChanged.PRICE),
                        events.getLong(at + EventLayout.LevelChanged.TOTAL_SIZE),
                        events.getInt(at + EventLayout.LevelChanged.ORDER_COUNT));
                    at += EventLayout.LevelChanged.LENGTH;
                }
                case MARKET_STATUS_CHANGED -> {
                    listener.onMarketStatusChanged(ts, events.getInt(at + EventLayout.MarketStatusChanged.MARKET_ID),
                        MarketStatus.fromCode(events.getByte(at + EventLayout.MarketStatusChanged.STATUS)));
                    at += EventLayout.MarketStatusChanged.LENGTH;
                }
            }
        }
        if (at != length) {
            throw new IllegalStateException("event stream overran its length: " + at + " > " + length);
        }
        listener.onCommandComplete(command);
    }

    private static long orderId(final DirectBuffer events, final int at) {
        return events.getLong(at + EventLayout.OrderRef.ORDER_ID);
    }

    private static long accountId(final DirectBuffer events, final int at) {
        return events.getLong(at + EventLayout.OrderRef.ACCOUNT_ID);
    }

    private static int marketId(final DirectBuffer events, final int at) {
        return events.getInt(at + EventLayout.OrderRef.MARKET_ID);
    }

    /** An accepted order, read in place from its event's bytes. */
    private static final class DecodedOrder implements OrderView {
        private final ClientOrderId clientOrderId = new ClientOrderId();
        private DirectBuffer events;
        private int at;

        DecodedOrder wrap(final DirectBuffer buffer, final int offset) {
            events = buffer;
            at = offset;
            final int cid = at + EventLayout.OrderAccepted.CLIENT_ORDER_ID;
            clientOrderId.setWords(events.getLong(cid), events.getLong(cid + 8), events.getLong(cid + 16),
                events.getLong(cid + 24));
            return this;
        }

        // @formatter:off
        @Override public long orderId() { return events.getLong(at + EventLayout.OrderAccepted.ORDER_ID); }
        @Override public long accountId() { return events.getLong(at + EventLayout.OrderAccepted.ACCOUNT_ID); }
        @Override public int marketId() { return events.getInt(at + EventLayout.OrderAccepted.MARKET_ID); }
        @Override public Side side() { return Side.fromCode(events.getByte(at + EventLayout.OrderAccepted.SIDE)); }
        @Override public OrderType orderType() {
            return OrderType.fromCode(events.getByte(at + EventLayout.OrderAccepted.ORDER_TYPE));
        }
        @Override public TimeInForce timeInForce() {
            return TimeInForce.fromCode(events.getByte(at + EventLayout.OrderAccepted.TIME_IN_FORCE));
        }
        @Override public boolean postOnly() { return events.getByte(at + EventLayout.OrderAccepted.POST_ONLY) == 1; }
        @Override public SelfTradePrevention selfTradePrevention() {
            return SelfTradePrevention.fromCode(events.getByte(at + EventLayout.OrderAccepted.SELF_TRADE_PREVENTION));
        }
        @Override public long price() { return events.getLong(at + EventLayout.OrderAccepted.PRICE); }
        @Override public long stopPrice() { return events.getLong(at + EventLayout.OrderAccepted.STOP_PRICE); }
        @Override public long size() { return events.getLong(at + EventLayout.OrderAccepted.SIZE); }
        @Override public long funds() { return events.getLong(at + EventLayout.OrderAccepted.FUNDS); }
        @Override public long filled() { return events.getLong(at + EventLayout.OrderAccepted.FILLED); }
        @Override public OrderStatus status() {
            return OrderStatus.fromCode(events.getByte(at + EventLayout.OrderAccepted.STATUS));
        }
        @Override public ClientOrderId clientOrderId() { return clientOrderId; }
        @Override public long createdTime() { return events.getLong(at + EventLayout.OrderAccepted.CREATED_TIME); }
        // @formatter:on
    }
}
