package io.tidemark.app;

import io.tidemark.gateway.auth.ApiKey;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KeysCommandTest {
    @TempDir
    Path dir;

    private String[] run(final int expectedStatus, final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = KeysCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedStatus);
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void createPrintsTheSecretOnceAndStoresTheKey() {
        final String out = run(0, "create", "--data-dir", dir.toString(), "--scopes", "read,withdraw",
            "--ip-allowlist", "10.0.0.0/8,::1/128", "--tier", "verified", "--drift-ms", "15000")[0];
        final String id = out.lines().filter(l -> l.startsWith("key")).findFirst().orElseThrow().split("\\s+")[1];
        final String secret = out.lines().filter(l -> l.startsWith("secret")).findFirst().orElseThrow().split("\\s+")[1];
        final ApiKey key = new KeyStore(dir).find(id);
        assertThat(key.secret()).isEqualTo(secret);
        assertThat(key.scopes()).isEqualTo(Set.of(Scope.READ, Scope.WITHDRAW));
        assertThat(key.tier()).isEqualTo(Tier.VERIFIED);
        assertThat(key.driftMillis()).isEqualTo(15_000);
        assertThat(key.allowlist().entries()).containsExactly("10.0.0.0/8", "::1/128");
        assertThat(run(0, "list", "--data-dir", dir.toString())[0]).contains(id).doesNotContain(secret);
    }

    @Test
    void aSecondKeyForTheSameAccountAndRevocation() {
        run(0, "create", "--data-dir", dir.toString(), "--account", "42");
        final KeyStore keys = new KeyStore(dir);
        final ApiKey key = keys.all().iterator().next();
        assertThat(key.accountId()).isEqualTo(42);
        assertThat(run(0, "revoke", "--data-dir", dir.toString(), "--key", key.id())[0]).contains("revoked");
        assertThat(new KeyStore(dir).find(key.id()).revoked()).isTrue();
        assertThat(run(0, "list", "--data-dir", dir.toString(), "--account", "42")[0]).contains("REVOKED");
        run(1, "revoke", "--data-dir", dir.toString(), "--key", "tmk_missing");
    }

    @Test
    void createAdminMakesAnOperatorKeyWithNoAccount() {
        final String out = run(0, "create", "--admin", "--data-dir", dir.toString(), "--ip-allowlist", "127.0.0.1/32")[0];
        final String id = out.lines().filter(l -> l.startsWith("key")).findFirst().orElseThrow().split("\\s+")[1];
        final String secret = out.lines().filter(l -> l.startsWith("secret")).findFirst().orElseThrow().split("\\s+")[1];
        final KeyStore keys = new KeyStore(dir);
        final ApiKey key = keys.find(id);
        assertThat(key.secret()).isEqualTo(secret);
        assertThat(key.scopes()).isEqualTo(Set.of(Scope.ADMIN));
        assertThat(key.accountId()).isZero();
        assertThat(key.allowlist().entries()).containsExactly("127.0.0.1/32");
        assertThat(keys.hasAdminKey()).isTrue();
        // an operator's key has no account, scopes or tier to choose
        assertThat(run(2, "create", "--admin", "--data-dir", dir.toString(), "--account", "3")[1]).contains("admin key");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run(2, "create", "--data-dir", dir.toString(), "--scopes", "admin")[1]).contains("unknown scope");
        assertThat(run(2, "create", "--data-dir", dir.toString(), "--ip-allowlist", "not-an-ip")[1]).contains("not an IP");
        assertThat(run(2, "frobnicate", "--data-dir", dir.toString())[1]).contains("usage");
        assertThat(new KeyStore(dir).all()).isEmpty();
    }
}
