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

import java.util.ArrayList;
import java.util.List;

/**
 * Delivers each event to every read model in registration order before the next event is decoded.
 * The view stage and recovery replay both deliver through here, so a model that reads an earlier
 * model's state (the private streams read the account views) finds it as of the same event either
 * way; a replay that gave one model a whole command before the next would show it the command's end.
 *
 * Each event goes only to the models that read its kind ({@link ReadModel#events()}), in registration
 * order.
 *
 * <p>Not thread safe: one per consuming thread.
 */
public final class FanOut implements EngineListener {
    private final ReadModel[] accepted;
    private final ReadModel[] triggered;
    private final ReadModel[] amended;
    private final ReadModel[] trades;
    private final ReadModel[] closed;
    private final ReadModel[] rejected;
    private final ReadModel[] balances;
    private final ReadModel[] levels;
    private final ReadModel[] statuses;
    private final ReadModel[] completes;
    private final EngineListener target;
    private final EventDecoder decoder = new EventDecoder();

    public FanOut(final List<? extends ReadModel> readModels) {
        this.accepted = reading(readModels, ReadModel.Event.ORDER_ACCEPTED);
        this.triggered = reading(readModels, ReadModel.Event.ORDER_TRIGGERED);
        this.amended = reading(readModels, ReadModel.Event.ORDER_AMENDED);
        this.trades = reading(readModels, ReadModel.Event.TRADE);
        this.closed = reading(readModels, ReadModel.Event.ORDER_CLOSED);
        this.rejected = reading(readModels, ReadModel.Event.ORDER_REJECTED);
        this.balances = reading(readModels, ReadModel.Event.BALANCE_CHANGED);
        this.levels = reading(readModels, ReadModel.Event.LEVEL_CHANGED);
        this.statuses = reading(readModels, ReadModel.Event.MARKET_STATUS_CHANGED);
        this.completes = reading(readModels, ReadModel.Event.COMMAND_COMPLETE);
        // a lone model that reads everything is called directly, without the loop per event
        this.target = readModels.size() == 1 && readModels.get(0).events().size() == ReadModel.Event.values().length
            ? readModels.get(0) : this;
    }

    private static ReadModel[] reading(final List<? extends ReadModel> models, final ReadModel.Event event) {
        final List<ReadModel> reading = new ArrayList<>();
        for (final ReadModel model : models) {
            if (model.events().contains(event)) {
                reading.add(model);
            }
        }
        return reading.toArray(ReadModel[]::new);
    }

    /** Where events go when handed over directly rather than decoded: this, or its lone model that reads every kind. */
    EngineListener direct() {
        return target;
    }

    /** Decodes {@code length} bytes of {@code command}'s events once and delivers them, then the command's end. */
    public void deliver(final DirectBuffer events, final int length, final Command command) {
        decoder.decode(events, length, command, target);
    }

    @Override
    public void onOrderAccepted(final long ts, final OrderView order) {
        for (final ReadModel m : accepted) {
            m.onOrderAccepted(ts, order);
        }
    }

    @Override
    public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) {
        for (final ReadModel m : triggered) {
            m.onOrderTriggered(ts, orderId, accountId, marketId);
        }
    }

    @Override
    public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean kept) {
        for (final ReadModel m : amended) {
            m.onOrderAmended(ts, orderId, accountId, marketId, price, size, filled, kept);
        }
    }

    @Override
    public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId,
                        final long takerAccountId, final long takerFee, final long makerOrderId,
                        final long makerAccountId, final long makerFee) {
        for (final ReadModel m : trades) {
            m.onTrade(ts, tradeId, marketId, price, size, takerSide, takerOrderId, takerAccountId, takerFee,
                makerOrderId, makerAccountId, makerFee);
        }
    }

    @Override
    public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status,
                              final CancelReason reason, final long filled) {
        for (final ReadModel m : closed) {
            m.onOrderClosed(ts, orderId, accountId, marketId, status, reason, filled);
        }
    }

    @Override
    public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        for (final ReadModel m : rejected) {
            m.onOrderRejected(ts, orderId, accountId, marketId, reason);
        }
    }

    @Override
    public void onBalanceChanged(final long ts, final long accountId, final int assetId,
                                 final Wallet wallet, final long available, final long hold) {
        for (final ReadModel m : balances) {
            m.onBalanceChanged(ts, accountId, assetId, wallet, available, hold);
        }
    }

    @Override
    public void onLevelChanged(final long ts, final int marketId, final Side side,
                               final long price, final long totalSize, final int orderCount) {
        for (final ReadModel m : levels) {
            m.onLevelChanged(ts, marketId, side, price, totalSize, orderCount);
        }
    }

    @Override
    public void onMarketStatusChanged(final long ts, final int marketId,
                                      final MarketStatus status) {
        for (final ReadModel m : statuses) {
            m.onMarketStatusChanged(ts, marketId, status);
        }
    }

    @Override
    public void onCommandComplete(final Command command) {
        for (final ReadModel m : completes) {
            m.onCommandComplete(command);
        }
    }
}
