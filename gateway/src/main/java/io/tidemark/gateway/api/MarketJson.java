package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.marketdata.Candle;
import io.tidemark.marketdata.Ticker;
import io.tidemark.marketdata.Trade;

/**
 * The public market-data shapes of API.md (ticker, trade, candle, market), shared by REST and the
 * WebSocket channels so that both carry exactly the same fields. Built on the view thread from the
 * market-data views, which are valid only during the call.
 */
public final class MarketJson {
    private MarketJson() {
    }

    public static ObjectNode market(final Market market, final String status) {
        return market(market, status, market.makerFeeBps(), market.takerFeeBps());
    }

    /** As {@link #market(Market, String)} with the fees in force now (after an operator's change). */
    public static ObjectNode market(final Market market, final String status, final int makerFeeBps,
                                    final int takerFeeBps) {
        final ObjectNode node = Json.object();
        node.put("pair", market.pair());
        node.put("base", market.base().symbol());
        node.put("quote", market.quote().symbol());
        node.put("status", status);
        node.put("tick_size", market.formatPrice(1));
        node.put("lot_size", market.formatSize(1));
        node.put("min_size", market.formatSize(market.minSizeLots()));
        node.put("min_notional", market.quote().formatAmount(market.minNotional()));
        // a price or size beyond a long at the market's decimals is refused as it is parsed, before the engine's limit
        node.put("max_price", market.formatPrice(Math.min(market.maxPriceTicks(), Long.MAX_VALUE / market.tickUnits())));
        node.put("max_size", market.formatSize(Math.min(market.maxSizeLots(), Long.MAX_VALUE / market.lotUnits())));
        node.put("maker_fee_bps", makerFeeBps);
        node.put("taker_fee_bps", takerFeeBps);
        return node;
    }

    public static ObjectNode ticker(final ExchangeConfig config, final Ticker t) {
        final Market market = config.market(t.marketId());
        final ObjectNode node = Json.object();
        node.put("pair", market.pair());
        final boolean last = t.hasLastTrade();
        ApiJson.putOrNull(node, "last_price", last ? market.formatPrice(t.lastPrice()) : null);
        ApiJson.putOrNull(node, "last_size", last ? market.formatSize(t.lastSize()) : null);
        ApiJson.putOrNull(node, "last_time", last ? Times.ofEpochNanos(t.lastTime()) : null);
        ApiJson.putOrNull(node, "best_bid", t.hasBestBid() ? market.formatPrice(t.bestBid()) : null);
        ApiJson.putOrNull(node, "best_bid_size", t.hasBestBid() ? market.formatSize(t.bestBidSize()) : null);
        ApiJson.putOrNull(node, "best_ask", t.hasBestAsk() ? market.formatPrice(t.bestAsk()) : null);
        ApiJson.putOrNull(node, "best_ask_size", t.hasBestAsk() ? market.formatSize(t.bestAskSize()) : null);
        final boolean day = t.hasTrades24h();
        ApiJson.putOrNull(node, "open_24h", day ? market.formatPrice(t.open24h()) : null);
        ApiJson.putOrNull(node, "high_24h", day ? market.formatPrice(t.high24h()) : null);
        ApiJson.putOrNull(node, "low_24h", day ? market.formatPrice(t.low24h()) : null);
        ApiJson.putOrNull(node, "change_24h", day ? market.formatPrice(t.change24h()) : null);
        ApiJson.putOrNull(node, "change_pct_24h", day
            ? DecimalCodec.appendTo(new StringBuilder(), t.changePct24h(), Ticker.CHANGE_PCT_SCALE).toString() : null);
        // a pair that never traded has no figures (null); one that traded before the window has zero volume
        ApiJson.putOrNull(node, "volume_24h", last ? market.formatSize(day ? t.volume24h() : 0) : null);
        ApiJson.putOrNull(node, "quote_volume_24h", last ? market.quote().formatAmount(day ? t.quoteVolume24h() : 0) : null);
        node.put("trade_count_24h", day ? t.tradeCount24h() : 0);
        ApiJson.putOrNull(node, "market_cap", t.hasMarketCap() ? t.appendMarketCap(new StringBuilder()).toString() : null);
        return node;
    }

    public static ObjectNode trade(final ExchangeConfig config, final Trade t) {
        final Market market = config.market(t.marketId());
        final ObjectNode node = Json.object();
        node.put("trade_id", Long.toString(t.tradeId()));
        node.put("pair", market.pair());
        node.put("price", market.formatPrice(t.price()));
        node.put("size", market.formatSize(t.size()));
        node.put("taker_side", t.takerSide().wireName());
        node.put("time", Times.ofEpochNanos(t.time()));
        return node;
    }

    public static ObjectNode candle(final ExchangeConfig config, final Candle c) {
        final Market market = config.market(c.marketId());
        final ObjectNode node = Json.object();
        node.put("pair", market.pair());
        node.put("interval", c.interval().wireName());
        node.put("start", Times.ofEpochNanos(c.start()));
        node.put("open", market.formatPrice(c.open()));
        node.put("high", market.formatPrice(c.high()));
        node.put("low", market.formatPrice(c.low()));
        node.put("close", market.formatPrice(c.close()));
        node.put("volume", market.formatSize(c.volume()));
        node.put("quote_volume", market.quote().formatAmount(c.quoteVolume()));
        node.put("trade_count", c.tradeCount());
        return node;
    }

    /** One {@code [price, size]} pair of an order-book side. */
    public static void level(final ArrayNode side, final Market market, final long price, final long size) {
        final ArrayNode pair = side.addArray();
        pair.add(market.formatPrice(price));
        pair.add(market.formatSize(size));
    }
}
