package io.tidemark.gateway.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SignerTest {
    static final String SECRET = "tm_test_secret_0123456789abcdef";
    static final String BODY = "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}";
    static final String EXPECTED = "7f1eae6fda5025790191e1850ec17697b5966f611d50445a43f50084bbd6a575";

    @Test
    void theContractsTestVectorSigns() {
        assertThat(Signer.sign(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders",
            BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(EXPECTED);
    }

    @Test
    void theTestVectorVerifiesAndAnyChangeFails() {
        final byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body, EXPECTED)).isTrue();
        assertThat(Signer.verify(SECRET, "1714521600001", "7f3a1b8e", "POST", "/v1/orders", body, EXPECTED)).isFalse();
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8f", "POST", "/v1/orders", body, EXPECTED)).isFalse();
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "GET", "/v1/orders", body, EXPECTED)).isFalse();
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders?x", body, EXPECTED)).isFalse();
        assertThat(Signer.verify(SECRET + "x", "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body, EXPECTED)).isFalse();
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders",
            (BODY + " ").getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body,
            EXPECTED.toUpperCase())).isFalse();
    }

    @Test
    void secretsUsedInTurnOnOneThreadEachSignWithTheirOwnKey() {
        final byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        final String other = "another_secret_0123456789abcdef";
        final String first = Signer.sign(other, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body);
        assertThat(first).isNotEqualTo(EXPECTED);
        for (int round = 0; round < 3; round++) {
            // a secret with the same text in another String object keys a Mac of its own and signs the same
            assertThat(Signer.sign(new String(SECRET.toCharArray()), "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body))
                .isEqualTo(EXPECTED);
            assertThat(Signer.verify(other, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body, first)).isTrue();
            assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body, first)).isFalse();
            assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body, EXPECTED)).isTrue();
        }
    }

    @Test
    void aSignatureOfAnotherLengthNeverVerifies() {
        final byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body, EXPECTED.substring(1))).isFalse();
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body, EXPECTED + "0")).isFalse();
        assertThat(Signer.verify(SECRET, "1714521600000", "7f3a1b8e", "POST", "/v1/orders", body, "")).isFalse();
    }

    @Test
    void aTargetWithCharactersBeyondAsciiIsSignedAsItsUtf8Bytes() {
        final byte[] body = new byte[0];
        final String target = "/v1/orders?note=caf\u00e9";
        assertThat(Signer.sign(SECRET, "1714521600000", "n", "GET", target, body))
            .isEqualTo(reference(SECRET, "1714521600000\nn\nGET\n" + target + "\n"));
    }

    private static String reference(final String secret, final String canonical) {
        try {
            final javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (final java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theShellHelperPrintsTheTestVector() throws Exception {
        final Path script = Path.of("..", "bin", "sign").toAbsolutePath().normalize();
        assertThat(Files.isExecutable(script)).as(script.toString()).isTrue();
        final ProcessBuilder builder = new ProcessBuilder(script.toString(), "POST", "/v1/orders", BODY, "1714521600000",
            "7f3a1b8e");
        builder.environment().put("TIDEMARK_SECRET", SECRET);
        final Process process = builder.redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo(EXPECTED);
    }
}
