package io.tidemark.gateway.server;

/** What a gateway serves, as {@code GET /v1/info} tells the web screen and clients. */
public enum ServerMode {
    /** The exchange plus self sign-up, the faucet and simulated traders. */
    SANDBOX("sandbox"),
    /** The exchange run by an operator: no sign-up, no faucet. */
    SERVER("server");

    private final String wireName;

    ServerMode(final String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
