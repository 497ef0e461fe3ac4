package io.tidemark.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.node.config.ConfigFile;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code gateway} section of the config file: where the server listens, its timeouts, how many
 * connections it keeps open (per client address and in all), the rate-limit budgets of each tier and of
 * anonymous callers, and the WebSocket limits. Command-line flags override host and port.
 */
public record GatewayConfig(String host, int port, long requestTimeoutMillis, int idleTimeoutSeconds,
                            long headerTimeoutMillis, int maxConnectionsPerIp, int maxConnections,
                            Map<Tier, Integer> tierLimits, int publicLimitPerIp, int signupLimitPerIp,
                            int wsMaxSubscriptions, int wsMaxMessagesPerSecond, int wsMaxBacklogBytes,
                            long wsHeartbeatMillis) {

    private static final Set<String> KEYS = Set.of("host", "port", "request_timeout_ms", "idle_timeout_s",
        "header_timeout_ms", "max_connections_per_ip", "max_connections", "rate_limits", "websocket");
    private static final Set<String> LIMIT_KEYS = Set.of("retail", "verified", "market_maker", "public_per_ip",
        "signup_per_ip");
    private static final Set<String> WS_KEYS = Set.of("max_subscriptions", "max_messages_per_second",
        "max_backlog_bytes", "heartbeat_ms");

    public static GatewayConfig from(final ConfigFile file) {
        final JsonNode node = file.section("gateway");
        ConfigFile.checkKeys("gateway", node, KEYS);
        final JsonNode limits = node.path("rate_limits");
        ConfigFile.checkKeys("gateway.rate_limits", limits, LIMIT_KEYS);
        final JsonNode ws = node.path("websocket");
        ConfigFile.checkKeys("gateway.websocket", ws, WS_KEYS);
        final Map<Tier, Integer> tiers = new EnumMap<>(Tier.class);
        for (final Tier tier : Tier.values()) {
            tiers.put(tier, positive(limits, tier.wireName()));
        }
        // loopback unless the config file names another address: a gateway on its own machine in front of a
        // cluster, or in a network namespace, is reached from elsewhere only when the operator says so
        final String host = ConfigFile.text(node, "host", true).trim();
        if (host.isEmpty() || host.contains(" ") || host.contains("/")) {
            throw new ConfigException("gateway.host must be an address or host name, not '" + host + "'");
        }
        final int port = ConfigFile.integer(node, "port");
        if (port < 0 || port > 65_535) {
            throw new ConfigException("gateway.port must be 0-65535");
        }
        final int maxConnectionsPerIp = positive(node, "max_connections_per_ip");
        final int maxConnections = positive(node, "max_connections");
        if (maxConnectionsPerIp > maxConnections) {
            throw new ConfigException("gateway.max_connections_per_ip (" + maxConnectionsPerIp
                + ") must not be more than gateway.max_connections (" + maxConnections + ")");
        }
        return new GatewayConfig(host, port, positive(node, "request_timeout_ms"), positive(node, "idle_timeout_s"),
            positive(node, "header_timeout_ms"), maxConnectionsPerIp, maxConnections, Map.copyOf(tiers), positive(limits, "public_per_ip"), positive(limits, "signup_per_ip"),
            positive(ws, "max_subscriptions"), positive(ws, "max_messages_per_second"),
            positive(ws, "max_backlog_bytes"), positive(ws, "heartbeat_ms"));
    }

    public static GatewayConfig defaults() {
        return from(ConfigFile.defaults());
    }

    public GatewayConfig withHost(final String value) {
        return new GatewayConfig(value, port, requestTimeoutMillis, idleTimeoutSeconds, headerTimeoutMillis,
            maxConnectionsPerIp, maxConnections, tierLimits, publicLimitPerIp, signupLimitPerIp, wsMaxSubscriptions,
            wsMaxMessagesPerSecond, wsMaxBacklogBytes, wsHeartbeatMillis);
    }

    public GatewayConfig withPort(final int value) {
        return new GatewayConfig(host, value, requestTimeoutMillis, idleTimeoutSeconds, headerTimeoutMillis,
            maxConnectionsPerIp, maxConnections, tierLimits, publicLimitPerIp, signupLimitPerIp, wsMaxSubscriptions,
            wsMaxMessagesPerSecond, wsMaxBacklogBytes, wsHeartbeatMillis);
    }

    public GatewayConfig withRequestTimeoutMillis(final long value) {
        return new GatewayConfig(host, port, value, idleTimeoutSeconds, headerTimeoutMillis, maxConnectionsPerIp,
            maxConnections, tierLimits, publicLimitPerIp, signupLimitPerIp, wsMaxSubscriptions, wsMaxMessagesPerSecond,
            wsMaxBacklogBytes, wsHeartbeatMillis);
    }

    public GatewayConfig withHeaderTimeoutMillis(final long value) {
        return new GatewayConfig(host, port, requestTimeoutMillis, idleTimeoutSeconds, value, maxConnectionsPerIp,
            maxConnections, tierLimits, publicLimitPerIp, signupLimitPerIp, wsMaxSubscriptions, wsMaxMessagesPerSecond,
            wsMaxBacklogBytes, wsHeartbeatMillis);
    }

    public GatewayConfig withConnectionLimits(final int perIp, final int inAll) {
        return new GatewayConfig(host, port, requestTimeoutMillis, idleTimeoutSeconds, headerTimeoutMillis, perIp,
            inAll, tierLimits, publicLimitPerIp, signupLimitPerIp, wsMaxSubscriptions, wsMaxMessagesPerSecond,
            wsMaxBacklogBytes, wsHeartbeatMillis);
    }

    public GatewayConfig withLimits(final Map<Tier, Integer> tiers, final int publicPerIp, final int signupPerIp) {
        return new GatewayConfig(host, port, requestTimeoutMillis, idleTimeoutSeconds, headerTimeoutMillis,
            maxConnectionsPerIp, maxConnections, Map.copyOf(tiers), publicPerIp, signupPerIp, wsMaxSubscriptions,
            wsMaxMessagesPerSecond, wsMaxBacklogBytes, wsHeartbeatMillis);
    }

    public GatewayConfig withWebSocket(final int maxSubscriptions, final int maxMessagesPerSecond,
                                       final int maxBacklogBytes, final long heartbeatMillis) {
        return new GatewayConfig(host, port, requestTimeoutMillis, idleTimeoutSeconds, headerTimeoutMillis,
            maxConnectionsPerIp, maxConnections, tierLimits, publicLimitPerIp, signupLimitPerIp, maxSubscriptions,
            maxMessagesPerSecond, maxBacklogBytes, heartbeatMillis);
    }

    public int limit(final Tier tier) {
        return tierLimits.get(tier);
    }

    private static int positive(final JsonNode node, final String key) {
        final int value = ConfigFile.integer(node, key);
        if (value <= 0) {
            throw new ConfigException("'" + key + "' must be positive");
        }
        return value;
    }
}
