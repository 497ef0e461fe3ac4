package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.marketdata.MarketData;
import io.tidemark.marketdata.analytics.HeatmapView;
import io.tidemark.marketdata.analytics.Levels;
import io.tidemark.marketdata.analytics.MarketAnalytics;
import io.tidemark.marketdata.analytics.Overview;
import io.tidemark.marketdata.analytics.PeriodKind;

import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Market intelligence (API.md, "Market intelligence and account analytics"): exchange stats, the
 * market overview, levels and heatmap (verified and up), and the large-trade feed. Read from the
 * analytics and market-data read models on the view thread, through a query slot, like every market
 * read; JSON is built there because the views are valid only there.
 */
public final class AnalyticsEndpoints {
    public static final int DEFAULT_LARGE_TRADES = 50;

    private final EngineClient engine;
    private final MarketAnalytics analytics;
    private final LongSupplier clockMillis;
    private final long startedMillis;

    public AnalyticsEndpoints(final EngineClient engine, final MarketAnalytics analytics, final LongSupplier clockMillis) {
        this.engine = engine;
        this.analytics = analytics;
        this.clockMillis = clockMillis;
        this.startedMillis = clockMillis.getAsLong();
    }

    private ExchangeConfig config() {
        return engine.config();
    }

    public void stats(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final long uptime = (clockMillis.getAsLong() - startedMillis) / 1_000;
        final HistoryReads history = engine.history();
        engine.query((views, command, slot) -> {
            final MarketData md = views.marketData();
            final ObjectNode data = Json.object();
            data.put("markets", config().markets().size());
            data.put("accounts", views.accounts().accountCount());
            data.put("open_orders", views.accounts().openOrderCount());
            long trades = 0;
            long large = 0;
            final long[] quoteVolume = new long[config().assets().size()];
            final boolean[] quoted = new boolean[quoteVolume.length];
            for (final Market market : config().markets()) {
                trades += md.ticker(market.id()).hasTrades24h() ? md.ticker(market.id()).tradeCount24h() : 0;
                large += analytics.largeTrades24h(market.id());
                quoted[market.quote().id()] = true;
                quoteVolume[market.quote().id()] += md.ticker(market.id()).hasTrades24h() ? md.ticker(market.id()).quoteVolume24h() : 0;
            }
            data.put("trades_24h", trades);
            data.put("large_trades_24h", large);
            final ObjectNode volume = data.putObject("quote_volume_24h");
            for (final Asset asset : config().assets()) {
                if (quoted[asset.id()]) {
                    volume.put(asset.symbol(), asset.formatAmount(quoteVolume[asset.id()]));
                }
            }
            data.put("last_sequence", history == null ? 0 : history.viewsSequence());
            data.put("uptime_s", uptime);
            return data;
        }, responder.executor(), outcome -> responder.send(ApiResponse.data(request, outcome.valueOrThrow())));
    }

    public void overview(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final Market market = Query.market(config(), request.capture("pair"));
        engine.query((views, command, slot) -> AnalyticsJson.overview(market,
                analytics.overview(market.id(), new Overview()), views.marketData().ticker(market.id())),
            responder.executor(), outcome -> responder.send(ApiResponse.data(request, outcome.valueOrThrow())));
    }

    /** Levels and heatmap are for verified and market-maker keys; the route already required a signed request. */
    private static void requireVerified(final ApiRequest request) {
        if (request.key() == null || request.key().tier() == Tier.RETAIL) {
            throw new ApiException(ErrorCode.TIER_REQUIRED, "this endpoint needs a verified or market_maker key");
        }
    }

