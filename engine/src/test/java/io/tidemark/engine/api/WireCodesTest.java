package io.tidemark.engine.api;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every code the engine's enums write to the journal, the event stream and snapshots, pinned. Old data
 * directories hold these numbers: a change here misreads them, so this test fails on any renumbering,
 * and on a new constant until its code is written down here too.
 */
class WireCodesTest {
    private static <E extends Enum<E> & WireEnum> Map<String, Integer> codes(final E[] values) {
        final Map<String, Integer> codes = new LinkedHashMap<>();
        Arrays.stream(values).forEach(value -> codes.put(value.name(), value.code()));
        return codes;
    }

    @Test
    void commandTypes() {
        assertThat(codes(CommandType.values())).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
            Map.entry("PLACE_ORDER", 0), Map.entry("CANCEL_ORDER", 1), Map.entry("CANCEL_ALL", 2),
            Map.entry("AMEND_ORDER", 3), Map.entry("DEPOSIT", 4), Map.entry("WITHDRAW", 5), Map.entry("TRANSFER", 6),
            Map.entry("SET_MARKET_STATUS", 7), Map.entry("REQUEST_WITHDRAWAL", 8), Map.entry("COMPLETE_WITHDRAWAL", 9),
            Map.entry("REJECT_WITHDRAWAL", 10), Map.entry("FREEZE_ACCOUNT", 11), Map.entry("UNFREEZE_ACCOUNT", 12),
            Map.entry("FAUCET", 13), Map.entry("SET_MARKET_FEES", 14),
            Map.entry("LIST_ASSET", 15), Map.entry("LIST_MARKET", 16)));
    }

    @Test
    void sidesOrderTypesTimesInForceAndSelfTradePrevention() {
        assertThat(codes(Side.values())).containsExactlyInAnyOrderEntriesOf(Map.of("BUY", 0, "SELL", 1));
        assertThat(codes(OrderType.values())).containsExactlyInAnyOrderEntriesOf(Map.of(
            "LIMIT", 0, "MARKET", 1, "STOP", 2, "STOP_LIMIT", 3));
        assertThat(codes(TimeInForce.values())).containsExactlyInAnyOrderEntriesOf(Map.of("GTC", 0, "IOC", 1, "FOK", 2));
        assertThat(codes(SelfTradePrevention.values())).containsExactlyInAnyOrderEntriesOf(Map.of(
            "CANCEL_TAKER", 0, "CANCEL_MAKER", 1, "CANCEL_BOTH", 2));
    }

    @Test
    void orderStatusesAndCancelReasons() {
        assertThat(codes(OrderStatus.values())).containsExactlyInAnyOrderEntriesOf(Map.of(
            "PENDING_TRIGGER", 0, "OPEN", 1, "PARTIALLY_FILLED", 2, "FILLED", 3, "CANCELLED", 4, "REJECTED", 5));
        assertThat(codes(CancelReason.values())).containsExactlyInAnyOrderEntriesOf(Map.of(
            "NONE", 0, "USER", 1, "IOC_REMAINDER", 2, "FOK_NOT_FILLED", 3, "POST_ONLY_WOULD_TAKE", 4,
            "SELF_TRADE", 5, "MARKET_NO_LIQUIDITY", 6));
    }

    @Test
    void walletsLiquidityAndMarketStatuses() {
        assertThat(codes(Wallet.values())).containsExactlyInAnyOrderEntriesOf(Map.of("SPOT", 0, "MARGIN", 1, "EARN", 2));
        assertThat(codes(Liquidity.values())).containsExactlyInAnyOrderEntriesOf(Map.of("MAKER", 0, "TAKER", 1));
        assertThat(codes(MarketStatus.values())).containsExactlyInAnyOrderEntriesOf(Map.of("TRADING", 0, "HALTED", 1));
    }

    @Test
    void resultCodes() {
        final Map<String, Integer> codes = new LinkedHashMap<>();
        Arrays.stream(ResultCode.values()).forEach(value -> codes.put(value.name(), value.code()));
        final Map<String, Integer> expected = new LinkedHashMap<>();
        final String[] names = {"ACCEPTED", "REPLAYED", "INVALID_PARAMETER", "INVALID_PRICE", "PRICE_ABOVE_MAXIMUM",
            "POST_ONLY_WOULD_CROSS", "INVALID_SIZE", "SIZE_BELOW_MINIMUM", "SIZE_ABOVE_MAXIMUM", "NOTIONAL_BELOW_MINIMUM",
            "SIZE_NOT_ABOVE_FILLED", "INSUFFICIENT_FUNDS", "MARKET_HALTED", "UNKNOWN_PAIR", "UNKNOWN_ASSET",
            "INVALID_AMOUNT", "AMOUNT_TOO_LARGE", "SAME_WALLET", "NOTHING_TO_AMEND", "ORDER_NOT_AMENDABLE",
            "ORDER_NOT_FOUND", "CLIENT_ORDER_ID_CONFLICT", "ACCOUNT_FROZEN", "DEPOSIT_CONFLICT", "WITHDRAWAL_NOT_FOUND",
            "WITHDRAWAL_NOT_PENDING", "ASSET_EXISTS", "MARKET_EXISTS"};
        for (int code = 0; code < names.length; code++) {
            expected.put(names[code], code);
        }
        assertThat(codes).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void everyCodeReadsBackAsItsConstant() {
        for (final Side value : Side.values()) {
            assertThat(Side.fromCode(value.code())).isSameAs(value);
        }
        for (final CommandType value : CommandType.values()) {
            assertThat(CommandType.fromCode(value.code())).isSameAs(value);
        }
        for (final ResultCode value : ResultCode.values()) {
            assertThat(ResultCode.fromCode(value.code())).isSameAs(value);
        }
        for (final CancelReason value : CancelReason.values()) {
            assertThat(CancelReason.fromCode(value.code())).isSameAs(value);
        }
    }

    @Test
    void anUnknownCodeIsRefusedNotMisread() {
        assertThatThrownBy(() -> OrderType.fromCode(4)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("OrderType");
        assertThatThrownBy(() -> Side.fromCode(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultCode.fromCode(200)).isInstanceOf(IllegalArgumentException.class);
    }
}
