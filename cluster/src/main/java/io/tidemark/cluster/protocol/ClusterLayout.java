package io.tidemark.cluster.protocol;

/**
 * The one definition of the byte layout (little-endian) of the messages between gateways and the
 * clustered engine. Every message starts with its {@link MessageType} code. A command carries the
 * journal's own record ({@code CommandCodec}) after a header naming the gateway that sent it and that
 * gateway's command id, so that a gateway recognises its own commands on the egress stream and the
 * service recognises a command a gateway re-sent after a fail-over. Pinned by {@code ClusterCodecTest}.
 *
 * <pre>
 * COMMAND             type:1 origin:1 reserved:6 gateway:8 commandId:8 record:(CommandCodec)
 * RESEND              type:1 reserved:7 gateway:8 fromSequence:8
 * RESEND_UNAVAILABLE  type:1 reserved:7 gateway:8 fromSequence:8 oldestRetained:8
 * STATUS              type:1 role:1 reserved:2 member:4 pid:8 commitPosition:8 sequence:8 stateHash:8
 * CANCEL_AFTER        type:1 reserved:7 gateway:8 commandId:8 account:8 timeoutMillis:8
 * CANCEL_AFTER_SET    type:1 reserved:7 gateway:8 commandId:8 account:8 deadline:8
 * </pre>
 *
 * <p>A COMMAND's origin ({@link CommandOrigin}) is 0 for a gateway's command (the reserved byte it was before
 * the cluster had timers); a CANCEL_AFTER arms (timeout above 0) or disarms (0) an account's dead-man switch
 * and takes a command id from the same sequence as its gateway's commands; CANCEL_AFTER_SET answers it with
 * the deadline in cluster time (nanoseconds since the epoch), 0 when disarmed.
 *
 * <p>STATUS goes from every member (followers too) to every gateway's egress endpoint on its own stream,
 * {@link #STATUS_STREAM_ID}: the commands' stream has only the leader's session on it.
 */
public final class ClusterLayout {
    public static final int TYPE = 0;
    public static final int ORIGIN = 1;
    public static final int GATEWAY = 8;
    public static final int COMMAND_ID = 16;
    public static final int RECORD = 24;
    public static final int FROM_SEQUENCE = 16;
    public static final int OLDEST_RETAINED = 24;
    public static final int RESEND_LENGTH = 24;
    public static final int RESEND_UNAVAILABLE_LENGTH = 32;
    public static final int ACCOUNT = 24;
    public static final int TIMEOUT_MILLIS = 32;
    public static final int DEADLINE = 32;
    public static final int CANCEL_AFTER_LENGTH = 40;
    public static final int STATUS_ROLE = 1;
    public static final int STATUS_MEMBER = 4;
    public static final int STATUS_PID = 8;
    public static final int STATUS_COMMIT_POSITION = 16;
    public static final int STATUS_SEQUENCE = 24;
    public static final int STATUS_STATE_HASH = 32;
    public static final int STATUS_LENGTH = 40;
    /** The stream, on each gateway's egress endpoint, that members' STATUS reports arrive on (egress is 102). */
    public static final int STATUS_STREAM_ID = 1_102;

    private ClusterLayout() {
    }
}
