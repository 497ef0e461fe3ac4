package io.tidemark.cluster.protocol;

/**
 * The kinds of message between gateways and the clustered engine, by explicit code (the first byte of each
 * message, see {@link ClusterLayout}); never an ordinal, since the cluster's log records ingress as sent.
 */
public enum MessageType {
    /** Ingress: a command to sequence and apply. Egress: a command as the log applied it, to every gateway. */
    COMMAND(1),
    /** Ingress: a gateway asks for the applied commands from a sequence on (it missed some, or just started). */
    RESEND(2),
    /** Egress: a resend the service cannot serve: those commands are no longer retained. */
    RESEND_UNAVAILABLE(3),
    /** From every member, on the status stream: what it is and has reached ({@link StatusReport}). */
    STATUS(4),
    /** Ingress: arm (or with timeout 0 disarm) an account's cancel_after switch, held in the replicated state. */
    CANCEL_AFTER(5),
    /** Egress, to the gateway that sent a CANCEL_AFTER: the switch's deadline now (0: disarmed). */
    CANCEL_AFTER_SET(6);

    private final int code;

    MessageType(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of this code, or null for a code no type has (a message this version does not know). */
    public static MessageType fromCode(final int code) {
        for (final MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
