package io.tidemark.gateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemark.gateway.auth.ApiKey;
import io.tidemark.gateway.auth.Authenticator;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Nonces;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.error.ApiException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signature verification with attacker-chosen headers: only a request signed with the key's secret
 * passes; everything else is refused with a contract code, never an unexpected exception.
 */
class SignatureFuzzTest {
    private static final long NOW = 1_714_521_600_000L;
    private static final KeyStore KEYS;
    private static final ApiKey KEY;
    private static final Nonces NONCES;

    static {
        try {
            final Path dir = Files.createTempDirectory("tidemark-fuzz-keys");
            dir.toFile().deleteOnExit();
            KEYS = new KeyStore(dir);
            KEY = KEYS.createAccountWithKey(Set.of(Scope.TRADE), List.of(), Tier.RETAIL, 5_000).key();
            NONCES = Nonces.open(dir, KEYS.all(), () -> NOW);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void onlyTheSecretsSignaturePasses(final FuzzedDataProvider data) throws Exception {
        final Authenticator authenticator = new Authenticator(KEYS, NONCES, () -> NOW);
        final boolean realKey = data.consumeBoolean();
        final String keyId = realKey ? KEY.id() : data.consumeString(40);
        final String timestamp = data.consumeBoolean() ? Long.toString(NOW - data.consumeInt(-10_000, 10_000))
            : data.consumeString(20);
        final String nonce = data.consumeString(70);
        final String method = data.pickValue(new String[] {"GET", "POST", "DELETE"});
        final String path = "/v1/" + data.consumeString(60);
        final boolean signProperly = data.consumeBoolean();
        final byte[] body = data.consumeBytes(256);
        final String forged = data.consumeRemainingAsString();
        final String signature = signProperly ? Signer.sign(KEY.secret(), timestamp, nonce, method, path, body) : forged;
        try {
            final ApiKey key = authenticator.authenticate(keyId, timestamp, nonce, signature, method, path, body,
                InetAddress.getLoopbackAddress(), Scope.TRADE);
            assertThat(key.id()).isEqualTo(KEY.id());
            assertThat(signature).isEqualTo(Signer.sign(KEY.secret(), timestamp, nonce, method, path, body));
        } catch (final ApiException e) {
            assertThat(e.code().status().code()).isBetween(400, 499);
        }
    }
}
