package io.tidemark.gateway.auth;

import io.tidemark.gateway.testkit.RawHttp;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a signed request can be wrong gives its exact code, and changes nothing: after each refused
 * order the account still has no orders and its full balance available.
 */
@Timeout(60)
class AuthMatrixTest {
    static final String ORDER = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"60000\",\"size\":\"0.01\"}";

    @TempDir
    static Path dir;
    static TestServer server;
    static SignedClient bot;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(dir);
        bot = server.account("USD", "100000");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply headers(final String key, final String ts, final String nonce, final String signature,
                                 final String method, final String path, final String body) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        if (ts != null) {
            request.header("X-Api-Timestamp", ts);
        }
        if (nonce != null) {
            request.header("X-Api-Nonce", nonce);
        }
        if (signature != null) {
            request.header("X-Api-Signature", signature);
        }
        return SignedClient.raw(server.baseUrl(), request);
    }

    private static String sign(final SignedClient client, final long ts, final String nonce, final String method,
                               final String path, final String body) {
        return Signer.sign(client.secret(), Long.toString(ts), nonce, method, path, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNothingChanged(final SignedClient client) {
        final Reply orders = client.get("/v1/orders");
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.data()).isEmpty();
        final Reply balances = client.get("/v1/account/balances");
        for (final var balance : balances.data()) {
            if (balance.path("asset").asText().equals("USD")) {
                assertThat(balance.path("spot").path("available").asText()).isEqualTo("100000.000000");
                assertThat(balance.path("spot").path("hold").asText()).isEqualTo("0.000000");
            }
        }
    }

    private static void assertRefused(final Reply reply, final int status, final String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.json().path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void missingHeadersAreMissingAuth() {
        final long now = System.currentTimeMillis();
        final String sig = sign(bot, now, "m1", "POST", "/v1/orders", ORDER);
        assertRefused(headers(null, null, null, null, "POST", "/v1/orders", ORDER), 401, "missing_auth");
        assertRefused(headers(bot.keyId(), Long.toString(now), "m1", null, "POST", "/v1/orders", ORDER), 401, "missing_auth");
        assertRefused(headers(bot.keyId(), null, "m1", sig, "POST", "/v1/orders", ORDER), 401, "missing_auth");
        assertRefused(headers(bot.keyId(), Long.toString(now), null, sig, "POST", "/v1/orders", ORDER), 401, "missing_auth");
        assertNothingChanged(bot);
    }

    @Test
    void anUnknownKeyIsInvalidKey() {
        final long now = System.currentTimeMillis();
        assertRefused(headers("tmk_nosuchkey", Long.toString(now), "u1", sign(bot, now, "u1", "POST", "/v1/orders", ORDER),
            "POST", "/v1/orders", ORDER), 401, "invalid_key");
    }

    @Test
    void aRevokedKeyIsInvalidKey() {
        final SignedClient revoked = server.account("USD", "100000");
        assertThat(revoked.get("/v1/orders").status()).isEqualTo(200);
        server.server().keys().revoke(revoked.keyId());
        assertRefused(revoked.post("/v1/orders", ORDER), 401, "invalid_key");
    }

    @Test
    void aWrongSignatureIsInvalidSignature() {
        final SignedClient impostor = new SignedClient(server.baseUrl(), bot.keyId(), "tms_not_the_secret", bot.accountId());
        assertRefused(impostor.post("/v1/orders", ORDER), 401, "invalid_signature");
        assertNothingChanged(bot);
    }

    @Test
    void aTamperedBodyPathOrQueryIsInvalidSignature() {
        final long now = System.currentTimeMillis();
        final String signedBody = sign(bot, now, "t1", "POST", "/v1/orders", ORDER);
        final String tampered = ORDER.replace("0.01", "0.02");
        assertRefused(headers(bot.keyId(), Long.toString(now), "t1", signedBody, "POST", "/v1/orders", tampered),
            401, "invalid_signature");
        final String signedQuery = sign(bot, now, "t2", "GET", "/v1/orders?pair=BTC-USD", "");
        assertRefused(headers(bot.keyId(), Long.toString(now), "t2", signedQuery, "GET", "/v1/orders?pair=ETH-USD", ""),
            401, "invalid_signature");
        final String signedPath = sign(bot, now, "t3", "GET", "/v1/orders/1", "");
        assertRefused(headers(bot.keyId(), Long.toString(now), "t3", signedPath, "GET", "/v1/orders/2", ""),
            401, "invalid_signature");
        assertNothingChanged(bot);
    }

    @Test
    void staleAndFutureTimestampsAreOutOfWindowAndTellServerTime() {
        final long now = System.currentTimeMillis();
        for (final long ts : new long[] {now - 60_000, now + 60_000}) {
            final Reply reply = bot.send("POST", "/v1/orders", ORDER, ts, "ts" + ts);
            assertRefused(reply, 401, "timestamp_out_of_window");
            assertThat(reply.json().path("error").path("server_time").asLong())
                .isBetween(now - 10_000, System.currentTimeMillis() + 10_000);
        }
        assertNothingChanged(bot);
    }

    @Test
    void aReusedNonceIsRefusedAndTheRepeatChangesNothing() {
        final SignedClient client = server.account("USD", "100000");
        final long now = System.currentTimeMillis();
        final Reply first = client.send("POST", "/v1/orders", ORDER, now, "same-nonce");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        final Reply again = client.send("POST", "/v1/orders", ORDER, now, "same-nonce");
        assertRefused(again, 401, "nonce_reused");
        assertThat(client.get("/v1/orders").data()).hasSize(1);
    }

    @Test
    void aNonceWithForbiddenCharactersIsMissingAuth() {
        final long now = System.currentTimeMillis();
        final Reply reply = bot.send("GET", "/v1/orders", "", now, "bad nonce!");
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void anAddressOutsideAnIpv4AllowlistIsRefused() {
        final SignedClient fenced = server.account(Set.of(Scope.READ, Scope.TRADE), List.of("10.0.0.0/8"), Tier.RETAIL,
            "USD", "100000");
        assertRefused(fenced.post("/v1/orders", ORDER), 403, "ip_not_allowed");
        final SignedClient allowed = server.account(Set.of(Scope.READ, Scope.TRADE), List.of("10.0.0.0/8", "127.0.0.0/8"),
            Tier.RETAIL, "USD", "100000");
        assertThat(allowed.get("/v1/orders").status()).isEqualTo(200);
    }

    @Test
    void aRepeatedApiHeaderIsInvalidParameterAndRunsNothing() {
        final SignedClient client = server.account("USD", "100000");
        final long now = System.currentTimeMillis();
        final String[] names = {"X-Api-Key", "X-Api-Timestamp", "X-Api-Nonce", "X-Api-Signature"};
        final byte[] plain = RawHttp.signed("POST", "/v1/orders", ORDER, client.keyId(), client.secret(), now, "dup1");
        final String text = new String(plain, StandardCharsets.UTF_8);
        for (final String name : names) {
            final int line = text.indexOf(name + ": ");
            final String header = text.substring(line, text.indexOf("\r\n", line));
            // the very same line twice: even an identical repeat is refused, not read one way or the other
            final RawHttp.Response answer = RawHttp.send(server.server().port(), RawHttp.signed("POST", "/v1/orders", ORDER,
                client.keyId(), client.secret(), now, "dup1", header));
            assertThat(answer.status()).as(name + " " + answer).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("invalid_parameter");
            assertThat(answer.json().path("error").path("field").asText()).isEqualTo(name);
        }
        assertThat(client.get("/v1/orders").data()).isEmpty();
        final RawHttp.Response single = RawHttp.send(server.server().port(), plain);
        assertThat(single.status()).as("the nonce was not used up: " + single).isEqualTo(200);
    }

    @Test
    void fromOutsideTheAllowlistEveryAuthenticationFailureComesFirst() {
        final SignedClient fenced = server.account(Set.of(Scope.READ, Scope.TRADE), List.of("10.0.0.0/8"), Tier.RETAIL,
            "USD", "100000");
        final SignedClient impostor = new SignedClient(server.baseUrl(), fenced.keyId(), "tms_not_the_secret",
            fenced.accountId());
        assertRefused(impostor.post("/v1/orders", ORDER), 401, "invalid_signature");
        final long now = System.currentTimeMillis();
        assertRefused(fenced.send("POST", "/v1/orders", ORDER, now - 60_000, "f1"), 401, "timestamp_out_of_window");
        assertRefused(fenced.send("POST", "/v1/orders", ORDER, now, "f2"), 403, "ip_not_allowed");
        assertRefused(fenced.send("POST", "/v1/orders", ORDER, now, "f2"), 401, "nonce_reused");
    }

    @Test
    void ipv6AllowlistsAreMatchedAgainstTheClientAddress() {
        // the server listens on 127.0.0.1 only: an IPv6-only allowlist refuses it, an IPv4-mapped IPv6 entry admits it
        final SignedClient v6only = server.account(Set.of(Scope.READ), List.of("::1/128", "2001:db8::/32"), Tier.RETAIL);
        assertRefused(v6only.get("/v1/orders"), 403, "ip_not_allowed");
        final SignedClient mapped = server.account(Set.of(Scope.READ), List.of("::ffff:127.0.0.1/128"), Tier.RETAIL);
        assertThat(mapped.get("/v1/orders").status()).isEqualTo(200);
    }

    @Test
    void aKeyWithoutTheScopeIsRefused() {
        final SignedClient reader = server.account(Set.of(Scope.READ), List.of(), Tier.RETAIL, "USD", "100000");
        assertRefused(reader.post("/v1/orders", ORDER), 403, "insufficient_scope");
        assertRefused(reader.post("/v1/account/withdrawals", "{\"asset\":\"USD\",\"amount\":\"1\",\"address\":\"x1\"}"),
            403, "insufficient_scope");
        assertRefused(bot.post("/v1/account/withdrawals", "{\"asset\":\"USD\",\"amount\":\"1\",\"address\":\"x1\"}"),
            403, "insufficient_scope");
        assertThat(reader.get("/v1/orders").data()).isEmpty();
        assertNothingChanged(bot);
    }

    @Test
    void tradeScopeImpliesRead() {
        final SignedClient trader = server.account(Set.of(Scope.TRADE), List.of(), Tier.RETAIL);
        assertThat(trader.get("/v1/account/balances").status()).isEqualTo(200);
    }

    @Test
    void deepBooksNeedAVerifiedOrMarketMakerKey() {
        assertRefused(SignedClient.anonymous(server.baseUrl(), "GET", "/v1/orderbook/BTC-USD?depth=500", ""),
            403, "tier_required");
        assertRefused(bot.get("/v1/orderbook/BTC-USD?depth=500"), 403, "tier_required");
        final SignedClient verified = server.account(Set.of(Scope.READ), List.of(), Tier.VERIFIED);
        final Reply deep = verified.get("/v1/orderbook/BTC-USD?depth=1000");
        assertThat(deep.status()).as(deep.toString()).isEqualTo(200);
        assertThat(deep.header("RateLimit-Remaining")).isEqualTo("2375");
        final SignedClient maker = server.account(Set.of(Scope.READ), List.of(), Tier.MARKET_MAKER);
        assertThat(maker.get("/v1/orderbook/BTC-USD?depth=1000").status()).isEqualTo(200);
        assertThat(SignedClient.anonymous(server.baseUrl(), "GET", "/v1/orderbook/BTC-USD?depth=100", "").status())
            .isEqualTo(200);
    }

    @Test
    void errorsNeverEchoTheSecret() {
        final Reply reply = bot.send("POST", "/v1/orders", ORDER, System.currentTimeMillis() - 120_000, "s1");
        assertThat(new String(reply.raw().body(), StandardCharsets.UTF_8)).doesNotContain(bot.secret());
    }
}
