package io.tidemark.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.testkit.RawHttp;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the API showed before a clean restart on the same data directory is there after it, and
 * nothing sent before it runs again after it.
 */
@Timeout(60)
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void keysOrdersFillsBalancesAndIdempotencySurviveARestart() throws Exception {
        final SignedClient maker;
        final SignedClient taker;
        final JsonNode ordersBefore;
        final JsonNode fillsBefore;
        final JsonNode balancesBefore;
        final JsonNode bookBefore;
        final String body = "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"64000\",\"size\":\"0.5\","
            + "\"client_order_id\":\"keep-1\"}";
        try (TestServer server = TestServer.start(dir)) {
            maker = server.account("BTC", "1");
            taker = server.account("USD", "100000");
            maker.post("/v1/orders", body);
            taker.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"size\":\"0.2\"}");
            ordersBefore = maker.get("/v1/orders").data();
            fillsBefore = taker.get("/v1/fills").data();
            balancesBefore = maker.get("/v1/account/balances").data();
            bookBefore = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/orderbook/BTC-USD", "").data();
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys").resolve("keys.json")))
            .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient makerAgain = maker.at(server.baseUrl());
            final SignedClient takerAgain = taker.at(server.baseUrl());
            assertThat(makerAgain.get("/v1/orders").data()).isEqualTo(ordersBefore);
            assertThat(takerAgain.get("/v1/fills").data()).isEqualTo(fillsBefore);
            assertThat(makerAgain.get("/v1/account/balances").data()).isEqualTo(balancesBefore);
            final JsonNode book = SignedClient.anonymous(server.baseUrl(), "GET", "/v1/orderbook/BTC-USD", "").data();
            assertThat(book.path("seq")).isEqualTo(bookBefore.path("seq"));
            assertThat(book.path("asks")).isEqualTo(bookBefore.path("asks"));
            final SignedClient.Reply replay = makerAgain.post("/v1/orders", body);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(makerAgain.get("/v1/orders").data()).hasSize(1);
        }
    }

    @Test
    void theExactBytesOfARequestSignedBeforeARestartAreRefusedAfterItAndNothingRunsTwice() throws Exception {
        final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        final String withdrawal = "{\"asset\":\"USD\",\"amount\":\"100\",\"address\":\"addr-1\"}";
        final String order = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"50000\",\"size\":\"0.01\"}";
        final long signedAt = clock.get();
        final SignedClient bot;
        final byte[] capturedWithdrawal;
        final byte[] capturedOrder;
        final JsonNode balancesBefore;
        final JsonNode ordersBefore;
        try (TestServer server = TestServer.start(dir, context -> context.clockMillis(clock::get))) {
            bot = server.account(Set.of(Scope.READ, Scope.TRADE, Scope.WITHDRAW), List.of(), Tier.RETAIL, "USD", "10000");
            capturedWithdrawal = RawHttp.signed("POST", "/v1/account/withdrawals", withdrawal, bot.keyId(), bot.secret(),
                signedAt, "w-1");
            capturedOrder = RawHttp.signed("POST", "/v1/orders", order, bot.keyId(), bot.secret(), signedAt, "o-1");
            assertThat(RawHttp.send(server.server().port(), capturedWithdrawal).status()).isEqualTo(200);
            assertThat(RawHttp.send(server.server().port(), capturedOrder).status()).isEqualTo(200);
            balancesBefore = bot.at(server.baseUrl()).send("GET", "/v1/account/balances", "", signedAt, "b-1").data();
            ordersBefore = bot.at(server.baseUrl()).send("GET", "/v1/orders", "", signedAt, "l-1").data();
            assertThat(ordersBefore).hasSize(1);
        }
        clock.addAndGet(1_000);
        try (TestServer server = TestServer.start(dir, context -> context.clockMillis(clock::get))) {
            for (final byte[] captured : List.of(capturedWithdrawal, capturedOrder)) {
                final RawHttp.Response replay = RawHttp.send(server.server().port(), captured);
                assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
                assertThat(replay.errorCode()).isEqualTo("nonce_reused");
            }
            final SignedClient again = bot.at(server.baseUrl());
            // the timestamp alone would still pass: the nonce is what was remembered
            assertThat(again.send("GET", "/v1/account/balances", "", signedAt, "b-2").data()).isEqualTo(balancesBefore);
            assertThat(again.send("GET", "/v1/orders", "", signedAt, "l-2").data()).isEqualTo(ordersBefore);
        }
    }
}
