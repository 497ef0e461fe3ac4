package io.tidemark.gateway.error;

import io.tidemark.engine.api.ResultCode;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every engine rejection reads to clients exactly as it did when the engine carried the strings. */
class RejectionTest {
    /** The public code and message of each rejection, written out: a change here is a change of the contract. */
    private static final Map<ResultCode, String[]> EXPECTED = Map.ofEntries(
        entry(ResultCode.INVALID_PARAMETER, new String[] {"invalid_parameter", "invalid combination of order parameters"}),
        entry(ResultCode.INVALID_PRICE, new String[] {"invalid_price", "price must be positive and a multiple of the tick size"}),
        entry(ResultCode.PRICE_ABOVE_MAXIMUM, new String[] {"invalid_price", "price is above the market's maximum price"}),
        entry(ResultCode.POST_ONLY_WOULD_CROSS,
            new String[] {"invalid_price", "post-only order would take liquidity at the new price"}),
        entry(ResultCode.INVALID_SIZE, new String[] {"invalid_size", "size must be positive and a multiple of the lot size"}),
        entry(ResultCode.SIZE_BELOW_MINIMUM, new String[] {"invalid_size", "size is below the market's minimum size"}),
        entry(ResultCode.SIZE_ABOVE_MAXIMUM, new String[] {"invalid_size", "size is above the market's maximum size"}),
        entry(ResultCode.NOTIONAL_BELOW_MINIMUM,
            new String[] {"invalid_size", "order value is below the market's minimum notional"}),
        entry(ResultCode.SIZE_NOT_ABOVE_FILLED,
            new String[] {"invalid_size", "new size must be larger than the size already filled"}),
        entry(ResultCode.INSUFFICIENT_FUNDS, new String[] {"insufficient_funds", "insufficient funds"}),
        entry(ResultCode.MARKET_HALTED, new String[] {"market_halted", "market is halted"}),
        entry(ResultCode.UNKNOWN_PAIR, new String[] {"unknown_pair", "unknown pair"}),
        entry(ResultCode.UNKNOWN_ASSET, new String[] {"invalid_parameter", "unknown asset"}),
        entry(ResultCode.INVALID_AMOUNT, new String[] {"invalid_parameter", "amount must be positive"}),
        entry(ResultCode.AMOUNT_TOO_LARGE, new String[] {"invalid_parameter", "amount is too large"}),
        entry(ResultCode.SAME_WALLET, new String[] {"invalid_parameter", "from and to must be different wallets"}),
        entry(ResultCode.NOTHING_TO_AMEND, new String[] {"invalid_parameter", "amend must change the price or the size"}),
        entry(ResultCode.ORDER_NOT_AMENDABLE, new String[] {"invalid_parameter", "only resting limit orders can be amended"}),
        entry(ResultCode.ORDER_NOT_FOUND, new String[] {"order_not_found", "order not found"}),
        entry(ResultCode.CLIENT_ORDER_ID_CONFLICT,
            new String[] {"client_order_id_conflict", "client_order_id was already used with different fields"}),
        entry(ResultCode.ACCOUNT_FROZEN,
            new String[] {"account_frozen", "the account is frozen: no new orders or withdrawals"}),
        entry(ResultCode.DEPOSIT_CONFLICT,
            new String[] {"deposit_conflict", "reference was already used for a deposit with different fields"}),
        entry(ResultCode.WITHDRAWAL_NOT_FOUND, new String[] {"not_found", "no such withdrawal"}),
        entry(ResultCode.WITHDRAWAL_NOT_PENDING, new String[] {"invalid_parameter", "the withdrawal is no longer pending"}),
        entry(ResultCode.ASSET_EXISTS, new String[] {"asset_exists", "an asset with this symbol is listed"}),
        entry(ResultCode.MARKET_EXISTS, new String[] {"market_exists", "a market with this pair is listed"}));

    @Test
    void everyRejectionMapsToTodaysCodeAndMessage() {
        final Set<ResultCode> rejections = EnumSet.noneOf(ResultCode.class);
        for (final ResultCode result : ResultCode.values()) {
            if (result.isRejection()) {
                rejections.add(result);
                final Rejection rejection = Rejection.of(result);
                assertThat(rejection.code().code()).as(result.name()).isEqualTo(EXPECTED.get(result)[0]);
                assertThat(rejection.message()).as(result.name()).isEqualTo(EXPECTED.get(result)[1]);
                final ApiException exception = rejection.exception();
                assertThat(exception.code()).isEqualTo(rejection.code());
                assertThat(exception.getMessage()).isEqualTo(rejection.message());
                assertThat(exception.field()).isNull();
            }
        }
        assertThat(rejections).isEqualTo(EXPECTED.keySet());
    }

    @Test
    void successesAreNotRejections() {
        for (final ResultCode success : new ResultCode[] {ResultCode.ACCEPTED, ResultCode.REPLAYED}) {
            assertThat(success.isRejection()).isFalse();
            assertThatThrownBy(() -> Rejection.of(success)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no API error for " + success);
        }
    }
}
