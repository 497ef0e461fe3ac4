package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;
import io.tidemark.history.store.HistoryStore;
import io.tidemark.node.view.FillRecord;
import io.tidemark.node.view.OrderFilter;
import io.tidemark.node.view.OrderRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The order endpoints of API.md. Every write goes through the ring; every read comes from the account
 * views on the view thread, copied out and rendered on the event loop. The same operations serve the
 * WebSocket's order ops through {@link OrderOps}.
 */
public final class OrderEndpoints {
    private static final Set<String> LIST_PARAMS = Set.of("pair", "status", "limit", "before");
    private static final Set<String> FILL_PARAMS = Set.of("pair", "limit", "before");
    private static final Set<String> CANCEL_ALL_MEMBERS = Set.of("pair");
    private static final Set<String> AMEND_MEMBERS = Set.of("size", "price");

    private final EngineClient engine;
    private final OrderOps ops;

    public OrderEndpoints(final EngineClient engine) {
        this.engine = engine;
        this.ops = new OrderOps(engine);
    }

    public OrderOps ops() {
        return ops;
    }

    private ExchangeConfig config() {
        return engine.config();
    }

    public void place(final ApiRequest request, final Responder responder) {
        final RequestBody body = RequestBody.scan(request.body(), OrderRequest.MEMBERS);
        ops.place(body, request.key().accountId(), responder.executor(), result -> responder.send(orderResponse(request, result)));
    }

    public void get(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final long accountId = request.key().accountId();
        final long orderId = Query.orderId(request.capture("id"));
        engine.query((views, command, slot) -> new Found(copy(views.accounts().order(accountId, orderId)),
            engine.history().viewsSequence()), responder.executor(), outcome -> {
                final Found found = outcome.valueOrThrow();
                if (found.order() != null) {
                    responder.send(found(request, found.order()));
                    return;
                }
                engine.history().read(found.viewsSequence(), store -> store.order(accountId, orderId), responder.executor(),
                    stored -> responder.send(found(request, stored.valueOrThrow())));
            });
    }

    public void getByClientId(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final long accountId = request.key().accountId();
        final ClientOrderId clientOrderId = clientOrderId(request.capture("client_order_id"));
        final String text = clientOrderId.toString();
        engine.query((views, command, slot) -> new Found(copy(views.accounts().orderByClientId(accountId, clientOrderId)),
            engine.history().viewsSequence()), responder.executor(), outcome -> {
                final Found found = outcome.valueOrThrow();
                if (found.order() != null) {
                    responder.send(found(request, found.order()));
                    return;
                }
                engine.history().read(found.viewsSequence(), store -> store.orderByClientId(accountId, text),
                    responder.executor(), stored -> responder.send(found(request, stored.valueOrThrow())));
            });
    }

    /** An order read from the views (null if they no longer hold it), and the views' sequence then. */
    private record Found(OrderRecord order, long viewsSequence) {
    }

    /**
     * One page read from the views, whether the views alone answer it, and their sequence: the views hold
     * every order above {@code ordersCompleteAbove} (every fill from {@code fillsCompleteFrom}), so a page
     * whose rows and look-ahead row all lie there is whole; any other page is read from the store once it
     * reached the views' sequence, with the same id cursor.
     */
    private record Page<T>(List<T> rows, boolean whole, long viewsSequence) {
    }

