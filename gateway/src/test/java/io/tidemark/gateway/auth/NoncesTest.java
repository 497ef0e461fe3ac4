package io.tidemark.gateway.auth;

import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Authentication across restarts of the nonce store: a signed request seen before a restart, clean or
 * not, is refused after it as {@code nonce_reused}, whichever key and however short the restart; after
 * a machine crash every timestamp up to the fence is refused as {@code timestamp_out_of_window}.
 */
class NoncesTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final UUID BOOT = UUID.fromString("b313d996-5fb1-4117-bbed-61c3220b6ae8");
    private static final UUID NEXT_BOOT = UUID.fromString("0c9e2e4f-1d2b-4a7e-9f00-3a5c7d1e2f40");
    private static final byte[] BODY = "{\"asset\":\"USD\",\"amount\":\"1\",\"address\":\"a\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(NOW);

    private ApiKey authenticate(final Authenticator authenticator, final ApiKey key, final long timestamp,
                                final String nonce) {
        final String ts = Long.toString(timestamp);
        return authenticator.authenticate(key.id(), ts, nonce,
            Signer.sign(key.secret(), ts, nonce, "POST", "/v1/account/withdrawals", BODY), "POST",
            "/v1/account/withdrawals", BODY, InetAddress.getLoopbackAddress(), Scope.WITHDRAW);
    }

    private static void assertRefused(final Runnable call, final ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aRequestSeenBeforeAKillOrACleanRestartIsANonceReusedAfterIt() {
        final KeyStore keys = new KeyStore(dir);
        final ApiKey one = keys.createAccountWithKey(Set.of(Scope.WITHDRAW), List.of(), Tier.RETAIL, 60_000).key();
        final ApiKey two = keys.createAccountWithKey(Set.of(Scope.WITHDRAW), List.of(), Tier.RETAIL, 5_000).key();
        final Nonces killed = Nonces.open(dir, keys.all(), BOOT, clock::get);
        final Authenticator before = new Authenticator(keys, killed, clock::get);
        authenticate(before, one, NOW, "n1");
        authenticate(before, two, NOW, "n1");
        // no close: the process is killed; the next one starts a millisecond later
        clock.set(NOW + 1);
        final Nonces restarted = Nonces.open(dir, keys.all(), BOOT, clock::get);
        final Authenticator after = new Authenticator(keys, restarted, clock::get);
        assertRefused(() -> authenticate(after, one, NOW, "n1"), ErrorCode.NONCE_REUSED);
        assertRefused(() -> authenticate(after, two, NOW, "n1"), ErrorCode.NONCE_REUSED);
        assertThat(authenticate(after, one, NOW, "n2").id()).as("the same timestamp, another nonce").isEqualTo(one.id());
        restarted.close();

        clock.set(NOW + 30_000);
        final Nonces cleanly = Nonces.open(dir, keys.all(), BOOT, clock::get);
        final Authenticator third = new Authenticator(keys, cleanly, clock::get);
        assertRefused(() -> authenticate(third, one, NOW, "n1"), ErrorCode.NONCE_REUSED);
        assertRefused(() -> authenticate(third, one, NOW, "n2"), ErrorCode.NONCE_REUSED);
        assertRefused(() -> authenticate(third, two, NOW, "n1"), ErrorCode.TIMESTAMP_OUT_OF_WINDOW);
        cleanly.close();
    }

    @Test
    void afterAMachineCrashEveryTimestampUpToTheFenceIsRefused() {
        final KeyStore keys = new KeyStore(dir);
        final ApiKey key = keys.createAccountWithKey(Set.of(Scope.WITHDRAW), List.of(), Tier.RETAIL, 60_000).key();
        final Nonces crashed = Nonces.open(dir, keys.all(), BOOT, clock::get);
        authenticate(new Authenticator(keys, crashed, clock::get), key, NOW, "n1");
        clock.set(NOW + 20_000);
        final Nonces afterCrash = Nonces.open(dir, keys.all(), NEXT_BOOT, clock::get);
        final Authenticator authenticator = new Authenticator(keys, afterCrash, clock::get);
        final long fence = NOW + 20_000 + ApiKey.MAX_DRIFT_MILLIS;
        assertThat(afterCrash.refusedThroughMillis()).isEqualTo(fence);
        assertRefused(() -> authenticate(authenticator, key, NOW + 20_000, "fresh1"), ErrorCode.TIMESTAMP_OUT_OF_WINDOW);
        clock.set(fence);
        assertRefused(() -> authenticate(authenticator, key, fence, "fresh2"), ErrorCode.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(authenticate(authenticator, key, fence + 1, "fresh3").id()).isEqualTo(key.id());
        afterCrash.close();
    }
}
