package io.tidemark.cluster.protocol;

import io.tidemark.engine.api.Command;
import io.tidemark.node.journal.CommandCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes and reads the messages of {@link ClusterLayout}; a command's record is the journal's
 * {@link CommandCodec} form, checksum included. Reuses one codec: no allocation. Not thread safe.
 */
public final class ClusterCodec {
    public static final int MAX_COMMAND_LENGTH = ClusterLayout.RECORD + CommandCodec.MAX_LENGTH;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final CommandCodec commands = new CommandCodec();

    /** The type of the message at {@code offset}, or null if this version does not know it. */
    public static MessageType type(final DirectBuffer buffer, final int offset, final int length) {
        return length < ClusterLayout.RESEND_LENGTH ? null : MessageType.fromCode(buffer.getByte(offset + ClusterLayout.TYPE));
    }

    public static long gateway(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + ClusterLayout.GATEWAY, LE);
    }

    public static long commandId(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + ClusterLayout.COMMAND_ID, LE);
    }

    public static long account(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + ClusterLayout.ACCOUNT, LE);
    }

    public static long timeoutMillis(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + ClusterLayout.TIMEOUT_MILLIS, LE);
    }

    public static long deadline(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + ClusterLayout.DEADLINE, LE);
    }

    /** The origin of the COMMAND at {@code offset}, or null for a code this version does not know. */
    public static CommandOrigin origin(final DirectBuffer buffer, final int offset) {
        return CommandOrigin.fromCode(buffer.getByte(offset + ClusterLayout.ORIGIN));
    }

    public static long fromSequence(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + ClusterLayout.FROM_SEQUENCE, LE);
    }

    public static long oldestRetained(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + ClusterLayout.OLDEST_RETAINED, LE);
    }

    /** Writes a gateway's COMMAND message at 0; returns its length. */
    public int encodeCommand(final MutableDirectBuffer buffer, final long gateway, final long commandId,
                             final Command command) {
        return encodeCommand(buffer, CommandOrigin.GATEWAY, gateway, commandId, command);
    }

    /** Writes a COMMAND message of {@code origin} at 0; returns its length. */
    public int encodeCommand(final MutableDirectBuffer buffer, final CommandOrigin origin, final long gateway,
                             final long commandId, final Command command) {
        header(buffer, MessageType.COMMAND, gateway);
        buffer.putByte(ClusterLayout.ORIGIN, (byte) origin.code());
        buffer.putLong(ClusterLayout.COMMAND_ID, commandId, LE);
        final int length = commands.encode(command);
        buffer.putBytes(ClusterLayout.RECORD, commands.bytes(), 0, length);
        return ClusterLayout.RECORD + length;
    }

    /**
     * Reads the command of the COMMAND message at {@code offset} into {@code command}; false (see
     * {@link #lastError()}) when its record is damaged or malformed.
     */
    public boolean decodeCommand(final DirectBuffer buffer, final int offset, final int length, final Command command) {
        final int recordLength = length - ClusterLayout.RECORD;
        if (recordLength <= 0 || recordLength > CommandCodec.MAX_LENGTH) {
            return false;
        }
        buffer.getBytes(offset + ClusterLayout.RECORD, commands.bytes(), 0, recordLength);
        return commands.decode(recordLength, command);
    }

    public String lastError() {
        return commands.lastError();
    }

    /** Writes a RESEND message at 0; returns its length. */
    public static int encodeResend(final MutableDirectBuffer buffer, final long gateway, final long fromSequence) {
        header(buffer, MessageType.RESEND, gateway);
        buffer.putLong(ClusterLayout.FROM_SEQUENCE, fromSequence, LE);
        return ClusterLayout.RESEND_LENGTH;
    }

    /** Writes a RESEND_UNAVAILABLE message at 0; returns its length. */
    public static int encodeResendUnavailable(final MutableDirectBuffer buffer, final long gateway,
                                              final long fromSequence, final long oldestRetained) {
        header(buffer, MessageType.RESEND_UNAVAILABLE, gateway);
        buffer.putLong(ClusterLayout.FROM_SEQUENCE, fromSequence, LE);
        buffer.putLong(ClusterLayout.OLDEST_RETAINED, oldestRetained, LE);
        return ClusterLayout.RESEND_UNAVAILABLE_LENGTH;
    }

    /** Writes a CANCEL_AFTER message at 0 (timeout 0 disarms); returns its length. */
    public static int encodeCancelAfter(final MutableDirectBuffer buffer, final long gateway, final long commandId,
                                        final long accountId, final long timeoutMillis) {
        header(buffer, MessageType.CANCEL_AFTER, gateway);
        buffer.putLong(ClusterLayout.COMMAND_ID, commandId, LE);
        buffer.putLong(ClusterLayout.ACCOUNT, accountId, LE);
        buffer.putLong(ClusterLayout.TIMEOUT_MILLIS, timeoutMillis, LE);
        return ClusterLayout.CANCEL_AFTER_LENGTH;
    }

    /** Writes a CANCEL_AFTER_SET message at 0 (deadline 0: disarmed); returns its length. */
    public static int encodeCancelAfterSet(final MutableDirectBuffer buffer, final long gateway, final long commandId,
                                           final long accountId, final long deadline) {
        header(buffer, MessageType.CANCEL_AFTER_SET, gateway);
        buffer.putLong(ClusterLayout.COMMAND_ID, commandId, LE);
        buffer.putLong(ClusterLayout.ACCOUNT, accountId, LE);
        buffer.putLong(ClusterLayout.DEADLINE, deadline, LE);
        return ClusterLayout.CANCEL_AFTER_LENGTH;
    }

    /** Writes a STATUS message at 0; returns its length. */
    public static int encodeStatus(final MutableDirectBuffer buffer, final StatusReport report) {
        buffer.putLong(0, 0L);
        buffer.putByte(ClusterLayout.TYPE, (byte) MessageType.STATUS.code());
        buffer.putByte(ClusterLayout.STATUS_ROLE, (byte) report.role().code());
        buffer.putInt(ClusterLayout.STATUS_MEMBER, report.memberId(), LE);
        buffer.putLong(ClusterLayout.STATUS_PID, report.pid(), LE);
        buffer.putLong(ClusterLayout.STATUS_COMMIT_POSITION, report.commitPosition(), LE);
        buffer.putLong(ClusterLayout.STATUS_SEQUENCE, report.sequence(), LE);
        buffer.putLong(ClusterLayout.STATUS_STATE_HASH, report.stateHash(), LE);
        return ClusterLayout.STATUS_LENGTH;
    }

    /** The report of the STATUS message at {@code offset}, or null when it is short or names no known role. */
    public static StatusReport decodeStatus(final DirectBuffer buffer, final int offset, final int length) {
        if (length < ClusterLayout.STATUS_LENGTH || type(buffer, offset, length) != MessageType.STATUS) {
            return null;
        }
        final MemberRole role = MemberRole.fromCode(buffer.getByte(offset + ClusterLayout.STATUS_ROLE));
        if (role == null) {
            return null;
        }
        return new StatusReport(buffer.getInt(offset + ClusterLayout.STATUS_MEMBER, LE), role,
            buffer.getLong(offset + ClusterLayout.STATUS_PID, LE),
            buffer.getLong(offset + ClusterLayout.STATUS_COMMIT_POSITION, LE),
            buffer.getLong(offset + ClusterLayout.STATUS_SEQUENCE, LE),
            buffer.getLong(offset + ClusterLayout.STATUS_STATE_HASH, LE));
    }

    private static void header(final MutableDirectBuffer buffer, final MessageType type, final long gateway) {
        buffer.putLong(0, 0L);
        buffer.putByte(ClusterLayout.TYPE, (byte) type.code());
        buffer.putLong(ClusterLayout.GATEWAY, gateway, LE);
    }
}
