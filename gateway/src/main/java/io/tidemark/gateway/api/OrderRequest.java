package io.tidemark.gateway.api;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;

import java.util.Set;

/**
 * The body of {@code POST /v1/orders} (and of the WebSocket {@code order.place}) turned into an engine
 * command. The gateway checks form (types, decimals, ticks and lots, which members each order type
 * takes); the engine checks everything that depends on state or on the market's limits, so both
 * entry points share one set of rules.
 */
public final class OrderRequest {
    public static final Set<String> MEMBERS = Set.of("pair", "side", "type", "price", "size", "time_in_force",
        "post_only", "client_order_id", "stop_price", "funds", "stp");

    private OrderRequest() {
    }

    public static Command toCommand(final RequestBody body, final long accountId, final ExchangeConfig config,
                                    final Command out) {
        final Market market = Query.market(config, body.string("pair", true));
        final Side side = body.enumValue("side", true, Side::fromWire, "buy, sell");
        final OrderType type = body.enumValue("type", true, OrderType::fromWire, "limit, market, stop, stop_limit");
        final TimeInForce tif = body.enumValue("time_in_force", false, TimeInForce::fromWire, "gtc, ioc, fok");
        final SelfTradePrevention stp = body.enumValue("stp", false, SelfTradePrevention::fromWire,
            "cancel_taker, cancel_maker, cancel_both");
        final boolean postOnly = body.bool("post_only", false);
        final String clientOrderId = body.string("client_order_id", false);

        final boolean limitPriced = type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
        final boolean stopped = type == OrderType.STOP || type == OrderType.STOP_LIMIT;
        if (!limitPriced && body.has("price")) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, type.wireName() + " orders take no price", "price");
        }
        if (!stopped && body.has("stop_price")) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, type.wireName() + " orders take no stop_price", "stop_price");
        }
        final long price = limitPriced ? body.price("price", market, true) : 0;
        final long stopPrice = stopped ? body.price("stop_price", market, true) : 0;
        final long funds;
        final long size;
        if (body.has("funds")) {
            if (limitPriced || side != Side.BUY) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "funds is only for market and stop buys", "funds");
            }
            if (body.has("size")) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "give size or funds, not both", "funds");
            }
            funds = body.amount("funds", market.quote(), true);
            size = 0;
        } else {
            funds = 0;
            size = body.size("size", market, true);
        }
        if (postOnly && (type != OrderType.LIMIT || (tif != null && tif != TimeInForce.GTC))) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "post_only is only for limit gtc orders", "post_only");
        }

        out.placeOrder(accountId, market.id(), side, type, price, size);
        out.stopPrice = stopPrice;
        out.funds = funds;
        // a market (or stop-market) order never rests: gtc, the default, means ioc for it
        out.timeInForce = tif == null || (!limitPriced && tif == TimeInForce.GTC)
            ? (limitPriced ? TimeInForce.GTC : TimeInForce.IOC) : tif;
        out.postOnly = postOnly;
        out.selfTradePrevention = stp != null ? stp : SelfTradePrevention.CANCEL_TAKER;
        if (clientOrderId != null && !out.clientOrderId.set(clientOrderId)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "client_order_id must be 1-36 characters of [A-Za-z0-9_-]",
                "client_order_id");
        }
        return out;
    }
}
