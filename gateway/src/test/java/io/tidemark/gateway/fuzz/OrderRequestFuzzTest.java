package io.tidemark.gateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.api.OrderRequest;
import io.tidemark.gateway.api.RequestBody;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.node.config.ConfigFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request decoding of {@code POST /v1/orders} bodies: arbitrary bytes either become a well-formed
 * command (positive units, a known market) or are refused with an {@link ApiException}; nothing else
 * escapes (an escaping exception would be a 500).
 */
class OrderRequestFuzzTest {
    private static final ExchangeConfig CONFIG = ConfigFile.defaults().exchange();

    @FuzzTest(maxDuration = "60s")
    void bodiesBecomeCommandsOrContractErrors(final FuzzedDataProvider data) {
        final byte[] body = data.consumeRemainingAsBytes();
        // the order route scans the body with the streaming parser: it must answer as the tree does
        assertThat(outcome(body, true)).isEqualTo(outcome(body, false));
        final Command command;
        try {
            command = OrderRequest.toCommand(RequestBody.parse(body, OrderRequest.MEMBERS), 7, CONFIG, new Command());
        } catch (final ApiException e) {
            assertThat(e.code()).isNotNull();
            assertThat(e.code().status().code()).isBetween(400, 499);
            return;
        }
        assertThat(CONFIG.market(command.marketId)).isNotNull();
        assertThat(command.price).isNotNegative();
        assertThat(command.stopPrice).isNotNegative();
        assertThat(command.size).isNotNegative();
        assertThat(command.funds).isNotNegative();
        assertThat(command.size > 0 || command.funds > 0).isTrue();
        assertThat(command.side).isNotNull();
        assertThat(command.timeInForce).isNotNull();
    }

    private static String outcome(final byte[] body, final boolean scan) {
        try {
            final Command command = OrderRequest.toCommand(scan ? RequestBody.scan(body, OrderRequest.MEMBERS)
                : RequestBody.parse(body, OrderRequest.MEMBERS), 7, CONFIG, new Command());
            return command.marketId + "|" + command.side + "|" + command.orderType + "|" + command.price + "|"
                + command.stopPrice + "|" + command.size + "|" + command.funds + "|" + command.timeInForce + "|"
                + command.postOnly + "|" + command.selfTradePrevention + "|" + command.clientOrderId;
        } catch (final ApiException e) {
            return e.code().code() + "|" + e.getMessage() + "|" + e.field();
        }
    }
}
