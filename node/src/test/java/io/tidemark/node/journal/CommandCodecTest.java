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

    /** One command of each type with every optional field set, as the journal holds it: these bytes are contract. */
    private static java.util.List<Command> oneOfEachType() {
        final Command place = new Command().placeOrder(7, 1, io.tidemark.engine.api.Side.SELL,
            io.tidemark.engine.api.OrderType.STOP_LIMIT, 12_345, 678);
        place.timeInForce = io.tidemark.engine.api.TimeInForce.FOK;
        place.selfTradePrevention = io.tidemark.engine.api.SelfTradePrevention.CANCEL_BOTH;
        place.stopPrice = 12_000;
        place.postOnly = true;
        place.clientOrderId.set("golden-1");
        final Command cancel = new Command().cancelOrder(7, 42);
        cancel.clientOrderId.set("golden-2");
        return java.util.List.of(place, cancel, new Command().cancelAll(8, 2), new Command().amendOrder(9, 43, 12_300, 600),
            new Command().deposit(10, 2, 5_000_000L), new Command().withdraw(11, 1, 77L),
            new Command().transfer(12, 0, 99L, io.tidemark.engine.api.Wallet.SPOT, io.tidemark.engine.api.Wallet.EARN),
            new Command().setMarketStatus(2, io.tidemark.engine.api.MarketStatus.HALTED));
    }

    @Test
    void eachCommandTypeEncodesToItsGoldenBytes() {
        final String[] golden = GOLDEN_COMMANDS;
        final CommandCodec codec = new CommandCodec();
        final java.util.List<Command> commands = oneOfEachType();
        final StringBuilder actual = new StringBuilder();
        for (int i = 0; i < commands.size(); i++) {
            final Command command = commands.get(i);
            command.sequence = 1_000 + i;
            command.timestamp = 1_795_219_200_000_000_000L + i;
            final int length = codec.encode(command);
            actual.append(java.util.HexFormat.of().formatHex(codec.bytes(), 0, length)).append('\n');
        }
        assertThat(actual.toString()).isEqualTo(String.join("\n", golden) + "\n");
    }

    /** The operator's commands (codes 8-14 and the deposit's reference), pinned beside the older ones. */
    private static java.util.List<Command> oneOfEachOperatorCommand() {
        return java.util.List.of(new Command().deposit(10, 2, 5_000_000L, "wire-0001"),
            new Command().requestWithdrawal(11, 1, 77L), new Command().completeWithdrawal(3),
            new Command().rejectWithdrawal(4), new Command().freezeAccount(12, true), new Command().unfreezeAccount(12),
            new Command().faucet(13, 0, 250L), new Command().setMarketFees(2, 5, 30));
    }

    @Test
    void eachOperatorCommandEncodesToItsGoldenBytesAndDecodesBack() {
        final CommandCodec codec = new CommandCodec();
        final java.util.List<Command> commands = oneOfEachOperatorCommand();
        final StringBuilder actual = new StringBuilder();
        for (int i = 0; i < commands.size(); i++) {
            final Command command = commands.get(i);
            command.sequence = 2_000 + i;
            command.timestamp = 1_795_219_200_000_000_000L + i;
            final int length = codec.encode(command);
            actual.append(java.util.HexFormat.of().formatHex(codec.bytes(), 0, length)).append('\n');
            final Command decoded = new Command();
            assertThat(codec.decode(length, decoded)).as(codec.lastError()).isTrue();
            assertThat(decoded.toString()).isEqualTo(command.toString());
            assertThat(decoded.clientOrderId.contentEquals(command.clientOrderId)).isTrue();
            assertThat(decoded.cancelOrders).isEqualTo(command.cancelOrders);
            assertThat(decoded.makerFeeBps).isEqualTo(command.makerFeeBps);
            assertThat(decoded.takerFeeBps).isEqualTo(command.takerFeeBps);
        }
        assertThat(actual.toString()).isEqualTo(String.join("\n", GOLDEN_OPERATOR_COMMANDS) + "\n");
    }

    /** The run-time listings (codes 15-16), pinned beside the older ones. */
    private static java.util.List<Command> oneOfEachListing() {
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final ExchangeConfig withSol = config.withAsset(new io.tidemark.engine.config.AssetConfig("SOL", 9));
        final io.tidemark.engine.config.Market solUsd = withSol.withMarket(new io.tidemark.engine.config.MarketConfig(
            "SOL-USD", "0.01", "0.01", "0.05", "1", 10, 25, io.tidemark.engine.api.MarketStatus.HALTED, "100000", "50000"))
            .marketByPair("SOL-USD");
        return java.util.List.of(io.tidemark.engine.config.Listing.listAsset(new Command(), "SOL", 9),
            io.tidemark.engine.config.Listing.listMarket(new Command(), solUsd));
    }

    @Test
    void eachListingEncodesToItsGoldenBytesAndDecodesBack() {
        final CommandCodec codec = new CommandCodec();
        final java.util.List<Command> commands = oneOfEachListing();
        final StringBuilder actual = new StringBuilder();
        for (int i = 0; i < commands.size(); i++) {
            final Command command = commands.get(i);
            command.sequence = 3_000 + i;
            command.timestamp = 1_795_219_200_000_000_000L + i;
            final int length = codec.encode(command);
            assertThat(length).isLessThanOrEqualTo(CommandCodec.MAX_LENGTH);
            actual.append(java.util.HexFormat.of().formatHex(codec.bytes(), 0, length)).append('\n');
            final Command decoded = new Command();
            assertThat(codec.decode(length, decoded)).as(codec.lastError()).isTrue();
            assertThat(decoded.toString()).isEqualTo(command.toString());
            assertThat(decoded.clientOrderId.contentEquals(command.clientOrderId)).isTrue();
        }
        assertThat(actual.toString()).isEqualTo(String.join("\n", GOLDEN_LISTINGS) + "\n");
    }

    private static final String[] GOLDEN_LISTINGS = {
        // list asset (code 15): scale 9, symbol "SOL" as a client id (flag 1)
        "010f01003164ba9eb80b0000000000000000f6d559e6e91800000000000000000900000092b300000000000000000000000000000000000000000000000000000000000c",
        // list market (code 16): SOL-USD (assets 3, 1), tick 1e-2, lot 1e-2, min 5 lots, min notional 1 USD,
        // max price 10,000,000 ticks, max size 5,000,000 lots, maker 10, taker 25 bps, halted
        "0110000047923313b90b0000000000000100f6d559e6e91800000000000000000300000001000000020100000000000000020100000000000000050000000000000040420f00000000008096980000000000404b4c00000000000a0000001900000002"
    };

    private static final String[] GOLDEN_OPERATOR_COMMANDS = {
        // deposit with reference "wire-0001" (client id flag)
        "01040100a9ea897ed0070000000000000000f6d559e6e9180a0000000000000002000000404b4c0000000000b0b87a3f4dd33500000000000000000000000000000000000000000000000024",
        // request withdrawal
        "01080000f97fcab4d1070000000000000100f6d559e6e9180b00000000000000010000004d00000000000000",
        // complete withdrawal 3
        "0109000092bf6971d2070000000000000200f6d559e6e91800000000000000000300000000000000",
        // reject withdrawal 4
        "010a0000b612926ed3070000000000000300f6d559e6e91800000000000000000400000000000000",
        // freeze, cancelling open orders (flag 4)
        "010b04003c8f2ee3d4070000000000000400f6d559e6e9180c00000000000000",
        // unfreeze
        "010c0000e1db8282d5070000000000000500f6d559e6e9180c00000000000000",
        // faucet payment (code 13): a deposit's body
        "010d000027692029d6070000000000000600f6d559e6e9180d0000000000000000000000fa00000000000000",
        // market fees (code 14): market 2, maker 5, taker 30 bps
        "010e000011e0d72ad7070000000000000700f6d559e6e918000000000000000002000000050000001e000000"
    };

    private static final String[] GOLDEN_COMMANDS = {
        // place (sell stop-limit FOK, cancel-both, post-only, client id)
        "01000300b6bba26ee8030000000000000000f6d559e6e918070000000000000001000000020403033930000000000000e02e000000000000a6020000000000000000000000000000205a76def9d70000000000000000000000000000000000000000000000000020",
        // cancel (client id)
        "010101003dc552c4e9030000000000000100f6d559e6e91807000000000000002a00000000000000205a76def9db0000000000000000000000000000000000000000000000000020",
        // cancel-all
        "01020000c15011d8ea030000000000000200f6d559e6e918080000000000000002000000",
        // amend
        "0103000098e56eb3eb030000000000000300f6d559e6e91809000000000000002b000000000000000c300000000000005802000000000000",
        // deposit
        "010400002d017abdec030000000000000400f6d559e6e9180a0000000000000002000000404b4c0000000000",
        // withdraw
        "0105000054bbfe12ed030000000000000500f6d559e6e9180b00000000000000010000004d00000000000000",
        // transfer spot -> earn
        "01060000de952e4cee030000000000000600f6d559e6e9180c000000000000000000000063000000000000000103",
        // halt
        "01070000f4479bd5ef030000000000000700f6d559e6e91800000000000000000200000002"
    };
}
