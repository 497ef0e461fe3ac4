package io.tidemark.cluster.protocol;

/**
 * Who asked for a command the cluster applied, by explicit code in the COMMAND header ({@link ClusterLayout}):
 * a gateway (named by the header's gateway and command id), or the clustered engine's own cancel_after
 * timer (gateway 0, the timer's correlation id), whose cancel-all every gateway applies like any command and
 * whose WebSocket sessions of that account are told of as the switch's firing.
 */
public enum CommandOrigin {
    GATEWAY(0),
    CANCEL_AFTER_TIMER(1);

    private final int code;

    CommandOrigin(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The origin of this code, or null for a code no origin has. */
    public static CommandOrigin fromCode(final int code) {
        for (final CommandOrigin origin : values()) {
            if (origin.code == code) {
                return origin;
            }
        }
        return null;
    }
}
