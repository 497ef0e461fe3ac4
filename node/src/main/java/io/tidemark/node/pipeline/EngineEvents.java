package io.tidemark.node.pipeline;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.event.EventEncoder;

/**
 * The listener a node's engine reports to. Each event is encoded into the command's ring slot when a stage
 * on another thread, or the command's submitter, reads it from there ({@link #encoding}), and handed
 * straight to the read models when they run on the engine's own thread ({@link #views}): the fused core
 * thread and recovery replay, which thus skip encoding and decoding events that no other thread reads.
 * Either way the models see the same events in the same order (through one {@link FanOut}).
 *
 * <p>Not thread safe: owned by the thread that runs the engine.
 */
public final class EngineEvents implements EngineListener {
    private final EventEncoder encoder = new EventEncoder();
    private boolean encoding;
    private EngineListener views;

    /** The encoder that writes into the slot; wrap it around the slot's buffer before each command. */
    public EventEncoder encoder() {
        return encoder;
    }

    /** Whether the next command's events are encoded into the buffer the encoder wraps. */
    public void encoding(final boolean value) {
        encoding = value;
    }

    /** Where the events go on this thread: a {@link FanOut}'s direct target, or null for nowhere. */
    public void views(final FanOut value) {
        views = value == null ? null : value.direct();
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
        if (encoding) {
            encoder.onOrderAccepted(timestamp, order);
        }
        if (views != null) {
            views.onOrderAccepted(timestamp, order);
        }
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        if (encoding) {
            encoder.onOrderTriggered(timestamp, orderId, accountId, marketId);
        }
        if (views != null) {
            views.onOrderTriggered(timestamp, orderId, accountId, marketId);
        }
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        if (encoding) {
            encoder.onOrderAmended(timestamp, orderId, accountId, marketId, price, size, filled, priorityKept);
        }
        if (views != null) {
            views.onOrderAmended(timestamp, orderId, accountId, marketId, price, size, filled, priorityKept);
        }
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        if (encoding) {
            encoder.onTrade(timestamp, tradeId, marketId, price, size, takerSide, takerOrderId, takerAccountId, takerFee,
                makerOrderId, makerAccountId, makerFee);
        }
        if (views != null) {
            views.onTrade(timestamp, tradeId, marketId, price, size, takerSide, takerOrderId, takerAccountId, takerFee,
                makerOrderId, makerAccountId, makerFee);
        }
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        if (encoding) {
            encoder.onOrderClosed(timestamp, orderId, accountId, marketId, status, reason, filled);
        }
        if (views != null) {
            views.onOrderClosed(timestamp, orderId, accountId, marketId, status, reason, filled);
        }
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        if (encoding) {
            encoder.onOrderRejected(timestamp, orderId, accountId, marketId, reason);
        }
        if (views != null) {
            views.onOrderRejected(timestamp, orderId, accountId, marketId, reason);
        }
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        if (encoding) {
            encoder.onBalanceChanged(timestamp, accountId, assetId, wallet, available, hold);
        }
        if (views != null) {
            views.onBalanceChanged(timestamp, accountId, assetId, wallet, available, hold);
        }
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
        if (encoding) {
            encoder.onLevelChanged(timestamp, marketId, side, price, totalSize, orderCount);
        }
        if (views != null) {
            views.onLevelChanged(timestamp, marketId, side, price, totalSize, orderCount);
        }
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
        if (encoding) {
            encoder.onMarketStatusChanged(timestamp, marketId, status);
        }
        if (views != null) {
            views.onMarketStatusChanged(timestamp, marketId, status);
        }
    }

    @Override
    public void onCommandComplete(final Command command) {
        if (encoding) {
            encoder.onCommandComplete(command);
        }
        if (views != null) {
            views.onCommandComplete(command);
        }
    }
}
