package io.tidemark.engine.testkit;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records every event as a value. */
public final class RecordingListener implements EngineListener {
    private final List<EngineEvent> events = new ArrayList<>();

    public List<EngineEvent> events() {
        return events;
    }

    public <T extends EngineEvent> List<T> ofType(final Class<T> type) {
        final List<T> result = new ArrayList<>();
        for (final EngineEvent event : events) {
            if (type.isInstance(event)) {
                result.add(type.cast(event));
            }
        }
        return result;
    }

    public List<EngineEvent> matching(final Predicate<EngineEvent> predicate) {
        return events.stream().filter(predicate).toList();
    }

    public void clear() {
        events.clear();
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView o) {
        events.add(new EngineEvent.Accepted(timestamp, o.orderId(), o.accountId(), o.marketId(), o.side(),
            o.orderType(), o.timeInForce(), o.postOnly(), o.selfTradePrevention(), o.price(), o.stopPrice(), o.size(),
            o.funds(), o.filled(), o.status(), o.clientOrderId().toString(), o.createdTime()));
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        events.add(new EngineEvent.Triggered(timestamp, orderId, accountId, marketId));
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        events.add(new EngineEvent.Amended(timestamp, orderId, accountId, marketId, price, size, filled, priorityKept));
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        events.add(new EngineEvent.Trade(timestamp, tradeId, marketId, price, size, takerSide, takerOrderId,
            takerAccountId, takerFee, makerOrderId, makerAccountId, makerFee));
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        events.add(new EngineEvent.Closed(timestamp, orderId, accountId, marketId, status, reason, filled));
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        events.add(new EngineEvent.Rejected(timestamp, orderId, accountId, marketId, reason));
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        events.add(new EngineEvent.Balance(timestamp, accountId, assetId, wallet, available, hold));
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
        events.add(new EngineEvent.Level(timestamp, marketId, side, price, totalSize, orderCount));
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
        events.add(new EngineEvent.MarketStatusChanged(timestamp, marketId, status));
    }

    @Override
    public void onCommandComplete(final Command command) {
        events.add(new EngineEvent.Complete(command.sequence, command.type, command.result, command.resultId));
    }
}