    public void list(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, LIST_PARAMS);
        final Market market = query.pair(config());
        final String statusText = query.get("status");
        final OrderFilter filter = statusText == null ? OrderFilter.ALL : OrderFilter.fromWire(statusText);
        if (filter == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "status must be open, closed or all", "status");
        }
        final int limit = query.limit(Query.DEFAULT_LIMIT, Query.MAX_LIMIT);
        final long before = query.before('o');
        final long accountId = request.key().accountId();
        final int marketId = market == null ? Command.ALL_MARKETS : market.id();
        engine.query((views, command, slot) -> {
            final List<OrderRecord> orders = new ArrayList<>(Math.min(limit + 1, 128));
            views.accounts().orders(accountId, marketId, filter, before, limit + 1,
                order -> orders.add(new OrderRecord().copyFrom(order)));
            final long completeAbove = views.accounts().ordersCompleteAbove(accountId);
            // every open order is in the views; closed ones only above the ceiling
            final boolean whole = filter == OrderFilter.OPEN || completeAbove == 0
                || (orders.size() > limit && orders.get(limit).orderId() > completeAbove);
            return new Page<>(orders, whole, engine.history().viewsSequence());
        }, responder.executor(), outcome -> {
            final Page<OrderRecord> page = outcome.valueOrThrow();
            if (page.whole()) {
                sendOrders(request, responder, page.rows(), limit);
                return;
            }
            final HistoryStore.OrderStatusFilter stored = filter == OrderFilter.CLOSED
                ? HistoryStore.OrderStatusFilter.CLOSED : HistoryStore.OrderStatusFilter.ALL;
            engine.history().read(page.viewsSequence(), store -> store.orders(accountId, marketId, stored, before, limit + 1),
                responder.executor(), rows -> sendOrders(request, responder, rows.valueOrThrow(), limit));
        });
    }

    private void sendOrders(final ApiRequest request, final Responder responder, final List<OrderRecord> orders,
                            final int limit) {
        final int count = Math.min(limit, orders.size());
        final String next = orders.size() > limit ? Query.cursor('o', orders.get(limit - 1).orderId()) : null;
        responder.send(ApiResponse.page(request, out -> {
            out.writeStartArray();
            for (int i = 0; i < count; i++) {
                ApiJson.writeOrder(out, config(), orders.get(i));
            }
            out.writeEndArray();
        }, next));
    }

    public void cancel(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        RequestBody.parseOptional(request.body(), Set.of());
        final long orderId = Query.orderId(request.capture("id"));
        ops.cancel(request.key().accountId(), orderId, responder.executor(),
            result -> responder.send(orderResponse(request, result)));
    }

    public void cancelByClientId(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        RequestBody.parseOptional(request.body(), Set.of());
        final ClientOrderId clientOrderId = clientOrderId(request.capture("client_order_id"));
        ops.cancelByClientId(request.key().accountId(), clientOrderId, responder.executor(),
            result -> responder.send(orderResponse(request, result)));
    }

    public void cancelAll(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final RequestBody body = RequestBody.parseOptional(request.body(), CANCEL_ALL_MEMBERS);
        final String pair = body.string("pair", false);
        final int marketId = pair == null ? Command.ALL_MARKETS : Query.market(config(), pair).id();
        ops.cancelAll(request.key().accountId(), marketId, responder.executor(), result -> {
            if (result.error() != null) {
                responder.send(ApiResponse.error(request, result.error()));
                return;
            }
            final ObjectNode data = Json.object();
            final ArrayNode ids = data.putArray("cancelled_order_ids");
            for (final long id : result.value()) {
                ids.add(Long.toString(id));
            }
            data.put("count", result.value().length);
            responder.send(ApiResponse.data(request, data));
        });
    }

    public void amend(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final RequestBody body = RequestBody.parse(request.body(), AMEND_MEMBERS);
        if (!body.has("size") && !body.has("price")) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "give a new size, a new price, or both");
        }
        final long orderId = Query.orderId(request.capture("id"));
        ops.amend(request.key().accountId(), orderId, body, responder.executor(),
            result -> responder.send(orderResponse(request, result)));
    }

    public void fills(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, FILL_PARAMS);
        final Market market = query.pair(config());
        final int limit = query.limit(Query.DEFAULT_LIMIT, Query.MAX_LIMIT);
        final long before = query.before('f');
        final long accountId = request.key().accountId();
        final int marketId = market == null ? Command.ALL_MARKETS : market.id();
        engine.query((views, command, slot) -> {
            final List<FillRecord> fills = new ArrayList<>(Math.min(limit + 1, 128));
            views.accounts().fills(accountId, marketId, before, limit + 1, fill -> fills.add(new FillRecord().copyFrom(fill)));
            final long completeFrom = views.accounts().fillsCompleteFrom(accountId);
            final boolean whole = completeFrom == 0 || (fills.size() > limit && fills.get(limit).tradeId() >= completeFrom);
            return new Page<>(fills, whole, engine.history().viewsSequence());
        }, responder.executor(), outcome -> {
            final Page<FillRecord> page = outcome.valueOrThrow();
            if (page.whole()) {
                sendFills(request, responder, page.rows(), limit);
                return;
            }
            engine.history().read(page.viewsSequence(), store -> store.fills(accountId, marketId, before, limit + 1),
                responder.executor(), rows -> sendFills(request, responder, rows.valueOrThrow(), limit));
        });
    }

    private void sendFills(final ApiRequest request, final Responder responder, final List<FillRecord> fills,
                           final int limit) {
        final int count = Math.min(limit, fills.size());
        final String next = fills.size() > limit ? Query.cursor('f', fills.get(limit - 1).tradeId()) : null;
        responder.send(ApiResponse.page(request, out -> {
            out.writeStartArray();
            for (int i = 0; i < count; i++) {
                ApiJson.writeFill(out, config(), fills.get(i));
            }
            out.writeEndArray();
        }, next));
    }

    /** An order result as a response: the order, with {@code Idempotent-Replayed} for a replay. */
    private ApiResponse orderResponse(final ApiRequest request, final OrderOps.OrderResult result) {
        if (result.error() != null) {
            return ApiResponse.error(request, result.error());
        }
        final ApiResponse response = ApiResponse.data(request, ApiJson.order(config(), result.order()));
        if (result.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }

    private ApiResponse found(final ApiRequest request, final OrderRecord order) {
        if (order == null) {
            throw new ApiException(ErrorCode.ORDER_NOT_FOUND, "order not found");
        }
        return ApiResponse.data(request, ApiJson.order(config(), order));
    }

    static OrderRecord copy(final OrderRecord order) {
        return order == null ? null : new OrderRecord().copyFrom(order);
    }

    /** A client order id from a path or op; one that is not well formed names no order. */
    public static ClientOrderId clientOrderId(final String text) {
        final ClientOrderId id = new ClientOrderId();
        if (text == null || !id.set(text)) {
            throw new ApiException(ErrorCode.ORDER_NOT_FOUND, "order not found");
        }
        return id;
    }
}
