package io.tidemark.gateway.ratelimit;

import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * Weighted budgets refilling continuously at their limit per minute, on a server with small limits and a
 * clock the test moves: 429 with Retry-After and resets_at (when the refused weight is there again),
 * separate order and data budgets, cancels never refused, a full budget a minute later, and no fresh
 * budget at a minute boundary.
 */
@Timeout(60)
class RateLimitTest {
    static final String ORDER = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"50000\",\"size\":\"0.01\"}";
    // mid-minute, so that a whole test stays in one window
    static final AtomicLong clock = new AtomicLong(1_800_000_030_000L);

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir, context -> context.clockMillis(clock::get)
            .gateway(GatewayConfig.defaults().withPort(0).withLimits(
                Map.of(Tier.RETAIL, 12, Tier.VERIFIED, 24, Tier.MARKET_MAKER, 120), 30, 60)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply send(final SignedClient client, final String method, final String path, final String body) {
        return client.send(method, path, body, clock.get(), "n" + System.nanoTime());
    }

    @Test
    void overTheBudgetIs429WithRetryAfterAndResetsAt() {
        final SignedClient bot = server.account("USD", "100000");
        for (int i = 0; i < 12; i++) {
            final Reply ok = send(bot, "POST", "/v1/orders", ORDER);
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(11 - i));
        }
        final Reply limited = send(bot, "POST", "/v1/orders", ORDER);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(limited.json().path("error").path("message").asText())
            .isEqualTo("rate limit of 12 weight per minute exceeded; this request's weight is available again at resets_at");
        // 12 a minute refill one every 5 s: that is when the refused weight is available, not the next minute
        assertThat(limited.header("Retry-After")).isEqualTo("5");
        assertThat(Instant.parse(limited.json().path("error").path("resets_at").asText()).toEpochMilli())
            .isEqualTo(1_800_000_035_000L);
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(send(bot, "GET", "/v1/orders?status=open", "").data()).hasSize(12);
    }

    @Test
    void cancelsAreNeverRefusedForRate() {
        final SignedClient bot = server.account("USD", "100000");
        String last = null;
        for (int i = 0; i < 12; i++) {
            last = send(bot, "POST", "/v1/orders", ORDER).data().path("id").asText();
        }
        assertThat(send(bot, "POST", "/v1/orders", ORDER).status()).isEqualTo(429);
        assertThat(send(bot, "POST", "/v1/orders/" + last + "/cancel", "").status()).isEqualTo(200);
        assertThat(send(bot, "POST", "/v1/orders/cancel-all", "").status()).isEqualTo(200);
        assertThat(send(bot, "GET", "/v1/orders?status=open", "").data()).isEmpty();
    }

    @Test
    void orderEntryAndDataHaveSeparateBudgets() {
        final SignedClient bot = server.account("USD", "100000");
        for (int i = 0; i < 12; i++) {
            send(bot, "POST", "/v1/orders", ORDER);
        }
        assertThat(send(bot, "POST", "/v1/orders", ORDER).status()).isEqualTo(429);
        final Reply read = send(bot, "GET", "/v1/account/balances", "");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("RateLimit-Remaining")).isEqualTo("11");
        // a list costs 10
        assertThat(send(bot, "GET", "/v1/fills", "").header("RateLimit-Remaining")).isEqualTo("1");
        assertThat(send(bot, "GET", "/v1/fills", "").status()).isEqualTo(429);
        send(bot, "POST", "/v1/orders/cancel-all", "");
    }

    @Test
    void higherTiersHaveLargerBudgets() {
        final SignedClient maker = server.account(java.util.Set.of(io.tidemark.gateway.auth.Scope.READ), java.util.List.of(),
            Tier.MARKET_MAKER);
        final Reply reply = send(maker, "GET", "/v1/account/balances", "");
        assertThat(reply.header("RateLimit-Limit")).isEqualTo("120");
        assertThat(reply.header("RateLimit-Policy")).isEqualTo("120;w=60");
    }

    @Test
    void theNextMinuteBringsAFreshBudget() {
        final SignedClient bot = server.account("USD", "100000");
        final long start = clock.get();
        try {
            for (int i = 0; i < 12; i++) {
                send(bot, "POST", "/v1/orders", ORDER);
            }
            assertThat(send(bot, "POST", "/v1/orders", ORDER).status()).isEqualTo(429);
            clock.addAndGet(60_000);
            final Reply fresh = send(bot, "POST", "/v1/orders", ORDER);
            assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
            assertThat(fresh.header("RateLimit-Remaining")).isEqualTo("11");
        } finally {
            send(bot, "POST", "/v1/orders/cancel-all", "");
            clock.set(start);
        }
    }

    @Test
    void theBudgetRefillsContinuouslyWithNoFreshBudgetAtAMinuteBoundary() {
        final SignedClient bot = server.account("USD", "100000");
        final long start = clock.get();
        try {
            clock.set(1_800_000_059_990L);
            for (int i = 0; i < 12; i++) {
                final Reply ok = send(bot, "POST", "/v1/orders", ORDER);
                assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
                assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(11 - i));
                assertThat(ok.header("RateLimit-Reset")).as("5 s per weight until full again")
                    .isEqualTo(Integer.toString(5 * (i + 1)));
                assertThat(ok.header("RateLimit-Policy")).isEqualTo("12;w=60");
            }
            final Reply limited = send(bot, "POST", "/v1/orders", ORDER);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("5");
            assertThat(Instant.parse(limited.json().path("error").path("resets_at").asText()).toEpochMilli())
                .isEqualTo(1_800_000_064_990L);
            assertThat(limited.header("RateLimit-Reset")).isEqualTo("60");

            clock.set(1_800_000_060_010L);
            final Reply nextMinute = send(bot, "POST", "/v1/orders", ORDER);
            assertThat(nextMinute.status()).as("20 ms later, in the next minute: " + nextMinute).isEqualTo(429);
            assertThat(nextMinute.header("Retry-After")).as("4.98 s, rounded up").isEqualTo("5");
            assertThat(Instant.parse(nextMinute.json().path("error").path("resets_at").asText()).toEpochMilli())
                .isEqualTo(1_800_000_065_010L);

            clock.set(1_800_000_064_990L);
            final Reply refilled = send(bot, "POST", "/v1/orders", ORDER);
            assertThat(refilled.status()).as("at the first resets_at: " + refilled).isEqualTo(200);
            assertThat(refilled.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(send(bot, "POST", "/v1/orders", ORDER).status()).isEqualTo(429);
            assertThat(send(bot, "GET", "/v1/orders?status=open", "").data()).hasSize(13);
        } finally {
            send(bot, "POST", "/v1/orders/cancel-all", "");
            clock.set(start);
        }
    }
}
