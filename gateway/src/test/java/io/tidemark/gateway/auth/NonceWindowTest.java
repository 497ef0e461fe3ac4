package io.tidemark.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NonceWindowTest {
    private static final long NOW = 1_763_717_400_000L;

    @Test
    void aNonceIsRefusedWhileItsWindowLastsAndAcceptedAfter() {
        final NonceWindow window = new NonceWindow((a, b, expiresAtMillis, nowMillis) -> { });
        assertThat(window.use("n1", NOW, NOW + 5_000)).isTrue();
        assertThat(window.use("n1", NOW + 1, NOW + 5_001)).isFalse();
        assertThat(window.use("n1", NOW + 5_000, NOW + 10_000)).as("last millisecond of the window").isFalse();
        assertThat(window.use("n1", NOW + 5_001, NOW + 10_001)).as("window over").isTrue();
        assertThat(window.use("n1", NOW + 5_002, NOW + 10_002)).as("remembered again").isFalse();
    }

    @Test
    void manyNoncesAreEachAcceptedOnceAndNeverConfused() {
        final NonceWindow window = new NonceWindow((a, b, expiresAtMillis, nowMillis) -> { });
        final Random random = new Random(7);
        final Set<String> used = new HashSet<>();
        final String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
        for (int i = 0; i < 200_000; i++) {
            final String nonce;
            if (i % 2 == 0) {
                nonce = Integer.toString(i); // counters: the nonces most bots send
            } else {
                final char[] chars = new char[1 + random.nextInt(64)];
                for (int c = 0; c < chars.length; c++) {
                    chars[c] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                nonce = new String(chars);
            }
            assertThat(window.use(nonce, NOW, NOW + 60_000)).as("nonce %s", nonce).isEqualTo(used.add(nonce));
        }
        for (final String nonce : used) {
            assertThat(window.use(nonce, NOW + 1, NOW + 60_001)).isFalse();
        }
    }

    @Test
    void memoryFollowsTheLiveWindowNotEverythingEverSeen() {
        final NonceWindow window = new NonceWindow((a, b, expiresAtMillis, nowMillis) -> { });
        long now = NOW;
        for (int second = 0; second < 120; second++) {
            for (int i = 0; i < 1_000; i++) {
                assertThat(window.use(second + ":" + i, now, now + 5_000)).isTrue();
            }
            now += 1_000;
        }
        // 120,000 nonces used; about 6,000 are within a 5 s window at any time
        assertThat(window.capacity()).isLessThanOrEqualTo(32_768);
    }
}
