package io.tidemark.gateway.server;

/** What a gateway serves, as {@code GET /v1/info} tells the web screen and clients. */
public enum ServerMode {
    /** The exchange plus self sign-up, the faucet and simulated traders. */
    SANDBOX("sandbox"),
    /** The exchange run by an operator: no sign-up, no faucet. */
    SERVER("server"),
    /** A gateway of a replicated exchange: the engine runs on Aeron Cluster nodes, the gateway is their client. */
    CLUSTER("cluster");

    private final String wireName;

    ServerMode(final String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