    public void levels(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, Set.of("period"));
        final Market market = Query.market(config(), request.capture("pair"));
        final String periodText = query.get("period");
        final PeriodKind period = periodText == null ? PeriodKind.DAY : PeriodKind.fromWire(periodText);
        if (period == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "period must be 1h, 1d or 1w", "period");
        }
        requireVerified(request);
        engine.query((views, command, slot) -> levelsJson(market, analytics.levels(market.id(), period)),
            responder.executor(), outcome -> responder.send(ApiResponse.data(request, outcome.valueOrThrow())));
    }

    static ObjectNode levelsJson(final Market market, final Levels l) {
        final ObjectNode node = Json.object();
        node.put("pair", market.pair());
        node.put("period", l.period.wireName());
        node.put("period_start", Times.ofEpochNanos(l.periodStart));
        node.put("period_end", Times.ofEpochNanos(l.periodEnd));
        final boolean has = l.hasTrades;
        price(node, market, "open", has, l.open);
        price(node, market, "high", has, l.high);
        price(node, market, "low", has, l.low);
        price(node, market, "close", has, l.close);
        price(node, market, "pivot", has, l.pivot);
        price(node, market, "r1", has, l.r1);
        price(node, market, "r2", has, l.r2);
        price(node, market, "r3", has, l.r3);
        price(node, market, "s1", has, l.s1);
        price(node, market, "s2", has, l.s2);
        price(node, market, "s3", has, l.s3);
        price(node, market, "fib_236", has, l.fib236);
        price(node, market, "fib_382", has, l.fib382);
        price(node, market, "fib_500", has, l.fib500);
        price(node, market, "fib_618", has, l.fib618);
        price(node, market, "fib_786", has, l.fib786);
        price(node, market, "row_size", has, l.rowTicks);
        if (has) {
            final ArrayNode profile = node.putArray("profile");
            for (int i = 0; i < l.rowVolumes.length; i++) {
                MarketJson.level(profile, market, l.firstRowLow + i * l.rowTicks, l.rowVolumes[i]);
            }
        } else {
            node.putNull("profile");
        }
        price(node, market, "poc", has, l.poc);
        price(node, market, "vah", has, l.vah);
        price(node, market, "val", has, l.val);
        return node;
    }

    /** A derived price; below zero (an S3 far under a wide range) it is still written exactly, with its sign. */
    private static void price(final ObjectNode node, final Market market, final String name, final boolean present,
                              final long ticks) {
        ApiJson.putOrNull(node, name, present ? market.formatPrice(ticks) : null);
    }

    public void heatmap(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, Set.of("window"));
        final Market market = Query.market(config(), request.capture("pair"));
        final String window = query.get("window") == null ? "24h" : query.get("window");
        final int hours = switch (window) {
            case "24h" -> 24;
            case "7d" -> 168;
            case "30d" -> 720;
            default -> throw new ApiException(ErrorCode.INVALID_PARAMETER, "window must be 24h, 7d or 30d", "window");
        };
        requireVerified(request);
        engine.query((views, command, slot) -> heatmapJson(market, window,
                analytics.heatmap(market.id(), hours, new HeatmapView())),
            responder.executor(), outcome -> responder.send(ApiResponse.data(request, outcome.valueOrThrow())));
    }

    static ObjectNode heatmapJson(final Market market, final String window, final HeatmapView h) {
        final ObjectNode node = Json.object();
        node.put("pair", market.pair());
        node.put("window", window);
        ApiJson.putOrNull(node, "bucket_size", h.bucketTicks > 0 ? market.formatPrice(h.bucketTicks) : null);
        node.put("samples", h.samples);
        final ArrayNode zones = node.putArray("zones");
        for (int i = 0; i < h.bidZones; i++) {
            zone(zones.addObject(), market, "bid", h.bidLow[i], h.bucketTicks).put("avg_size", market.formatSize(h.bidAvgLots[i]));
        }
        for (int i = 0; i < h.askZones; i++) {
            zone(zones.addObject(), market, "ask", h.askLow[i], h.bucketTicks).put("avg_size", market.formatSize(h.askAvgLots[i]));
        }
        if (h.hasAbove) {
            zone(node.putObject("nearest_above"), market, null, h.aboveLow, h.bucketTicks)
                .put("distance_pct", AnalyticsJson.ratio(h.aboveDistancePct));
        } else {
            node.putNull("nearest_above");
        }
        if (h.hasBelow) {
            zone(node.putObject("nearest_below"), market, null, h.belowLow, h.bucketTicks)
                .put("distance_pct", AnalyticsJson.ratio(h.belowDistancePct));
        } else {
            node.putNull("nearest_below");
        }
        return node;
    }

    private static ObjectNode zone(final ObjectNode node, final Market market, final String side, final long low,
                                   final long bucketTicks) {
        if (side != null) {
            node.put("side", side);
        }
        node.put("price_low", market.formatPrice(low));
        node.put("price_high", market.formatPrice(low + bucketTicks));
        return node;
    }

    public void largeTrades(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, Set.of("pair", "min_notional", "taker_side", "limit", "before"));
        final Market market = query.pair(config());
        final int limit = query.limit(DEFAULT_LARGE_TRADES, Query.MAX_LIMIT);
        final long before = query.before('g');
        final String sideText = query.get("taker_side");
        final Side side = sideText == null ? null : Side.fromWire(sideText);
        if (sideText != null && side == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "taker_side must be buy or sell", "taker_side");
        }
        final String minText = query.get("min_notional");
        long minNotional = 0;
        if (minText != null) {
            if (market == null) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER,
                    "min_notional is in the pair's quote asset: give pair with it", "min_notional");
            }
            minNotional = market.quote().parseAmount(minText);
            if (DecimalCodec.isError(minNotional) || minNotional <= 0) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "min_notional must be a positive decimal string with at most "
                    + market.quote().scale() + " decimals", "min_notional");
            }
        }
        final long min = minNotional;
        engine.query((views, command, slot) -> {
            final ArrayNode items = ApiJson.array();
            final long[] last = new long[1];
            final int given = analytics.largeTrades(market == null ? -1 : market.id(), before, min, side, limit + 1, trade -> {
                if (items.size() < limit) {
                    items.add(AnalyticsJson.largeTrade(config(), trade));
                    last[0] = trade.tradeId();
                }
            });
            final ObjectNode extra = Json.object();
            if (market == null) {
                extra.putNull("threshold");
            } else {
                extra.put("threshold", market.quote().formatAmount(
                    Math.max(min, analytics.analyticsConfig().largeTradeNotional(market.id()))));
            }
            extra.put("count", items.size());
            return new Page(items, given > limit ? Query.cursor('g', last[0]) : null, extra);
        }, responder.executor(), outcome -> {
            final Page page = outcome.valueOrThrow();
            responder.send(ApiResponse.page(request, page.items(), page.next(), page.extra()));
        });
    }

    private record Page(ArrayNode items, String next, ObjectNode extra) {
    }
}
