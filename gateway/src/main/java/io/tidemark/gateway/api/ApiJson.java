package io.tidemark.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.error.Rejection;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.JsonWriter;
import io.tidemark.gateway.json.Times;
import io.tidemark.node.view.FillRecord;
import io.tidemark.node.view.OrderRecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The JSON shapes of API.md for orders, fills and balances, written straight to a generator from
 * copies taken off the view thread. Ids are strings of digits, money is decimal strings, times are
 * ISO-8601 with microseconds. Shared by REST and the WebSocket, so both speak the same shapes.
 */
public final class ApiJson {
    private static final Wallet[] WALLETS = Wallet.values();

    private ApiJson() {
    }

    public static JsonWriter order(final ExchangeConfig config, final OrderRecord o) {
        return out -> writeOrder(out, config, o);
    }

    public static void writeOrder(final JsonGenerator out, final ExchangeConfig config, final OrderRecord o)
        throws IOException {
        final Market market = config.market(o.marketId());
        final Asset quote = market.quote();
        out.writeStartObject();
        out.writeStringField("id", Long.toString(o.orderId()));
        Json.stringOrNull(out, "client_order_id", o.clientOrderId().isPresent() ? o.clientOrderId().toString() : null);
        out.writeStringField("pair", market.pair());
        out.writeStringField("side", o.side().wireName());
        out.writeStringField("type", o.orderType().wireName());
        out.writeStringField("time_in_force", o.timeInForce().wireName());
        out.writeBooleanField("post_only", o.postOnly());
        out.writeStringField("stp", o.selfTradePrevention().wireName());
        Json.stringOrNull(out, "price", o.price() > 0 ? market.formatPrice(o.price()) : null);
        Json.stringOrNull(out, "stop_price", o.stopPrice() > 0 ? market.formatPrice(o.stopPrice()) : null);
        Json.stringOrNull(out, "size", o.size() > 0 ? market.formatSize(o.size()) : null);
        Json.stringOrNull(out, "funds", o.funds() > 0 ? quote.formatAmount(o.funds()) : null);
        final OrderStatus status = o.apiStatus();
        out.writeStringField("status", status.wireName());
        out.writeStringField("filled_size", market.formatSize(o.filled()));
        Json.stringOrNull(out, "remaining_size", o.size() > 0 ? market.formatSize(o.remaining()) : null);
        out.writeStringField("filled_value", quote.formatAmount(o.filledValue()));
        Json.stringOrNull(out, "avg_fill_price", averagePrice(market, o.filled(), o.filledValue()));
        out.writeStringField("fees", quote.formatAmount(o.fees()));
        out.writeStringField("fee_asset", quote.symbol());
        Json.stringOrNull(out, "cancel_reason", status == OrderStatus.CANCELLED && o.cancelReason() != CancelReason.NONE
            ? o.cancelReason().wireName() : null);
        Json.stringOrNull(out, "reject_reason",
            o.rejectReason() != null ? Rejection.of(o.rejectReason()).code().code() : null);
        out.writeStringField("created_at", Times.ofEpochNanos(o.createdTime()));
        out.writeStringField("updated_at", Times.ofEpochNanos(o.updatedTime()));
        out.writeEndObject();
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

    /** One side of a trade as the account that took part in it sees it (REST fills and the WebSocket). */
    public static void writeFill(final JsonGenerator out, final ExchangeConfig config, final FillRecord f)
        throws IOException {
        final Market market = config.market(f.marketId());
        out.writeStartObject();
        out.writeStringField("trade_id", Long.toString(f.tradeId()));
        out.writeStringField("order_id", Long.toString(f.orderId()));
        out.writeStringField("pair", market.pair());
        out.writeStringField("side", f.side().wireName());
        out.writeStringField("price", market.formatPrice(f.price()));
        out.writeStringField("size", market.formatSize(f.size()));
        out.writeStringField("fee", market.quote().formatAmount(f.fee()));
        out.writeStringField("fee_asset", market.quote().symbol());
        out.writeStringField("liquidity", f.liquidity().wireName());
        out.writeStringField("time", Times.ofEpochNanos(f.time()));
        out.writeEndObject();
    }

    /**
     * One asset's wallets: {@code available} and {@code hold} per wallet, at
     * {@code wallets[2 × wallet.code()]} and {@code wallets[2 × wallet.code() + 1]}.
     */
    public static void writeBalance(final JsonGenerator out, final Asset asset, final long[] wallets)
        throws IOException {
        out.writeStartObject();
        out.writeStringField("asset", asset.symbol());
        for (final Wallet wallet : WALLETS) {
            out.writeObjectFieldStart(wallet.wireName());
            out.writeStringField("available", asset.formatAmount(wallets[2 * wallet.code()]));
            out.writeStringField("hold", asset.formatAmount(wallets[2 * wallet.code() + 1]));
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    /** The {@code wallets} layout of {@link #writeBalance}: two longs per wallet. */
    public static long[] newWallets() {
        return new long[2 * WALLETS.length];
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
