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
