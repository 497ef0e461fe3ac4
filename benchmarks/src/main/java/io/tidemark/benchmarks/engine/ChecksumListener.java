package io.tidemark.benchmarks.engine;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;

/** Folds every event into a checksum, so the JIT cannot drop event production; the cheapest honest consumer. */
public final class ChecksumListener implements EngineListener {
    public long checksum;
    public long trades;

    @Override
    public void onOrderAccepted(final long ts, final OrderView order) {
        checksum += order.orderId() ^ order.price();
    }

    @Override
    public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) {
        checksum += orderId;
    }

    @Override
    public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean kept) {
        checksum += orderId ^ price ^ size;
    }

    @Override
    public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        trades++;
        checksum += tradeId ^ price ^ size ^ takerFee ^ makerFee;
    }

    @Override
    public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        checksum += orderId ^ filled;
    }

    @Override
    public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        checksum += orderId;
    }

    @Override
    public void onBalanceChanged(final long ts, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        checksum += available ^ hold;
    }

    @Override
    public void onLevelChanged(final long ts, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
        checksum += price ^ totalSize;
    }

    @Override
    public void onMarketStatusChanged(final long ts, final int marketId, final MarketStatus status) {
        checksum++;
    }

    @Override
    public void onCommandComplete(final Command command) {
        checksum += command.resultId;
    }
}
