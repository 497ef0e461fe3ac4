package io.tidemark.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.node.pipeline.Topology;

import java.util.Set;

/**
 * The {@code node} section of the config file: how the runtime around the engine is laid out on the
 * machine. {@code topology}: {@code fused} (one core thread runs every stage), {@code staged} (a thread
 * per stage) or {@code auto} (fused on at most 4 cores).
 */
public record NodeConfig(Topology topology) {
    private static final Set<String> KEYS = Set.of("topology");

    public static NodeConfig from(final ConfigFile file) {
        final JsonNode node = file.section("node");
        ConfigFile.checkKeys("node", node, KEYS);
        final String value = ConfigFile.text(node, "topology", true);
        final Topology topology = Topology.fromWire(value);
        if (topology == null) {
            throw new ConfigException("node.topology must be fused, staged or auto, not " + value);
        }
        return new NodeConfig(topology);
    }

    public static NodeConfig defaults() {
        return from(ConfigFile.defaults());
    }
}
