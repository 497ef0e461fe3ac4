package io.tidemark.node.pipeline;

import java.util.Locale;

/**
 * How the pipeline's four logical stages map to threads. The stages are the same code and run in the
 * same order either way; only who runs them differs.
 */
public enum Topology {
    /**
     * One core thread runs journal → engine → views → reply for each batch the ring hands it: every slot of
     * the batch is journaled and the batch flushed, then the engine applies each, then the read models take
     * each, then each is answered. For small machines: one busy core thread beside the network threads.
     */
    FUSED,
    /** A thread per stage (for machines with a core per stage). */
    STAGED,
    /** {@link #FUSED} on a machine with at most {@link #AUTO_FUSED_MAX_CORES} cores, {@link #STAGED} otherwise. */
    AUTO;

    /** The most cores on which {@link #AUTO} chooses {@link #FUSED}. */
    public static final int AUTO_FUSED_MAX_CORES = 4;

    /** This topology with {@link #AUTO} decided for a machine of {@code cores} cores. */
    public Topology resolve(final int cores) {
        if (this != AUTO) {
            return this;
        }
        return cores <= AUTO_FUSED_MAX_CORES ? FUSED : STAGED;
    }

    /** This topology decided for the cores this JVM may use. */
    public Topology resolve() {
        return resolve(Runtime.getRuntime().availableProcessors());
    }

    /** The config file's spelling: {@code fused}, {@code staged} or {@code auto}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fused}, {@code staged} or {@code auto}; null for anything else. */
    public static Topology fromWire(final String value) {
        for (final Topology topology : values()) {
            if (topology.wireName().equals(value)) {
                return topology;
            }
        }
        return null;
    }
}
