package io.tidemark.gateway.ws;

import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact reply (code, message, field, echoed id, member order) to every kind of bad input, and to a
 * misspelling of each op: clients match on these, so they are pinned byte for byte.
 */
@Timeout(60)
class WsBadInputTest {
    private static final String UNKNOWN_OP = "\"error\":{\"code\":\"invalid_parameter\",\"message\":\"unknown op; ops are "
        + "subscribe, unsubscribe, auth, order.place, order.cancel, order.amend, cancel_after, ping\",\"field\":\"op\"}}";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        // no heartbeats and no message-rate refusals to interleave with the answers
        server = TestServer.start(dir, context -> context.gateway(GatewayConfig.defaults().withPort(0)
            .withWebSocket(50, 1_000, 4 * 1024 * 1024, 60_000)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscribe", "unsubscribe", "auth", "order.place", "order.cancel", "order.amend",
        "cancel_after", "ping"})
    void aMisspeltOpIsAnUnknownOp(final String op) {
        final List<String> misspellings = List.of(op.toUpperCase(Locale.ROOT), op + " ", " " + op, op + "s",
            op.substring(0, op.length() - 1), op.replace('.', '_'), op.replace('_', '.'));
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            int id = 0;
            for (final String wrong : misspellings) {
                if (wrong.equals(op)) {
                    continue;
                }
                id++;
                ws.send("{\"op\":\"" + wrong + "\",\"id\":" + id + "}");
                assertThat(ws.next(5_000).toString()).as(wrong)
                    .isEqualTo("{\"type\":\"error\",\"id\":" + id + "," + UNKNOWN_OP);
            }
        }
    }

    @Test
    void aBinaryFrameIsRefused() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            ws.sendBinary("{\"op\":\"ping\",\"id\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(ws.next(5_000).toString())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"code\":\"invalid_json\",\"message\":\"send JSON text frames\"}}");
        }
    }

    @Test
    void badInputBeforeAuthentication() {
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            exchange(ws, """
                {not json
                {"type":"error","error":{"code":"invalid_json","message":"the message is not valid JSON"}}
                [1,2]
                {"type":"error","error":{"code":"invalid_json","message":"a message must be a JSON object"}}
                "text"
                {"type":"error","error":{"code":"invalid_json","message":"a message must be a JSON object"}}
                5
                {"type":"error","error":{"code":"invalid_json","message":"a message must be a JSON object"}}
                {"id":1}
                {"type":"error","id":1,"error":{"code":"invalid_parameter","message":"op is required","field":"op"}}
                {"op":5,"id":2}
                {"type":"error","id":2,"error":{"code":"invalid_parameter","message":"op is required","field":"op"}}
                {"op":null,"id":3}
                {"type":"error","id":3,"error":{"code":"invalid_parameter","message":"op is required","field":"op"}}
                {"op":"","id":"six"}
                {"type":"error","id":"six",%1$s
                {"op":"nope","id":{"a":1}}
                {"type":"error","id":{"a":1},%1$s
                {"op":"ping","id":7,"x":1}
                {"type":"error","id":7,"error":{"code":"invalid_parameter","message":"unknown member 'x'","field":"x"}}
                {"op":"order.place","id":8,"order":{}}
                {"type":"error","id":8,"error":{"code":"not_authenticated","message":"order ops need an auth op first"}}
                {"op":"order.place","id":9,"bogus":1}
                {"type":"error","id":9,"error":{"code":"invalid_parameter","message":"unknown member 'bogus'","field":"bogus"}}
                {"op":"order.cancel","id":10,"order_id":"1"}
                {"type":"error","id":10,"error":{"code":"not_authenticated","message":"order ops need an auth op first"}}
                {"op":"order.amend","id":11,"order_id":"1","size":"1"}
                {"type":"error","id":11,"error":{"code":"not_authenticated","message":"order ops need an auth op first"}}
                {"op":"cancel_after","id":12,"timeout_ms":100}
                {"type":"error","id":12,"error":{"code":"not_authenticated","message":"order ops need an auth op first"}}
                {"op":"subscribe","id":13}
                {"type":"error","id":13,"error":{"code":"invalid_parameter","message":"channels must be a non-empty array of names","field":"channels"}}
                {"op":"subscribe","id":14,"channels":[]}
                {"type":"error","id":14,"error":{"code":"invalid_parameter","message":"channels must be a non-empty array of names","field":"channels"}}
                {"op":"subscribe","id":15,"channels":"trades:BTC-USD"}
                {"type":"error","id":15,"error":{"code":"invalid_parameter","message":"channels must be a non-empty array of names","field":"channels"}}
                {"op":"subscribe","id":16,"channels":[1]}
                {"type":"error","id":16,"error":{"code":"invalid_parameter","message":"channels must be strings","field":"channels"}}
                {"op":"subscribe","id":17,"channels":["trades:BTC-USD"],"since_seq":-1}
                {"type":"error","id":17,"error":{"code":"invalid_parameter","message":"since_seq must be a non-negative integer","field":"since_seq"}}
                {"op":"subscribe","id":18,"channels":["trades:BTC-USD"],"since_seq":"1"}
                {"type":"error","id":18,"error":{"code":"invalid_parameter","message":"since_seq must be a non-negative integer","field":"since_seq"}}
                {"op":"subscribe","id":19,"channels":["trades:BTC-USD"],"since_seq":3}
                {"type":"error","id":19,"error":{"code":"invalid_parameter","message":"since_seq applies to the private channels","field":"since_seq"}}
                {"op":"subscribe","id":20,"channels":["fills"],"since_seq":3}
                {"type":"error","id":20,"error":{"code":"not_authenticated","message":"private channels need an auth op first","field":"channels"}}
                {"op":"subscribe","id":21,"channels":["candles:BTC-USD:7m"]}
                {"type":"error","id":21,"error":{"code":"unknown_channel","message":"candle intervals are 1m 5m 15m 1h 4h 1d","field":"channels"}}
                {"op":"subscribe","id":22,"channels":["orderbook:BTC-USD:1m"]}
                {"type":"error","id":22,"error":{"code":"unknown_channel","message":"unknown channel 'orderbook:BTC-USD:1m'; channels are orderbook:PAIR, trades:PAIR, ticker:PAIR, candles:PAIR:INTERVAL, overview:PAIR, large_trades:PAIR, orders, fills, balances","field":"channels"}}
                {"op":"subscribe","id":23,"channels":["trades:BTC-USD"],"extra":true}
                {"type":"error","id":23,"error":{"code":"invalid_parameter","message":"unknown member 'extra'","field":"extra"}}
                {"op":"unsubscribe","id":24,"channels":["trades:BTC-USD"],"since_seq":null}
                {"type":"error","id":24,"error":{"code":"invalid_parameter","message":"unknown member 'since_seq'","field":"since_seq"}}
                {"op":"unsubscribe","id":25,"channels":[]}
                {"type":"error","id":25,"error":{"code":"invalid_parameter","message":"channels must be a non-empty array of names","field":"channels"}}
                {"op":"unsubscribe","id":26,"channels":["weather"]}
                {"type":"ack","id":26}
                {"op":"auth","id":27}
                {"type":"error","id":27,"error":{"code":"missing_auth","message":"send X-Api-Key, X-Api-Timestamp, X-Api-Nonce and X-Api-Signature"}}
                {"op":"auth","id":28,"key":5,"timestamp":1,"nonce":"n","signature":"s"}
                {"type":"error","id":28,"error":{"code":"invalid_parameter","message":"key must be a string","field":"key"}}
                {"op":"auth","id":29,"key":"k","timestamp":"abc","nonce":"n","signature":"s"}
                {"type":"error","id":29,"error":{"code":"invalid_key","message":"unknown or revoked API key"}}
                {"op":"auth","id":30,"key":"k","timestamp":1,"nonce":"n","signature":"s","cancel_on_disconnect":"yes"}
                {"type":"error","id":30,"error":{"code":"invalid_parameter","message":"cancel_on_disconnect must be true or false","field":"cancel_on_disconnect"}}
                {"op":"auth","id":31,"key":"unknown","timestamp":1,"nonce":"n","signature":"s"}
                {"type":"error","id":31,"error":{"code":"invalid_key","message":"unknown or revoked API key"}}
                """);
        }
    }

    @Test
    void badInputAfterAuthentication() {
        final SignedClient bot = server.account("USD", "100000");
        try (WsClient ws = WsClient.connect(server.baseUrl())) {
            assertThat(ws.auth(bot, false).path("type").asText()).isEqualTo("ack");
            exchange(ws, """
                {"op":"auth","id":40,"key":"k","timestamp":1,"nonce":"n","signature":"s"}
                {"type":"error","id":40,"error":{"code":"invalid_parameter","message":"this connection is already authenticated"}}
                {"op":"auth","id":41,"cancel_on_disconnect":"yes"}
                {"type":"error","id":41,"error":{"code":"invalid_parameter","message":"this connection is already authenticated"}}
                {"op":"order.place","id":42}
                {"type":"error","id":42,"error":{"code":"invalid_parameter","message":"order is required","field":"order"}}
                {"op":"order.place","id":43,"order":null}
                {"type":"error","id":43,"error":{"code":"invalid_parameter","message":"order is required","field":"order"}}
                {"op":"order.place","id":44,"order":[1]}
                {"type":"error","id":44,"error":{"code":"invalid_json","message":"the request body must be a JSON object"}}
                {"op":"order.place","id":45,"order":{"pair":"BTC-USD","bogus":1}}
                {"type":"error","id":45,"error":{"code":"invalid_parameter","message":"unknown member 'bogus'","field":"bogus"}}
                {"op":"order.place","id":46,"order":{"pair":"BTC-USD","side":"buy","type":"limit","price":"abc","size":"0.01"}}
                {"type":"error","id":46,"error":{"code":"invalid_price","message":"price must be a plain decimal string such as \\"0.01\\" (no sign, exponent or spaces)","field":"price"}}
                {"op":"order.cancel","id":47}
                {"type":"error","id":47,"error":{"code":"invalid_parameter","message":"give order_id or client_order_id","field":"order_id"}}
                {"op":"order.cancel","id":48,"order_id":"1","client_order_id":"c"}
                {"type":"error","id":48,"error":{"code":"invalid_parameter","message":"give order_id or client_order_id","field":"order_id"}}
                {"op":"order.cancel","id":49,"order_id":true}
                {"type":"error","id":49,"error":{"code":"invalid_parameter","message":"order_id must be a string of digits","field":"order_id"}}
                {"op":"order.cancel","id":50,"order_id":"abc"}
                {"type":"error","id":50,"error":{"code":"order_not_found","message":"order not found"}}
                {"op":"order.cancel","id":51,"client_order_id":"bad id!"}
                {"type":"error","id":51,"error":{"code":"order_not_found","message":"order not found"}}
                {"op":"order.cancel","id":52,"order_id":12345678}
                {"type":"error","id":52,"error":{"code":"order_not_found","message":"order not found"}}
                {"op":"order.amend","id":53}
                {"type":"error","id":53,"error":{"code":"invalid_parameter","message":"order_id is required","field":"order_id"}}
                {"op":"order.amend","id":54,"order_id":"1"}
                {"type":"error","id":54,"error":{"code":"invalid_parameter","message":"give a new size, a new price, or both"}}
                {"op":"order.amend","id":55,"order_id":"99999","size":"1"}
                {"type":"error","id":55,"error":{"code":"order_not_found","message":"order not found"}}
                {"op":"order.amend","id":56,"order_id":"1","size":"1","extra":1}
                {"type":"error","id":56,"error":{"code":"invalid_parameter","message":"unknown member 'extra'","field":"extra"}}
                {"op":"cancel_after","id":57}
                {"type":"error","id":57,"error":{"code":"invalid_parameter","message":"timeout_ms must be 0 (disarm) to 86400000","field":"timeout_ms"}}
                {"op":"cancel_after","id":58,"timeout_ms":-1}
                {"type":"error","id":58,"error":{"code":"invalid_parameter","message":"timeout_ms must be a non-negative integer","field":"timeout_ms"}}
                {"op":"cancel_after","id":59,"timeout_ms":86400001}
                {"type":"error","id":59,"error":{"code":"invalid_parameter","message":"timeout_ms must be 0 (disarm) to 86400000","field":"timeout_ms"}}
                {"op":"cancel_after","id":60,"timeout_ms":"5"}
                {"type":"error","id":60,"error":{"code":"invalid_parameter","message":"timeout_ms must be a non-negative integer","field":"timeout_ms"}}
                {"op":"cancel_after","id":61,"timeout_ms":0}
                {"type":"ack","id":61,"cancel_at":null}
                {"op":"subscribe","id":62,"channels":["orders"],"since_seq":-5}
                {"type":"error","id":62,"error":{"code":"invalid_parameter","message":"since_seq must be a non-negative integer","field":"since_seq"}}
                {"op":"subscribe","id":63,"channels":["orders","trades:BTC-USD"],"since_seq":0}
                {"type":"ack","id":63}
                """);
        }
    }

    @Test
    void pastTheMessageRateOnlyCancelsAndTheDeadManSwitchGetThrough() throws IOException {
        try (TestServer limited = TestServer.start(dir.resolve("limited"), context -> context.gateway(
            GatewayConfig.defaults().withPort(0).withWebSocket(50, 3, 4 * 1024 * 1024, 60_000)))) {
            final SignedClient bot = limited.account("USD", "100000");
            try (WsClient ws = WsClient.connect(limited.baseUrl())) {
                assertThat(ws.auth(bot, false).path("type").asText()).isEqualTo("ack");
                ws.send("{\"op\":\"ping\",\"id\":1}");
                ws.send("{\"op\":\"ping\",\"id\":2}");
                ws.send("{\"op\":\"ping\",\"id\":3}");
                ws.send("{\"op\":\"cancel_after\",\"id\":4,\"timeout_ms\":0}");
                ws.send("{\"op\":\"order.cancel\",\"id\":5,\"order_id\":\"99999\"}");
                assertThat(ws.next(5_000).path("type").asText()).isEqualTo("pong");
                assertThat(ws.next(5_000).path("type").asText()).isEqualTo("pong");
                assertThat(ws.next(5_000).toString()).isEqualTo("{\"type\":\"error\",\"id\":3,\"error\":{\"code\":"
                    + "\"rate_limited\",\"message\":\"more than 3 messages per second; the message was dropped\"}}");
                assertThat(ws.next(5_000).toString()).isEqualTo("{\"type\":\"ack\",\"id\":4,\"cancel_at\":null}");
                assertThat(ws.next(5_000).toString()).isEqualTo("{\"type\":\"error\",\"id\":5,\"error\":{\"code\":"
                    + "\"order_not_found\",\"message\":\"order not found\"}}");
            }
        }
    }

    /** Sends each odd line and expects the next line as the very next message, exactly. */
    private static void exchange(final WsClient ws, final String script) {
        final List<String> lines = script.formatted(UNKNOWN_OP).lines().toList();
        for (int i = 0; i < lines.size(); i += 2) {
            ws.send(lines.get(i));
            assertThat(ws.next(5_000).toString()).as(lines.get(i)).isEqualTo(lines.get(i + 1));
        }
    }
}
