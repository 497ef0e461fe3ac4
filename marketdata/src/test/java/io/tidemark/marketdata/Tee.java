package io.tidemark.marketdata;

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

/** Test helper: hands every engine event to several listeners, in order. */
final class Tee implements EngineListener {
    private final List<EngineListener> targets = new ArrayList<>();

    Tee(final EngineListener... targets) {
        this.targets.addAll(List.of(targets));
    }

    /** Adds a listener from the next event on (call between commands). */
    Tee add(final EngineListener target) {
        targets.add(target);
        return this;
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
        targets.forEach(t -> t.onOrderAccepted(timestamp, order));
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        targets.forEach(t -> t.onOrderTriggered(timestamp, orderId, accountId, marketId));
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        targets.forEach(t -> t.onOrderAmended(timestamp, orderId, accountId, marketId, price, size, filled, priorityKept));
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        targets.forEach(t -> t.onTrade(timestamp, tradeId, marketId, price, size, takerSide, takerOrderId,
            takerAccountId, takerFee, makerOrderId, makerAccountId, makerFee));
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        targets.forEach(t -> t.onOrderClosed(timestamp, orderId, accountId, marketId, status, reason, filled));
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        targets.forEach(t -> t.onOrderRejected(timestamp, orderId, accountId, marketId, reason));
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        targets.forEach(t -> t.onBalanceChanged(timestamp, accountId, assetId, wallet, available, hold));
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
        targets.forEach(t -> t.onLevelChanged(timestamp, marketId, side, price, totalSize, orderCount));
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
        targets.forEach(t -> t.onMarketStatusChanged(timestamp, marketId, status));
    }

    @Override
    public void onCommandComplete(final Command command) {
        targets.forEach(t -> t.onCommandComplete(command));
    }
}
