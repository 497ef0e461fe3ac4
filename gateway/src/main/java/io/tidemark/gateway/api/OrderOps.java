package io.tidemark.gateway.api;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.event.EventDecoder;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.error.Rejection;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.view.OrderRecord;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Order entry shared by REST and the WebSocket: place, cancel (idempotent: an order already closed
 * answers with its final state), cancel by client id, cancel-all and amend. Form errors and
 * back-pressure are thrown at once; everything else arrives as a result on the caller's executor.
 */
public final class OrderOps {
    private final EngineClient engine;

    /**
     * The order as the engine left it, whether it was a replay, or the error. {@code storedOrderId} names an
     * order the views no longer hold, to be read from the history store once it reached {@code viewsSequence}.
     */
    public record OrderResult(OrderRecord order, boolean replayed, ApiException error, long storedOrderId,
                              long viewsSequence) {
        public OrderResult(final OrderRecord order, final boolean replayed, final ApiException error) {
            this(order, replayed, error, 0, 0);
        }

        static OrderResult failed(final ApiException error) {
            return new OrderResult(null, false, error);
        }

        static OrderResult stored(final long orderId, final boolean replayed, final long viewsSequence) {
            return new OrderResult(null, replayed, null, orderId, viewsSequence);
        }
    }

    public OrderOps(final EngineClient engine) {
        this.engine = engine;
    }

    public void place(final RequestBody body, final long accountId, final Executor executor,
                      final Consumer<OrderResult> then) {
        final Command command = OrderRequest.toCommand(body, accountId, engine.config(), new Command());
        engine.command(command, (views, applied, slot) -> {
            if (applied.result.isRejection()) {
                return OrderResult.failed(Rejection.of(applied.result).exception());
            }
            final OrderRecord order = OrderEndpoints.copy(views.accounts().order(accountId, applied.resultId));
            if (order == null) {
                // a replay of an order the views no longer hold: the history store has it
                return OrderResult.stored(applied.resultId, applied.result == ResultCode.REPLAYED,
                    engine.history().viewsSequence());
            }
            return new OrderResult(order, applied.result == ResultCode.REPLAYED, null);
        }, executor, outcome -> resolve(accountId, unwrap(outcome), executor, then,
            () -> new ApiException(ErrorCode.INTERNAL_ERROR, "the order was placed but is not visible")));
    }

    public void cancel(final long accountId, final long orderId, final Executor executor,
                       final Consumer<OrderResult> then) {
        engine.command(new Command().cancelOrder(accountId, orderId), (views, applied, slot) -> {
            final OrderRecord order = OrderEndpoints.copy(views.accounts().order(accountId, orderId));
            if (applied.result == ResultCode.ORDER_NOT_FOUND && order == null) {
                // closed long ago, or never this account's: the history store knows which
                return OrderResult.stored(orderId, false, engine.history().viewsSequence());
            }
            if (applied.result == ResultCode.ACCEPTED || (applied.result == ResultCode.ORDER_NOT_FOUND && order != null)) {
                // an order that was already filled or cancelled answers with its final state: cancel is idempotent
                return order != null ? new OrderResult(order, false, null)
                    : OrderResult.failed(new ApiException(ErrorCode.ORDER_NOT_FOUND, "order not found"));
            }
            return OrderResult.failed(Rejection.of(applied.result).exception());
        }, executor, outcome -> resolve(accountId, unwrap(outcome), executor, then,
            () -> new ApiException(ErrorCode.ORDER_NOT_FOUND, "order not found")));
    }

    /** Reads an order the views no longer hold from the history store; else passes the result on. */
    private void resolve(final long accountId, final OrderResult result, final Executor executor,
                         final Consumer<OrderResult> then, final java.util.function.Supplier<ApiException> missing) {
        if (result.storedOrderId() == 0) {
            then.accept(result);
            return;
        }
        engine.history().read(result.viewsSequence(), store -> store.order(accountId, result.storedOrderId()), executor,
            stored -> {
                if (stored.error() != null) {
                    then.accept(OrderResult.failed(stored.error()));
                } else if (stored.value() == null) {
                    then.accept(OrderResult.failed(missing.get()));
                } else {
                    then.accept(new OrderResult(stored.value(), result.replayed(), null));
                }
            });
    }

