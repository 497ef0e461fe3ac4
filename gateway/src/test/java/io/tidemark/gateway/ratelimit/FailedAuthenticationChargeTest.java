package io.tidemark.gateway.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unauthenticated work is not free: requests that fail authentication are charged to the client
 * address's public budget (1,200 a minute by default), so a flood of bad signatures meets 429, while a
 * correctly signed request from the same address still goes through on its key's own budget; the same
 * holds for WebSocket auth ops. The server's clock stands still, so no budget refills while a test runs.
 */
@Timeout(120)
class FailedAuthenticationChargeTest {
    static final String ORDER = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"50000\",\"size\":\"0.01\"}";

    final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

    @TempDir
    Path dir;

    private TestServer start() throws IOException {
        return TestServer.start(dir, context -> context.clockMillis(clock::get));
    }

    @Test
    void aFloodOfBadSignaturesMeets429AndTheRealKeyStillWorks() throws IOException {
        try (TestServer server = start()) {
            final SignedClient bot = server.account("USD", "100000");
            final SignedClient impostor = new SignedClient(server.baseUrl(), bot.keyId(), "tms_not_the_secret",
                bot.accountId());
            Reply limited = null;
            int refused = 0;
            for (int i = 0; i < 1_500 && limited == null; i++) {
                final Reply reply = impostor.send("POST", "/v1/orders", ORDER, clock.get(), "flood" + i);
                if (reply.status() == 429) {
                    limited = reply;
                } else {
                    assertThat(reply.errorCode()).as(reply.toString()).isEqualTo("invalid_signature");
                    assertThat(reply.header("RateLimit-Limit")).as("charged to the address's public budget")
                        .isEqualTo("1200");
                    assertThat(reply.header("RateLimit-Policy")).isEqualTo("1200;w=60");
                    refused++;
                }
            }
            assertThat(limited).as("a 429 within 1,500 bad signatures").isNotNull();
            assertThat(refused).as("the whole budget first").isEqualTo(1_200);
            assertThat(limited.errorCode()).isEqualTo("rate_limited");
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(limited.header("Retry-After")).as("1,200 a minute refill one weight in 50 ms").isEqualTo("1");
            assertThat(Instant.parse(limited.json().path("error").path("resets_at").asText()).toEpochMilli())
                .isEqualTo(clock.get() + 1_000);

            // the address's public budget is what the flood spent: an anonymous read from it waits too
            assertThat(SignedClient.anonymous(server.baseUrl(), "GET", "/v1/trades/BTC-USD", "").status()).isEqualTo(429);
            // a cancel that fails authentication is no cancel: it is refused like the rest
            assertThat(impostor.send("POST", "/v1/orders/cancel-all", "", clock.get(), "cancel").status()).isEqualTo(429);
            // the key's holder, behind the same address, is not locked out by the flood
            final Reply real = bot.send("POST", "/v1/orders", ORDER, clock.get(), "real");
            assertThat(real.status()).as(real.toString()).isEqualTo(200);
            assertThat(real.header("RateLimit-Remaining")).isEqualTo("1199");
            assertThat(bot.send("GET", "/v1/orders", "", clock.get(), "list").data()).hasSize(1);
        }
    }

    @Test
    void everyKindOfAuthenticationFailureIsCharged() throws IOException {
        try (TestServer server = start()) {
            final SignedClient bot = server.account("USD", "100000");
            final long now = clock.get();
            final Reply[] refusals = {
                SignedClient.anonymous(server.baseUrl(), "POST", "/v1/orders", ORDER),
                new SignedClient(server.baseUrl(), "tmk_nosuchkey", "tms_x", 0).send("POST", "/v1/orders", ORDER, now, "k"),
                bot.send("POST", "/v1/orders", ORDER, now - 60_000, "old"),
                new SignedClient(server.baseUrl(), bot.keyId(), "tms_wrong", 0).send("POST", "/v1/orders", ORDER, now, "s"),
                bot.send("GET", "/v1/fills", "", now, "once"),
                bot.send("GET", "/v1/fills", "", now, "once"),
            };
            assertThat(refusals[0].errorCode()).isEqualTo("missing_auth");
            assertThat(refusals[1].errorCode()).isEqualTo("invalid_key");
            assertThat(refusals[2].errorCode()).isEqualTo("timestamp_out_of_window");
            assertThat(refusals[3].errorCode()).isEqualTo("invalid_signature");
            assertThat(refusals[4].status()).isEqualTo(200);
            assertThat(refusals[5].errorCode()).isEqualTo("nonce_reused");
            // the address's budget went down by each refused request's weight (a list weighs 10)
            assertThat(refusals[0].header("RateLimit-Remaining")).isEqualTo("1199");
            assertThat(refusals[3].header("RateLimit-Remaining")).isEqualTo("1196");
            assertThat(refusals[5].header("RateLimit-Remaining")).isEqualTo("1186");
            assertThat(refusals[4].header("RateLimit-Limit")).as("the key's own data budget").isEqualTo("1200");
            assertThat(refusals[4].header("RateLimit-Remaining")).isEqualTo("1190");
        }
    }

    @Test
    void failedWebSocketAuthsAreChargedToo() throws IOException {
        final GatewayConfig fivePerMinute = GatewayConfig.defaults().withPort(0)
            .withLimits(Map.of(Tier.RETAIL, 1_200, Tier.VERIFIED, 2_400, Tier.MARKET_MAKER, 12_000), 5, 60);
        try (TestServer server = TestServer.start(dir, context -> context.clockMillis(clock::get).gateway(fivePerMinute));
             WsClient ws = WsClient.connect(server.baseUrl())) {
            final SignedClient bot = server.account("USD", "100000");
            for (int i = 0; i < 5; i++) {
                final JsonNode refused = ws.answer(ws.op("auth", auth(bot.keyId(), "tms_wrong", "bad" + i)));
                assertThat(refused.path("error").path("code").asText()).as(refused.toString()).isEqualTo("invalid_signature");
            }
            final JsonNode limited = ws.answer(ws.op("auth", auth(bot.keyId(), "tms_wrong", "bad5")));
            assertThat(limited.path("error").path("code").asText()).as(limited.toString()).isEqualTo("rate_limited");
            assertThat(Instant.parse(limited.path("error").path("resets_at").asText()).toEpochMilli())
                .as("5 a minute refill one in 12 s").isEqualTo(clock.get() + 12_000);
            final JsonNode real = ws.answer(ws.op("auth", auth(bot.keyId(), bot.secret(), "good")));
            assertThat(real.path("type").asText()).as("the real key is not locked out: " + real).isEqualTo("ack");
        }
    }

    private String auth(final String key, final String secret, final String nonce) {
        final long ts = clock.get();
        return "\"key\":\"" + key + "\",\"timestamp\":" + ts + ",\"nonce\":\"" + nonce + "\",\"signature\":\""
            + Signer.sign(secret, Long.toString(ts), nonce, "GET", "/v1/ws", new byte[0]) + "\"";
    }
}
