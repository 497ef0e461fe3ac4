package io.tidemark.gateway.api;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An order body scanned with the streaming parser ({@link RequestBody#scan}) answers exactly as one read
 * into a tree ({@link RequestBody#parse}): the same command, or the same error code, message and field.
 */
class RequestBodyScanTest {
    private static final ExchangeConfig CONFIG = ConfigFile.defaults().exchange();

    private static final List<String> BODIES = List.of(
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"63000.5\",\"size\":\"0.01\",\"time_in_force\":\"ioc\","
            + "\"post_only\":false,\"client_order_id\":\"bot-42-0001\",\"stop_price\":null,\"funds\":null,\"stp\":\"cancel_both\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"funds\":\"100\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"stop_limit\",\"price\":\"63000\",\"stop_price\":\"62000\",\"size\":\"1\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\",\"post_only\":true}",
        // strict JSON
        "", " ", "null", "[]", "\"order\"", "42", "{", "{\"pair\":\"BTC-USD\"", "{\"pair\":\"BTC-USD\",}", "{} {}", "{} x",
        "{\"pair\":\"BTC-USD\"}/* c */", "{'pair':'BTC-USD'}",
        "{\"pair\":\"BTC-USD\",\"pair\":\"ETH-USD\",\"side\":\"buy\"}",
        "{\"side\":\"buy\",\"unknown\":{\"a\":1,\"a\":2}}",
        // unknown members: the first in the order sent, after the whole body is known to be JSON
        "{\"pair\":\"BTC-USD\",\"colour\":\"red\",\"shape\":[1,2]}",
        "{\"colour\":\"red\",\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"1\",\"size\":\"1\"}",
        "{\"colour\":\"red\",\"pair\":",
        "{\"\\u0000x\":1}",
        // types and number formats
        "{\"pair\":42,\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":63000,\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":6.3e4,\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":[\"63000\"],\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":{\"v\":1},\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":true,\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"6.3e4\",\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"-1\",\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000.001\",\"size\":\"0.01\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"99999999999999999999999\",\"size\":\"1\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"1\",\"post_only\":\"yes\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"BUY\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"1\"}",
        "{\"pair\":\"XYZ-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"1\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"price\":\"63000\",\"size\":\"1\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"1\",\"client_order_id\":\"a b\"}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"1\",\"stp\":null,\"time_in_force\":null}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":1" + "0".repeat(70) + "}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":01}",
        "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":NaN}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{\"pair\":\"BTC-USD\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}");

    @Test
    void scanningAnOrderBodyAnswersAsParsingItDoes() {
        final List<String> compared = new ArrayList<>();
        for (final String body : BODIES) {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThat(outcome(() -> RequestBody.scan(bytes, OrderRequest.MEMBERS))).as(body)
                .isEqualTo(outcome(() -> RequestBody.parse(bytes, OrderRequest.MEMBERS)));
            compared.add(body);
        }
        assertThat(compared).hasSize(BODIES.size());
    }

    @Test
    void scanningRefusesBytesThatAreNotStrictUtf8AsParsingDoes() {
        // an overlong "1" (C0 B1), a lone continuation byte, a truncated sequence and an encoded surrogate
        for (final byte[] bad : List.of(new byte[] {'{', '"', 'p', '"', ':', '"', (byte) 0xC0, (byte) 0xB1, '"', '}'},
            new byte[] {'{', '"', (byte) 0x80, '"', ':', '1', '}'}, new byte[] {'{', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'})) {
            assertThat(outcome(() -> RequestBody.scan(bad, OrderRequest.MEMBERS)))
                .isEqualTo(outcome(() -> RequestBody.parse(bad, OrderRequest.MEMBERS)))
                .startsWith("invalid_json|");
        }
    }

    @Test
    void aScannedBodyHasNoTree() {
        final RequestBody body = RequestBody.scan("{\"pair\":\"BTC-USD\"}".getBytes(StandardCharsets.UTF_8), OrderRequest.MEMBERS);
        assertThat(body.has("pair")).isTrue();
        assertThatThrownBy(body::root).isInstanceOf(IllegalStateException.class);
    }

    private static String outcome(final java.util.function.Supplier<RequestBody> read) {
        try {
            final Command command = OrderRequest.toCommand(read.get(), 7, CONFIG, new Command());
            return "command|" + command.marketId + "|" + command.side + "|" + command.orderType + "|" + command.price + "|"
                + command.stopPrice + "|" + command.size + "|" + command.funds + "|" + command.timeInForce + "|"
                + command.postOnly + "|" + command.selfTradePrevention + "|" + command.clientOrderId;
        } catch (final ApiException e) {
            return e.code().code() + "|" + e.getMessage() + "|" + e.field();
        }
    }
}