    public void cancelByClientId(final long accountId, final ClientOrderId clientOrderId, final Executor executor,
                                 final Consumer<OrderResult> then) {
        engine.query((views, command, slot) -> {
            final OrderRecord order = OrderEndpoints.copy(views.accounts().orderByClientId(accountId, clientOrderId));
            return order != null ? new OrderResult(order, false, null)
                : new OrderResult(null, false, null, 0, engine.history().viewsSequence());
        }, executor, found -> {
                final OrderRecord order = found.value() == null ? null : found.value().order();
                if (found.error() == null && order == null) {
                    // not in the views: closed long ago (every open order is in them), or unknown
                    final String text = clientOrderId.toString();
                    engine.history().read(found.value().viewsSequence(), store -> store.orderByClientId(accountId, text),
                        executor, stored -> then.accept(stored.error() != null ? OrderResult.failed(stored.error())
                            : stored.value() == null ? OrderResult.failed(new ApiException(ErrorCode.ORDER_NOT_FOUND,
                            "order not found")) : new OrderResult(stored.value(), false, null)));
                } else if (found.error() != null) {
                    then.accept(OrderResult.failed(found.error()));
                } else if (!order.isOpen()) {
                    then.accept(new OrderResult(order, false, null));
                } else {
                    try {
                        cancel(accountId, order.orderId(), executor, then);
                    } catch (final ApiException e) {
                        then.accept(OrderResult.failed(e));
                    }
                }
            });
    }

    /** Cancels the account's open orders (of one market, or {@link Command#ALL_MARKETS}); yields their ids. */
    public void cancelAll(final long accountId, final int marketId, final Executor executor,
                          final Consumer<EngineClient.Outcome<long[]>> then) {
        engine.commandReadingEvents(new Command().cancelAll(accountId, marketId), (views, applied, slot) -> {
            if (applied.result.isRejection()) {
                throw Rejection.of(applied.result).exception();
            }
            return cancelledOrders(accountId, slot);
        }, executor, then);
    }

    /**
     * The ids of the account's orders that the slot's command cancelled, from its events (the slot's handler
     * must read events: {@code ReplyHandler.readsEvents}); on the view thread.
     */
    public static long[] cancelledOrders(final long accountId, final CommandSlot slot) {
        final ClosedOrders closed = new ClosedOrders(accountId);
        new EventDecoder().decode(slot.events(), slot.eventsLength(), slot.command(), closed);
        return closed.ids();
    }

    /** Amends the size and/or price given in {@code body} (parsed at the order's market). */
    public void amend(final long accountId, final long orderId, final RequestBody body, final Executor executor,
                      final Consumer<OrderResult> then) {
        engine.query((views, command, slot) -> OrderEndpoints.copy(views.accounts().order(accountId, orderId)),
            executor, outcome -> {
                final OrderRecord order = outcome.value();
                if (outcome.error() != null || order == null) {
                    then.accept(OrderResult.failed(outcome.error() != null ? outcome.error()
                        : new ApiException(ErrorCode.ORDER_NOT_FOUND, "order not found")));
                    return;
                }
                try {
                    final Market market = engine.config().market(order.marketId());
                    final long price = body.price("price", market, false);
                    final long size = body.size("size", market, false);
                    engine.command(new Command().amendOrder(accountId, orderId, price, size), (views, applied, s) -> {
                        if (applied.result.isRejection()) {
                            return OrderResult.failed(Rejection.of(applied.result).exception());
                        }
                        return new OrderResult(OrderEndpoints.copy(views.accounts().order(accountId, orderId)), false, null);
                    }, executor, amended -> then.accept(unwrap(amended)));
                } catch (final ApiException e) {
                    then.accept(OrderResult.failed(e));
                }
            });
    }

    private static OrderResult unwrap(final EngineClient.Outcome<OrderResult> outcome) {
        return outcome.error() != null ? OrderResult.failed(outcome.error()) : outcome.value();
    }

    /** Collects the ids of one account's orders that a command closed. */
    private static final class ClosedOrders extends IgnoringListener {
        private final long accountId;
        private long[] ids = new long[16];
        private int count;

        ClosedOrders(final long accountId) {
            this.accountId = accountId;
        }

        long[] ids() {
            return Arrays.copyOf(ids, count);
        }

        @Override
        public void onOrderClosed(final long timestamp, final long orderId, final long account, final int marketId,
                                  final OrderStatus status, final CancelReason reason, final long filled) {
            if (account == accountId && status == OrderStatus.CANCELLED) {
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                }
                ids[count++] = orderId;
            }
        }
    }
}
