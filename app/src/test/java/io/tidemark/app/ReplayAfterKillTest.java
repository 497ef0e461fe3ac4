package io.tidemark.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.sandbox.SignedHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request signed before a crash never runs twice: the exact bytes of a withdrawal and of an order
 * without a client_order_id, captured, then re-sent after the sandbox was killed with SIGKILL and
 * started again on the same data directory, are refused {@code nonce_reused}, and nothing changes.
 */
class ReplayAfterKillTest {
    private static final String WITHDRAWAL = "{\"asset\":\"USD\",\"amount\":\"100\",\"address\":\"addr-1\"}";
    private static final String ORDER = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"50000\",\"size\":\"0.01\"}";

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void capturedRequestsAreRefusedAfterAKillAndARestart() throws Exception {
        final Path data = temp.resolve("data");
        final String keyId;
        final String secret;
        final long signedAt;
        final byte[] withdrawal;
        final byte[] order;
        final JsonNode balancesBefore;
        final JsonNode ordersBefore;
        try (LauncherProcess sandbox = LauncherProcess.start(data, "first", "--no-sim")) {
            final JsonNode account = SignedHttp.anonymous(sandbox.baseUrl).post("/v1/sandbox/accounts", "").data();
            // a second key of the account that tolerates a minute of clock drift: its requests are still
            // inside their timestamp window after the restart, so only a remembered nonce can refuse them
            final KeyStore.Created created = new KeyStore(data).createKey(account.path("account_id").asLong(),
                Set.of(Scope.READ, Scope.TRADE, Scope.WITHDRAW), List.of(), Tier.RETAIL, 60_000);
            keyId = created.key().id();
            secret = created.secret();
            final SignedHttp bot = new SignedHttp(sandbox.baseUrl, keyId, secret);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (bot.get("/v1/account/balances").status() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);  // the server re-reads the key file within a second
            }
            signedAt = System.currentTimeMillis();
            withdrawal = signed("POST", "/v1/account/withdrawals", WITHDRAWAL, keyId, secret, signedAt, "w-1");
            order = signed("POST", "/v1/orders", ORDER, keyId, secret, signedAt, "o-1");
            assertThat(send(sandbox.port, withdrawal)).startsWith("HTTP/1.1 200");
            assertThat(send(sandbox.port, order)).startsWith("HTTP/1.1 200");
            balancesBefore = bot.get("/v1/account/balances").data();
            ordersBefore = bot.get("/v1/orders").data();
            assertThat(ordersBefore).hasSize(1);
            sandbox.kill();
        }
        try (LauncherProcess again = LauncherProcess.start(data, "second", "--no-sim")) {
            for (final byte[] captured : List.of(withdrawal, order)) {
                assertThat(send(again.port, captured)).startsWith("HTTP/1.1 401").contains("\"nonce_reused\"");
            }
            assertThat(System.currentTimeMillis() - signedAt).as("still inside the key's drift").isLessThan(60_000);
            final SignedHttp bot = new SignedHttp(again.baseUrl, keyId, secret);
            assertThat(bot.get("/v1/account/balances").data()).isEqualTo(balancesBefore);
            assertThat(bot.get("/v1/orders").data()).isEqualTo(ordersBefore);
            assertThat(again.stop()).isIn(0, 143);
        }
    }

    /** A signed request as exact bytes; the Host header has no port, so the bytes do not depend on the server's. */
    private static byte[] signed(final String method, final String path, final String body, final String key,
                                 final String secret, final long timestamp, final String nonce) {
        final String signature = Signer.sign(secret, Long.toString(timestamp), nonce, method, path,
            body.getBytes(StandardCharsets.UTF_8));
        return (method + " " + path + " HTTP/1.1\r\nHost: tidemark\r\nX-Api-Key: " + key + "\r\nX-Api-Timestamp: "
            + timestamp + "\r\nX-Api-Nonce: " + nonce + "\r\nX-Api-Signature: " + signature
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the bytes as they are and reads the whole answer. */
    private static String send(final int port, final byte[] request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
