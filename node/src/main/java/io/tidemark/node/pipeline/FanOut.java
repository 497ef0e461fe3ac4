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
import io.tidemark.engine.event.EventDecoder;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * Delivers each event to every read model in registration order before the next event is decoded.
 * The view stage and recovery replay both deliver through here, so a model that reads an earlier
 * model's state (the private streams read the account views) finds it as of the same event either
 * way; a replay that gave one model a whole command before the next would show it the command's end.
 *
 * <p>Not thread safe: one per consuming thread.
 */
public final class FanOut implements EngineListener {
    private final ReadModel[] models;
    private final EngineListener target;
    private final EventDecoder decoder = new EventDecoder();

    public FanOut(final List<? extends ReadModel> readModels) {
        this.models = readModels.toArray(ReadModel[]::new);
        // a lone model is called directly, without the loop per event
        this.target = models.length == 1 ? models[0] : this;
    }

    /** Decodes {@code length} bytes of {@code command}'s events once and delivers them, then the command's end. */
    public void deliver(final DirectBuffer events, final int length, final Command command) {
        decoder.decode(events, length, command, target);
    }

    @Override
    public void onOrderAccepted(final long ts, final OrderView order) {
        for (final ReadModel m : models) {
            m.onOrderAccepted(ts, order);
        }
    }

    @Override
    public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) {
        for (final ReadModel m : models) {
            m.onOrderTriggered(ts, orderId, accountId, marketId);
        }
    }

    @Override
    public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean kept) {
        for (final ReadModel m : models) {
            m.onOrderAmended(ts, orderId, accountId, marketId, price, size, filled, kept);
        }
    }

    @Override
    public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId,
                        final long takerAccountId, final long takerFee, final long makerOrderId,
                        final long makerAccountId, final long makerFee) {
        for (final ReadModel m : models) {
            m.onTrade(ts, tradeId, marketId, price, size, takerSide, takerOrderId, takerAccountId, takerFee,
                makerOrderId, makerAccountId, makerFee);
        }
    }

    @Override
    public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status,
                              final CancelReason reason, final long filled) {
        for (final ReadModel m : models) {
            m.onOrderClosed(ts, orderId, accountId, marketId, status, reason, filled);
        }
    }

    @Override
    public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        for (final ReadModel m : models) {
            m.onOrderRejected(ts, orderId, accountId, marketId, reason);
        }
    }

    @Override
    public void onBalanceChanged(final long ts, final long accountId, final int assetId,
                                 final Wallet wallet, final long available, final long hold) {
        for (final ReadModel m : models) {
            m.onBalanceChanged(ts, accountId, assetId, wallet, available, hold);
        }
    }

    @Override
    public void onLevelChanged(final long ts, final int marketId, final Side side,
                               final long price, final long totalSize, final int orderCount) {
        for (final ReadModel m : models) {
            m.onLevelChanged(ts, marketId, side, price, totalSize, orderCount);
        }
    }

    @Override
    public void onMarketStatusChanged(final long ts, final int marketId,
                                      final MarketStatus status) {
        for (final ReadModel m : models) {
            m.onMarketStatusChanged(ts, marketId, status);
        }
    }

    @Override
    public void onCommandComplete(final Command command) {
        for (final ReadModel m : models) {
            m.onCommandComplete(command);
        }
    }
}
