package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.marketdata.Interval;

import java.util.Set;

/**
 * Public market data from the market-data read model: ticker, order book (with the {@code seq} that
 * WebSocket deltas continue from), recent trades and candles. JSON is built on the view thread because
 * the market-data views are only valid there; the bytes are written on the event loop.
 */
public final class MarketDataEndpoints {
    public static final int PUBLIC_DEPTH = 100;
    public static final int DEEP_DEPTH = 1_000;
    public static final int DEFAULT_CANDLES = 300;

    private final EngineClient engine;

    public MarketDataEndpoints(final EngineClient engine) {
        this.engine = engine;
    }

    private ExchangeConfig config() {
        return engine.config();
    }

    public void ticker(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final Market market = Query.market(config(), request.capture("pair"));
        engine.query((views, command, slot) -> MarketJson.ticker(config(), views.marketData().ticker(market.id())),
            responder.executor(), outcome -> responder.send(ApiResponse.data(request, outcome.valueOrThrow())));
    }

    /** The depth asked for (default 100); past 100 only for verified and market-maker keys. */
    public static int depth(final ApiRequest request) {
        final String text = request.queryParam("depth");
        final int depth = text == null ? PUBLIC_DEPTH : Query.positiveInt("depth", text);
        if (depth > DEEP_DEPTH) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "depth must be 1.." + DEEP_DEPTH, "depth");
        }
        if (depth > PUBLIC_DEPTH && (request.key() == null || !request.key().tier().mayReadDeepBooks())) {
            throw new ApiException(ErrorCode.TIER_REQUIRED, "depth above " + PUBLIC_DEPTH
                + " needs a signed request with a verified or market_maker key", "depth");
        }
        return depth;
    }

    public void orderbook(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of("depth"));
        final Market market = Query.market(config(), request.capture("pair"));
        final int depth = depth(request);
        engine.query((views, command, slot) -> {
            final ObjectNode data = Json.object();
            data.put("pair", market.pair());
            data.put("seq", views.marketData().bookSeq(market.id()));
            final ArrayNode bids = data.putArray("bids");
            views.marketData().levels(market.id(), Side.BUY, depth, (price, size, count) -> MarketJson.level(bids, market, price, size));
            final ArrayNode asks = data.putArray("asks");
            views.marketData().levels(market.id(), Side.SELL, depth, (price, size, count) -> MarketJson.level(asks, market, price, size));
            data.put("checksum", views.marketData().checksum(market.id()));
            // the book as of the last command applied (command time); null before the first
            final long asOf = views.marketData().now();
            ApiJson.putOrNull(data, "time", asOf == 0 ? null : Times.ofEpochNanos(asOf));
            return data;
        }, responder.executor(), outcome -> responder.send(ApiResponse.data(request, outcome.valueOrThrow())));
    }

    public void trades(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, Set.of("limit", "before", "start", "end"));
        final Market market = Query.market(config(), request.capture("pair"));
        final int limit = query.limit(Query.DEFAULT_LIMIT, Query.MAX_LIMIT);
        final long before = query.before('t');
        final long[] range = query.timeRange();
        engine.query((views, command, slot) -> {
            final ArrayNode items = ApiJson.array();
            final long[] last = new long[1];
            final int given = views.marketData().trades(market.id(), before, range[0], range[1], limit + 1, trade -> {
                if (items.size() < limit) {
                    items.add(MarketJson.trade(config(), trade));
                    last[0] = trade.tradeId();
                }
            });
            return new Page(items, given > limit ? Query.cursor('t', last[0]) : null);
        }, responder.executor(), outcome -> {
            final Page page = outcome.valueOrThrow();
            responder.send(ApiResponse.page(request, page.items(), page.next()));
        });
    }

    public void candles(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, Set.of("interval", "limit", "before", "start", "end"));
        final Market market = Query.market(config(), request.capture("pair"));
        final String intervalText = query.get("interval");
        final Interval interval = intervalText == null ? Interval.ONE_MINUTE : Interval.fromWire(intervalText);
        if (interval == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "interval must be one of 1m, 5m, 15m, 1h, 4h, 1d", "interval");
        }
        final int limit = query.limit(DEFAULT_CANDLES, Query.MAX_LIMIT);
        final long cursor = query.before('c');
        final long[] range = query.timeRange();
        // end bounds the candle's start; a cursor from an earlier page of the same range is tighter still
        final long endBound = range[1] == Long.MAX_VALUE ? 0 : range[1] + 1;
        final long before = cursor == 0 ? endBound : endBound == 0 ? cursor : Math.min(cursor, endBound);
        engine.query((views, command, slot) -> {
            final ArrayNode items = ApiJson.array();
            final long[] last = new long[1];
            final int given = views.marketData().candles(market.id(), interval, before, range[0], limit + 1, candle -> {
                if (items.size() < limit) {
                    items.add(MarketJson.candle(config(), candle));
                    last[0] = candle.start();
                }
            });
            return new Page(items, given > limit ? Query.cursor('c', last[0]) : null);
        }, responder.executor(), outcome -> {
            final Page page = outcome.valueOrThrow();
            responder.send(ApiResponse.page(request, page.items(), page.next()));
        });
    }

    private record Page(ArrayNode items, String next) {
    }
}
