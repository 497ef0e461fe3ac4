package io.tidemark.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.node.pipeline.Pipeline;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} shows, in Prometheus text format: requests by route and status, request
 * latency by route (receipt to response written), rejections by error code, ring occupancy, and
 * WebSocket messages by op. Meters are looked up by index, not built per response, and every tag value
 * comes from a closed set (routes, statuses, error codes, known ops): a client cannot grow the registry.
 *
 * <p>A response costs no registry work: its latency goes into its route's adders and an HdrHistogram
 * recorder (wait-free), which the registry reads when scraped — count and sum as a timer, and the p50 and
 * p99 of the responses since the previous scrape as gauges.
 */
public final class GatewayMetrics {
    private static final Route[] ROUTES = Route.values();
    private static final int STATUSES = 600;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Index ROUTES.length stands for a request that matched no route. */
    private final RouteLatency[] latency = new RouteLatency[ROUTES.length + 1];
    private final AtomicReferenceArray<Counter> requests = new AtomicReferenceArray<>((ROUTES.length + 1) * STATUSES);
    private final Map<ErrorCode, Counter> rejects = new EnumMap<>(ErrorCode.class);
    private final Map<String, Counter> wsMessages = new HashMap<>();

    /** {@code webSocketOps}: the ops WebSocket messages are counted by; any other op counts as "unknown". */
    public GatewayMetrics(final Collection<String> webSocketOps) {
        for (int i = 0; i <= ROUTES.length; i++) {
            final RouteLatency route = new RouteLatency();
            latency[i] = route;
            FunctionTimer.builder("tidemark_http_request_latency", route, r -> r.count.sum(), r -> r.nanos.sum(),
                TimeUnit.NANOSECONDS).tag("route", routeName(i)).register(registry);
            for (final double quantile : new double[] {0.5, 0.99}) {
                Gauge.builder("tidemark_http_request_latency_recent_seconds", route, r -> r.quantileSeconds(quantile))
                    .description("request latency quantile over the responses since the previous scrape")
                    .tag("route", routeName(i)).tag("quantile", Double.toString(quantile)).register(registry);
            }
        }
        for (final ErrorCode code : ErrorCode.values()) {
            rejects.put(code, Counter.builder("tidemark_rejects").tag("code", code.code()).register(registry));
        }
        for (final String op : webSocketOps) {
            wsMessages.put(op, Counter.builder("tidemark_ws_messages").tag("kind", op).register(registry));
        }
        wsMessages.put("unknown", Counter.builder("tidemark_ws_messages").tag("kind", "unknown").register(registry));
    }

    private static String routeName(final int index) {
        return index == ROUTES.length ? "unmatched" : ROUTES[index].name().toLowerCase();
    }

    /** The history store's lag: commands the views applied that the store has not yet. */
    public GatewayMetrics history(final java.util.function.LongSupplier lag) {
        Gauge.builder("tidemark_history_lag_commands", lag::getAsLong)
            .description("commands the history store is behind the views").register(registry);
        return this;
    }

    public GatewayMetrics pipeline(final Supplier<Pipeline> pipeline) {
        Gauge.builder("tidemark_ring_in_flight", () -> {
            final Pipeline p = pipeline.get();
            return p == null ? 0 : p.inFlight();
        }).description("command slots in flight in the ring").register(registry);
        Gauge.builder("tidemark_ring_size", () -> {
            final Pipeline p = pipeline.get();
            return p == null ? 0 : p.ringSize();
        }).description("command slots in the ring").register(registry);
        return this;
    }

    public void response(final ApiResponse response) {
        final Route route = response.request().route();
        final int index = route == null ? ROUTES.length : route.ordinal();
        final int status = Math.min(Math.max(response.status().code(), 0), STATUSES - 1);
        final int slot = index * STATUSES + status;
        Counter counter = requests.get(slot);
        if (counter == null) {
            // registering twice returns the same meter, so a race here is harmless
            counter = Counter.builder("tidemark_http_requests").tag("route", routeName(index))
                .tag("status", Integer.toString(status)).register(registry);
            requests.set(slot, counter);
        }
        counter.increment();
        latency[index].record(System.nanoTime() - response.request().receivedNanos());
        if (response.error() != null) {
            rejects.get(response.error()).increment();
        }
    }

    /** Counts a WebSocket connection ended by the server for {@code reason} (slow_consumer, ...) with the rejects. */
    public void websocketCut(final ErrorCode reason) {
        rejects.get(reason).increment();
    }

    /** Counts one WebSocket message by its op (unknown ops together). */
    public void websocketMessage(final String op) {
        final Counter counter = wsMessages.get(op);
        (counter != null ? counter : wsMessages.get("unknown")).increment();
    }

    public synchronized String scrape() {
        for (final RouteLatency route : latency) {
            route.window();
        }
        return registry.scrape();
    }

    /** One route's latency: adders for count and sum, a recorder for the quantiles between scrapes. */
    private static final class RouteLatency {
        private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(10);

        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
        private final Recorder recorder = new Recorder(MAX_NANOS, 2);
        /** The responses between the last two scrapes (scrape thread). */
        private volatile Histogram window;

        void record(final long elapsedNanos) {
            final long value = Math.max(0, Math.min(elapsedNanos, MAX_NANOS));
            count.increment();
            nanos.add(value);
            recorder.recordValue(value);
        }

        void window() {
            window = recorder.getIntervalHistogram(window);
        }

        double quantileSeconds(final double quantile) {
            final Histogram current = window;
            return current == null || current.getTotalCount() == 0 ? 0 : current.getValueAtPercentile(quantile * 100) / 1e9;
        }
    }
}
