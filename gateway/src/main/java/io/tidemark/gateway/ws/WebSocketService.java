package io.tidemark.gateway.ws;

import io.tidemark.gateway.api.EngineClient;
import io.tidemark.gateway.api.OrderOps;
import io.tidemark.gateway.auth.Authenticator;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.http.GatewayMetrics;
import io.tidemark.gateway.ratelimit.RateLimiter;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * What every WebSocket connection of a server shares: the way into the ring, order entry, signature
 * checks, budgets, limits, the two fan-outs, and the cancel_after switches when something else keeps them
 * ({@code keptCancelAfter}: a clustered engine; null when each session keeps its own). Thread safe (the
 * fan-outs are touched on the view thread only, through queries).
 */
public record WebSocketService(EngineClient engine, OrderOps orders, Authenticator authenticator,
                               RateLimiter rateLimiter, GatewayConfig config, PublicStreams publicStreams,
                               PrivateStreams privateStreams, LongSupplier clockMillis, GatewayMetrics metrics,
                               LongConsumer deliveryObserver, KeptCancelAfter keptCancelAfter) {
    public static final String PATH = "/v1/ws";
    /** Largest accepted client frame (after reassembly of fragments). */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
}
