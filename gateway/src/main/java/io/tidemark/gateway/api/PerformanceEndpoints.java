package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.history.analytics.AccountAnalytics;
import io.tidemark.history.analytics.RoundTrip;
import io.tidemark.history.analytics.RoundTripBook;
import io.tidemark.history.analytics.TradeFill;
import io.tidemark.history.store.HistoryStore;
import io.tidemark.marketdata.analytics.Overview;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The account's trading record (API.md, "Market intelligence and account analytics"): performance
 * summary, closed round trips and the daily equity curve. Computed from the history store on its read
 * pool, once the store has everything the views had seen when asked (like the ledger), so a fill just
 * answered is counted.
 */
public final class PerformanceEndpoints {
    public static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 365;
    public static final String DEFAULT_QUOTE = "USD";

    private final EngineClient engine;
    private final LongSupplier clockMillis;

    public PerformanceEndpoints(final EngineClient engine, final LongSupplier clockMillis) {
        this.engine = engine;
        this.clockMillis = clockMillis;
    }

    private ExchangeConfig config() {
        return engine.config();
    }

    /** Runs {@code read} on the store once it has caught up with the views, then answers with its result. */
    private <T> void fromStore(final ApiRequest request, final Responder responder,
                               final Function<HistoryStore, T> read,
                               final Function<T, ApiResponse> answer) {
        engine.query((views, command, slot) -> engine.history().viewsSequence(), responder.executor(), outcome ->
            engine.history().read(outcome.valueOrThrow(), read, responder.executor(),
                result -> responder.send(answer.apply(result.valueOrThrow()))));
    }

    /** {@code GET /v1/account/performance?pair=}. */
    public void performance(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, Set.of("pair"));
        // one configuration for the request: assets and markets listed meanwhile do not resize its arrays
        final ExchangeConfig config = config();
        final AccountAnalytics analytics = new AccountAnalytics(config);
        final Market market = query.pair(config);
        final long accountId = request.key().accountId();
        fromStore(request, responder, store -> {
            final List<TradeFill> fills = analytics.fills(store, accountId, market == null ? -1 : market.id());
            return analytics.performance(fills, analytics.roundTrips(fills));
        }, p -> ApiResponse.data(request, performanceJson(config, market, p)));
    }

    ObjectNode performanceJson(final ExchangeConfig config, final Market market, final AccountAnalytics.Performance p) {
        final ObjectNode data = Json.object();
        if (market == null) {
            data.putNull("pair");
        } else {
            data.put("pair", market.pair());
        }
        final ObjectNode summary = data.putObject("summary");
        summary.put("fills", p.fills());
        summary.put("round_trips", p.roundTrips());
        summary.put("wins", p.wins());
        summary.put("losses", p.losses());
        ApiJson.putOrNull(summary, "win_rate", p.roundTrips() == 0 ? null
            : DecimalCodec.format(Math.floorDiv(2L * p.wins() * pow10(Overview.RATIO_SCALE) + p.roundTrips(),
                2L * p.roundTrips()), Overview.RATIO_SCALE));
        final ObjectNode pnl = summary.putObject("realized_pnl");
        final ObjectNode fees = summary.putObject("fees_paid");
        final ObjectNode volume = summary.putObject("volume");
        for (final Asset asset : config.assets()) {
            if (p.quoted()[asset.id()]) {
                pnl.put(asset.symbol(), asset.formatAmount(p.realizedPnl()[asset.id()]));
                volume.put(asset.symbol(), asset.formatAmount(p.volume()[asset.id()]));
            }
            if (p.feesPaid()[asset.id()] != 0) {
                fees.put(asset.symbol(), asset.formatAmount(p.feesPaid()[asset.id()]));
            }
        }
        return data;
    }

    private static long pow10(final int n) {
        long value = 1;
        for (int i = 0; i < n; i++) {
            value *= 10;
        }
        return value;
    }

    /** {@code GET /v1/account/performance/history?pair=&limit=&before=}: closed round trips, newest first. */
    public void history(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, Set.of("pair", "limit", "before"));
        final AccountAnalytics analytics = new AccountAnalytics(config());
        final Market market = query.pair(config());
        final int limit = query.limit(Query.DEFAULT_LIMIT, Query.MAX_LIMIT);
        final long before = query.before('r');
        final long accountId = request.key().accountId();
        fromStore(request, responder, store -> {
            final RoundTripBook book = analytics.roundTrips(analytics.fills(store, accountId, market == null ? -1 : market.id()));
            return book.closed();
        }, trips -> {
            final ArrayNode items = ApiJson.array();
            // ordinals count closed trips from 1 in closing order: newest first is from the end
            int i = trips.size() - 1;
            while (i >= 0 && before > 0 && trips.get(i).ordinal() >= before) {
                i--;
            }
            long last = 0;
            for (; i >= 0 && items.size() < limit; i--) {
                items.add(roundTripJson(trips.get(i)));
                last = trips.get(i).ordinal();
            }
            return ApiResponse.page(request, items, i >= 0 ? Query.cursor('r', last) : null);
        });
    }

    ObjectNode roundTripJson(final RoundTrip trip) {
        final Market market = config().market(trip.marketId());
        final ObjectNode node = Json.object();
        node.put("pair", market.pair());
        node.put("direction", trip.isLong() ? "long" : "short");
        node.put("size", market.formatSize(trip.size()));
        node.put("entry_price", ApiJson.averagePrice(market, trip.size(), trip.entryNotional()));
        node.put("exit_price", ApiJson.averagePrice(market, trip.size(), trip.exitNotional()));
        node.put("pnl", market.quote().formatAmount(trip.pnl()));
        node.put("fees", market.quote().formatAmount(trip.fees()));
        node.put("quote", market.quote().symbol());
        node.put("opened_at", Times.ofEpochNanos(trip.openedAt()));
        node.put("closed_at", Times.ofEpochNanos(trip.closedAt()));
        return node;
    }

    /**
     * {@code GET /v1/account/equity?days=90&quote=USD}: the points oldest first, each UTC midnight of the
     * last {@code days} days (today's included), then now; amounts in {@code quote}.
     */
    public void equity(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, Set.of("days", "quote"));
        final String daysText = query.get("days");
        final int days = daysText == null ? DEFAULT_DAYS : Query.positiveInt("days", daysText);
        if (days > MAX_DAYS) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "days must be 1.." + MAX_DAYS, "days");
        }
        final String symbol = query.get("quote") == null ? DEFAULT_QUOTE : query.get("quote");
        final Asset quote = config().assetBySymbol(symbol);
        if (quote == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown asset " + RequestBody.printable(symbol), "quote");
        }
        final long accountId = request.key().accountId();
        final long nowNanos = clockMillis.getAsLong() * 1_000_000L;
        final AccountAnalytics analytics = new AccountAnalytics(config());
        fromStore(request, responder, store -> analytics.equity(store, accountId, days, quote, nowNanos), points -> {
            final ArrayNode items = ApiJson.array();
            for (final AccountAnalytics.EquityPoint point : points) {
                final ObjectNode node = items.addObject();
                node.put("time", Times.ofEpochNanos(point.time()));
                node.put("equity", quote.formatAmount(point.equity()));
                node.put("realized_pnl", quote.formatAmount(point.realizedPnl()));
                node.put("unrealized_pnl", quote.formatAmount(point.unrealizedPnl()));
            }
            return ApiResponse.data(request, items);
        });
    }
}
