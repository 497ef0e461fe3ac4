package io.tidemark.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tidemark.engine.pipeline.Pipeline;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Route;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} shows, in Prometheus text format: requests by route and status, request
 * latency by route (receipt to response written), rejections by error code, ring occupancy, and
 * WebSocket connections.
 */
public final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public GatewayMetrics() {
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
        final String name = route == null ? "unmatched" : route.name().toLowerCase();
        Counter.builder("tidemark_http_requests").tag("route", name).tag("status", Integer.toString(response.status().code()))
            .register(registry).increment();
        Timer.builder("tidemark_http_request_latency").tag("route", name).publishPercentiles(0.5, 0.99)
            .register(registry).record(System.nanoTime() - response.request().receivedNanos(), TimeUnit.NANOSECONDS);
        if (response.error() != null) {
            rejected(response.error().code());
        }
    }

    public void rejected(final String code) {
        Counter.builder("tidemark_rejects").tag("code", code).register(registry).increment();
    }

    public void websocketMessage(final String kind) {
        Counter.builder("tidemark_ws_messages").tag("kind", kind).register(registry).increment();
    }

    public void gauge(final String name, final String description, final Supplier<Number> value) {
        Gauge.builder(name, () -> value.get().doubleValue()).description(description).register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
