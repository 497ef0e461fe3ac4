package io.tidemark.node.journal;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandCodecTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    @Test
    void everyKindOfCommandSurvivesEncodingExactlyIncludingAbsentFields() {
        final CommandCodec codec = new CommandCodec();
        final RandomCommandGenerator generator = new RandomCommandGenerator(3, config, 20);
        final Command original = new Command();
        final Command decoded = new Command();
        for (int i = 0; i < 200_000; i++) {
            generator.next(original);
            final int length = codec.encode(original);
            assertThat(length).isLessThanOrEqualTo(CommandCodec.MAX_LENGTH);
            assertThat(codec.decode(length, decoded)).as("%s: %s", original, codec.lastError()).isTrue();
            assertThat(decoded.toString()).isEqualTo(original.toString());
            assertThat(decoded.clientOrderId.contentEquals(original.clientOrderId)).isTrue();
            assertThat(decoded.postOnly).isEqualTo(original.postOnly);
            assertThat(decoded.selfTradePrevention).isEqualTo(original.selfTradePrevention);
        }
    }

    @Test
    void anyFlippedBitIsDetected() {
        final CommandCodec codec = new CommandCodec();
        final Command command = new Command().placeOrder(7, 1, io.tidemark.engine.api.Side.BUY,
            io.tidemark.engine.api.OrderType.LIMIT, 12_345, 678);
        command.sequence = 99;
        command.timestamp = 123_456_789;
        command.clientOrderId.set("retry-1");
        final int length = codec.encode(command);
        final byte[] pristine = codec.bytes().clone();
        for (int bit = 0; bit < length * 8; bit++) {
            System.arraycopy(pristine, 0, codec.bytes(), 0, length);
            codec.bytes()[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(codec.decode(length, new Command())).as("bit %d", bit).isFalse();
        }
        System.arraycopy(pristine, 0, codec.bytes(), 0, length);
        assertThat(codec.decode(length - 1, new Command())).as("one byte short").isFalse();
    }
}
