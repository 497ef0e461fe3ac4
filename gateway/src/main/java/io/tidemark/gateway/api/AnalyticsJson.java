package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.marketdata.Ticker;
import io.tidemark.marketdata.analytics.LargeTrade;
import io.tidemark.marketdata.analytics.LargeTradeLabel;
import io.tidemark.marketdata.analytics.Overview;

/**
 * The market-intelligence shapes of API.md (overview, large trade), shared by REST and the WebSocket
 * channels so both carry exactly the same fields. Every number goes through the one decimal codec.
 */
public final class AnalyticsJson {
    private AnalyticsJson() {
    }

    /** A ratio at {@link Overview#RATIO_SCALE} decimals, e.g. {@code "-0.1834"}. */
    static String ratio(final long value) {
        return DecimalCodec.format(value, Overview.RATIO_SCALE);
    }

    /** A mid price in half ticks: one more decimal than the tick only when it falls between two ticks. */
    static String halfTicks(final Market market, final long halfTicks) {
        if (halfTicks % 2 == 0) {
            return market.formatPrice(halfTicks / 2);
        }
        return DecimalCodec.format(halfTicks * market.tickUnits() * 5, market.tickDecimals() + 1);
    }

    public static ObjectNode overview(final Market market, final Overview o, final Ticker ticker) {
        final ObjectNode node = Json.object();
        node.put("pair", market.pair());
        ApiJson.putOrNull(node, "price", ticker.hasLastTrade() ? market.formatPrice(ticker.lastPrice()) : null);
        ApiJson.putOrNull(node, "change_pct_24h", ticker.hasTrades24h()
            ? DecimalCodec.format(ticker.changePct24h(), Ticker.CHANGE_PCT_SCALE) : null);
        ApiJson.putOrNull(node, "volume_24h", ticker.hasLastTrade()
            ? market.formatSize(ticker.hasTrades24h() ? ticker.volume24h() : 0) : null);
        ApiJson.putOrNull(node, "best_bid", o.hasBid ? market.formatPrice(o.bestBid) : null);
        ApiJson.putOrNull(node, "best_ask", o.hasAsk ? market.formatPrice(o.bestAsk) : null);
        final boolean both = o.hasBothSides();
        ApiJson.putOrNull(node, "mid", both ? halfTicks(market, o.midHalfTicks) : null);
        ApiJson.putOrNull(node, "spread", both ? market.formatPrice(o.spread) : null);
        ApiJson.putOrNull(node, "spread_bps", both ? DecimalCodec.format(o.spreadBps, Overview.BPS_SCALE) : null);
        ApiJson.putOrNull(node, "microprice", both ? market.formatPrice(o.microprice) : null);
        ApiJson.putOrNull(node, "imbalance", o.hasImbalance ? ratio(o.imbalance) : null);
        final ArrayNode depth = node.putArray("depth");
        for (int band = 0; band < Overview.BAND_NAMES.length; band++) {
            final ObjectNode row = depth.addObject();
            row.put("band", Overview.BAND_NAMES[band]);
            row.put("bid_size", market.formatSize(o.bandBidLots[band]));
            row.put("ask_size", market.formatSize(o.bandAskLots[band]));
            row.put("bid_notional", market.quote().formatAmount(o.bandBidNotional[band]));
            row.put("ask_notional", market.quote().formatAmount(o.bandAskNotional[band]));
        }
        node.put("taker_buy_volume_24h", market.formatSize(o.takerBuyLots24h));
        node.put("taker_sell_volume_24h", market.formatSize(o.takerSellLots24h));
        node.put("cvd_1h", market.formatSize(o.cvd1h));
        node.put("cvd_24h", market.formatSize(o.cvd24h));
        node.put("large_trades_24h", o.largeTrades24h);
        return node;
    }

    public static ObjectNode largeTrade(final ExchangeConfig config, final LargeTrade t) {
        final Market market = config.market(t.marketId());
        final ObjectNode node = Json.object();
        node.put("trade_id", Long.toString(t.tradeId()));
        node.put("pair", market.pair());
        node.put("price", market.formatPrice(t.price()));
        node.put("size", market.formatSize(t.size()));
        node.put("notional", market.quote().formatAmount(t.notional()));
        node.put("taker_side", t.takerSide().wireName());
        node.put("levels_swept", t.levelsSwept());
        node.put("time", Times.ofEpochNanos(t.time()));
        final ObjectNode label = node.putObject("label");
        label.put("code", t.label().wireName());
        label.put("text", labelText(market, t));
        return node;
    }

    /** A line a person reads in a feed: "Block buy: 12.0000 BTC (756000.000000 USD) at 63000.00". */
    static String labelText(final Market market, final LargeTrade t) {
        final String verb = t.takerSide().wireName();
        final String amount = market.formatSize(t.size()) + " " + market.base().symbol() + " ("
            + market.quote().formatAmount(t.notional()) + " " + market.quote().symbol() + ")";
        final String at = " at " + market.formatPrice(t.price());
        final LargeTradeLabel label = t.label();
        return switch (label) {
            case BLOCK -> "Block " + verb + ": " + amount + at;
            case SWEEP -> "Sweep " + verb + " through " + t.levelsSwept() + " price levels: " + amount + at;
            case AGGRESSIVE_BUY -> "Aggressive buy: " + amount + at;
            case AGGRESSIVE_SELL -> "Aggressive sell: " + amount + at;
        };
    }
}
