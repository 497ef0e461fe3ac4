package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.view.FillRecord;
import io.tidemark.engine.view.OrderRecord;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The JSON shapes of API.md for orders, fills and balances, built from copies taken off the view
 * thread. Ids are strings of digits, money is decimal strings, times are ISO-8601 with microseconds.
 * Shared by REST and the WebSocket, so both speak the same shapes.
 */
public final class ApiJson {
    private ApiJson() {
    }

    public static ObjectNode order(final ExchangeConfig config, final OrderRecord o) {
        final Market market = config.market(o.marketId());
        final Asset quote = market.quote();
        final ObjectNode node = Json.object();
        node.put("id", Long.toString(o.orderId()));
        if (o.clientOrderId().isPresent()) {
            node.put("client_order_id", o.clientOrderId().toString());
        } else {
            node.putNull("client_order_id");
        }
        node.put("pair", market.pair());
        node.put("side", o.side().wireName());
        node.put("type", o.orderType().wireName());
        node.put("time_in_force", o.timeInForce().wireName());
        node.put("post_only", o.postOnly());
        node.put("stp", o.selfTradePrevention().wireName());
        putOrNull(node, "price", o.price() > 0 ? market.formatPrice(o.price()) : null);
        putOrNull(node, "stop_price", o.stopPrice() > 0 ? market.formatPrice(o.stopPrice()) : null);
        putOrNull(node, "size", o.size() > 0 ? market.formatSize(o.size()) : null);
        putOrNull(node, "funds", o.funds() > 0 ? quote.formatAmount(o.funds()) : null);
        final OrderStatus status = o.apiStatus();
        node.put("status", status.wireName());
        node.put("filled_size", market.formatSize(o.filled()));
        putOrNull(node, "remaining_size", o.size() > 0 ? market.formatSize(o.remaining()) : null);
        node.put("filled_value", quote.formatAmount(o.filledValue()));
        putOrNull(node, "avg_fill_price", averagePrice(market, o.filled(), o.filledValue()));
        node.put("fees", quote.formatAmount(o.fees()));
        node.put("fee_asset", quote.symbol());
        putOrNull(node, "cancel_reason", status == OrderStatus.CANCELLED && o.cancelReason() != CancelReason.NONE
            ? o.cancelReason().wireName() : null);
        putOrNull(node, "reject_reason", o.rejectReason() != null ? o.rejectReason().apiCode() : null);
        node.put("created_at", Times.ofEpochNanos(o.createdTime()));
        node.put("updated_at", Times.ofEpochNanos(o.updatedTime()));
        return node;
    }

    /** The volume-weighted price of the fills so far, at the quote asset's precision; null before any fill. */
    static String averagePrice(final Market market, final long filledLots, final long filledValue) {
        if (filledLots <= 0) {
            return null;
        }
        final BigDecimal base = new BigDecimal(market.formatSize(filledLots));
        final BigDecimal quote = new BigDecimal(market.quote().formatAmount(filledValue));
        final int scale = Math.max(market.tickDecimals(), market.quote().scale());
        BigDecimal average = quote.divide(base, scale, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (average.scale() < market.tickDecimals()) {
            average = average.setScale(market.tickDecimals(), RoundingMode.UNNECESSARY);
        }
        return average.toPlainString();
    }

    public static ObjectNode fill(final ExchangeConfig config, final FillRecord f) {
        return fill(config, f.tradeId(), f.orderId(), f.marketId(), f.side(), f.price(), f.size(), f.fee(),
            f.liquidity(), f.time());
    }

    /** One side of a trade as the account that took part in it sees it (REST fills and the WebSocket). */
    public static ObjectNode fill(final ExchangeConfig config, final long tradeId, final long orderId, final int marketId,
                                  final Side side, final long price, final long size, final long fee,
                                  final Liquidity liquidity, final long time) {
        final Market market = config.market(marketId);
        final ObjectNode node = Json.object();
        node.put("trade_id", Long.toString(tradeId));
        node.put("order_id", Long.toString(orderId));
        node.put("pair", market.pair());
        node.put("side", side.wireName());
        node.put("price", market.formatPrice(price));
        node.put("size", market.formatSize(size));
        node.put("fee", market.quote().formatAmount(fee));
        node.put("fee_asset", market.quote().symbol());
        node.put("liquidity", liquidity.wireName());
        node.put("time", Times.ofEpochNanos(time));
        return node;
    }

    /** One asset's wallets: {@code available} and {@code hold} per wallet, indexed [wallet][0=available,1=hold]. */
    public static ObjectNode balance(final Asset asset, final long[][] wallets) {
        final ObjectNode node = Json.object();
        node.put("asset", asset.symbol());
        for (final Wallet wallet : Wallet.values()) {
            final ObjectNode w = node.putObject(wallet.wireName());
            w.put("available", asset.formatAmount(wallets[wallet.ordinal()][0]));
            w.put("hold", asset.formatAmount(wallets[wallet.ordinal()][1]));
        }
        return node;
    }

    public static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }

    static void putOrNull(final ObjectNode node, final String name, final String value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
