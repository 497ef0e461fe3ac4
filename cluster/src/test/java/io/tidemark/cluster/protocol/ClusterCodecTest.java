package io.tidemark.cluster.protocol;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages between gateways and the clustered engine. The cluster's log records ingress as sent, so
 * these bytes are an on-disk format: a change needs a new message type or version, not a new fixture.
 */
class ClusterCodecTest {
    private final ClusterCodec codec = new ClusterCodec();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ClusterCodec.MAX_COMMAND_LENGTH]);

    private static Command place() {
        final Command c = new Command().placeOrder(7, 0, Side.BUY, OrderType.LIMIT, 6_000_000, 100);
        c.sequence = 42;
        c.timestamp = 1_795_219_200_000_000_000L;
        return c;
    }

    @Test
    void aCommandIsItsHeaderThenTheJournalRecordToItsGoldenBytes() {
        final int length = codec.encodeCommand(buffer, 0x1122334455667788L, 5, place());
        // type, gateway, command id; then the journal's record of the place order (CommandCodecTest pins its layout)
        assertThat(HexFormat.of().formatHex(buffer.byteArray(), 0, length)).isEqualTo(
            "0100000000000000" + "8877665544332211" + "0500000000000000"
                + "01000000" + "a65c30d9" + "2a00000000000000" + "0000f6d559e6e918" + "0700000000000000"
                + "00000000" + "01010101" + "808d5b0000000000" + "0000000000000000" + "6400000000000000"
                + "0000000000000000");
        assertThat(length).isEqualTo(ClusterLayout.RECORD + 72);
    }

    @Test
    void aCommandDecodesToWhatWasEncoded() {
        final int length = codec.encodeCommand(buffer, 9, 5, place());
        final Command decoded = new Command();
        assertThat(ClusterCodec.type(buffer, 0, length)).isEqualTo(MessageType.COMMAND);
        assertThat(ClusterCodec.gateway(buffer, 0)).isEqualTo(9);
        assertThat(ClusterCodec.commandId(buffer, 0)).isEqualTo(5);
        assertThat(codec.decodeCommand(buffer, 0, length, decoded)).isTrue();
        assertThat(decoded.toString()).isEqualTo(place().toString());
    }

    @Test
    void aDamagedRecordIsRefused() {
        final int length = codec.encodeCommand(buffer, 9, 5, place());
        buffer.putByte(ClusterLayout.RECORD + 40, (byte) (buffer.getByte(ClusterLayout.RECORD + 40) ^ 1));
        assertThat(codec.decodeCommand(buffer, 0, length, new Command())).isFalse();
        assertThat(codec.lastError()).isEqualTo("checksum mismatch");
        assertThat(codec.decodeCommand(buffer, 0, ClusterLayout.RECORD, new Command())).isFalse();
    }

    @Test
    void resendAndItsRefusalToTheirGoldenBytes() {
        int length = ClusterCodec.encodeResend(buffer, 0x0102030405060708L, 1_000);
        assertThat(HexFormat.of().formatHex(buffer.byteArray(), 0, length))
            .isEqualTo("0200000000000000" + "0807060504030201" + "e803000000000000");
        length = ClusterCodec.encodeResendUnavailable(buffer, 3, 1_000, 70_000);
        assertThat(HexFormat.of().formatHex(buffer.byteArray(), 0, length))
            .isEqualTo("0300000000000000" + "0300000000000000" + "e803000000000000" + "7011010000000000");
        assertThat(ClusterCodec.fromSequence(buffer, 0)).isEqualTo(1_000);
        assertThat(ClusterCodec.oldestRetained(buffer, 0)).isEqualTo(70_000);
    }

    @Test
    void aCommandOfTheCancelAfterTimerSaysSoInItsOriginByte() {
        final int length = codec.encodeCommand(buffer, CommandOrigin.CANCEL_AFTER_TIMER, 0, 3, place());
        assertThat(HexFormat.of().formatHex(buffer.byteArray(), 0, ClusterLayout.RECORD))
            .isEqualTo("0101000000000000" + "0000000000000000" + "0300000000000000");
        assertThat(ClusterCodec.origin(buffer, 0)).isEqualTo(CommandOrigin.CANCEL_AFTER_TIMER);
        codec.encodeCommand(buffer, 9, 5, place());
        assertThat(ClusterCodec.origin(buffer, 0)).isEqualTo(CommandOrigin.GATEWAY);
        buffer.putByte(ClusterLayout.ORIGIN, (byte) 7);
        assertThat(ClusterCodec.origin(buffer, 0)).isNull();
        assertThat(length).isEqualTo(ClusterLayout.RECORD + 72);
    }

    @Test
    void cancelAfterAndItsAnswerToTheirGoldenBytes() {
        int length = ClusterCodec.encodeCancelAfter(buffer, 0x0102030405060708L, 12, 7, 10_000);
        assertThat(HexFormat.of().formatHex(buffer.byteArray(), 0, length)).isEqualTo("0500000000000000"
            + "0807060504030201" + "0c00000000000000" + "0700000000000000" + "1027000000000000");
        assertThat(ClusterCodec.type(buffer, 0, length)).isEqualTo(MessageType.CANCEL_AFTER);
        assertThat(ClusterCodec.account(buffer, 0)).isEqualTo(7);
        assertThat(ClusterCodec.timeoutMillis(buffer, 0)).isEqualTo(10_000);
        length = ClusterCodec.encodeCancelAfterSet(buffer, 3, 12, 7, 1_795_219_200_000_000_000L);
        assertThat(HexFormat.of().formatHex(buffer.byteArray(), 0, length)).isEqualTo("0600000000000000"
            + "0300000000000000" + "0c00000000000000" + "0700000000000000" + "0000f6d559e6e918");
        assertThat(ClusterCodec.deadline(buffer, 0)).isEqualTo(1_795_219_200_000_000_000L);
        assertThat(ClusterCodec.commandId(buffer, 0)).isEqualTo(12);
    }

    @Test
    void aMembersStatusToItsGoldenBytesAndBack() {
        final StatusReport report = new StatusReport(2, MemberRole.FOLLOWER, 0x1234, 11_296, 42, 0x826a313f33c81477L);
        final int length = ClusterCodec.encodeStatus(buffer, report);
        assertThat(HexFormat.of().formatHex(buffer.byteArray(), 0, length)).isEqualTo(
            "0402000002000000" + "3412000000000000" + "202c000000000000" + "2a00000000000000" + "7714c8333f316a82");
        assertThat(ClusterCodec.type(buffer, 0, length)).isEqualTo(MessageType.STATUS);
        assertThat(ClusterCodec.decodeStatus(buffer, 0, length)).isEqualTo(report);
        assertThat(report.stateHashHex()).isEqualTo("826a313f33c81477");
    }

    @Test
    void aStatusWithAnUnknownRoleOrTooShortIsNotRead() {
        final int length = ClusterCodec.encodeStatus(buffer, new StatusReport(0, MemberRole.LEADER, 1, 2, 3, 4));
        assertThat(ClusterCodec.decodeStatus(buffer, 0, length - 1)).isNull();
        buffer.putByte(ClusterLayout.STATUS_ROLE, (byte) 9);
        assertThat(ClusterCodec.decodeStatus(buffer, 0, length)).isNull();
    }

    @Test
    void anUnknownTypeOrAShortMessageHasNoType() {
        buffer.putByte(0, (byte) 99);
        assertThat(ClusterCodec.type(buffer, 0, 32)).isNull();
        assertThat(ClusterCodec.type(buffer, 0, 8)).isNull();
    }
}
