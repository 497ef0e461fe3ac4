package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.GatewayMetrics;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.node.view.OperatorViews;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;

/** Ping, server time, the market list, what the server is, the OpenAPI document and the Prometheus metrics. */
public final class PublicEndpoints {
    private static final String VERSION = version();

    private final EngineClient engine;
    private final LongSupplier clockMillis;
    private final GatewayMetrics metrics;
    private final byte[] openApi;
    /** Each market's fees now (an operator may have changed them); null: the configured ones. */
    private final OperatorViews fees;
    private final String mode;
    private final boolean sandbox;

    /**
     * {@code mode} is what {@code GET /v1/info} answers ({@code sandbox}, {@code server}, {@code cluster});
     * {@code fees} is read only inside view reads (on the view thread).
     */
    public PublicEndpoints(final EngineClient engine, final LongSupplier clockMillis, final GatewayMetrics metrics,
                           final String mode, final boolean sandbox, final OperatorViews fees) {
        this.engine = engine;
        this.clockMillis = clockMillis;
        this.metrics = metrics;
        this.openApi = openApiDocument();
        this.fees = fees;
        this.mode = mode;
        this.sandbox = sandbox;
    }

    /** The build's version, written into this module's resources by Maven. */
    public static String version() {
        try (InputStream in = PublicEndpoints.class.getResourceAsStream("/io/tidemark/gateway/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the gateway's resources");
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenAPI 3.0 document served at {@code /v1/openapi.json} (a resource of this module). */
    public static byte[] openApiDocument() {
        try (InputStream in = PublicEndpoints.class.getResourceAsStream("/io/tidemark/gateway/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the gateway's resources");
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void ping(final ApiRequest request, final Responder responder) {
        final ObjectNode data = Json.object();
        data.put("ok", true);
        data.put("time", Times.ofEpochMillis(clockMillis.getAsLong()));
        responder.send(ApiResponse.data(request, data));
    }

    public void time(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final long now = clockMillis.getAsLong();
        final ObjectNode data = Json.object();
        data.put("iso", Times.ofEpochMillis(now));
        data.put("epoch_ms", now);
        responder.send(ApiResponse.data(request, data));
    }

    public void info(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final ObjectNode data = Json.object();
        data.put("mode", mode);
        data.put("version", VERSION);
        // a cluster's gateway may run the sandbox too: mode alone does not say whether sign-up is there
        data.put("sandbox", sandbox);
        responder.send(ApiResponse.data(request, data));
    }

    public void markets(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        engine.query((views, command, slot) -> {
            final ArrayNode items = ApiJson.array();
            for (final Market market : engine.config().markets()) {
                final String status = views.marketData().status(market.id()).wireName();
                items.add(fees == null ? MarketJson.market(market, status) : MarketJson.market(market, status,
                    fees.makerFeeBps(market.id()), fees.takerFeeBps(market.id())));
            }
            return items;
        }, responder.executor(), outcome -> responder.send(ApiResponse.data(request, outcome.valueOrThrow())));
    }

    public void openApi(final ApiRequest request, final Responder responder) {
        responder.send(ApiResponse.raw(request, openApi, "application/json"));
    }

    public void metrics(final ApiRequest request, final Responder responder) {
        responder.send(ApiResponse.raw(request, metrics.scrape().getBytes(StandardCharsets.UTF_8),
            "text/plain; version=0.0.4; charset=utf-8"));
    }
}
