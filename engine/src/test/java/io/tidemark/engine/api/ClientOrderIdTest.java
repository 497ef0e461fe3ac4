package io.tidemark.engine.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientOrderIdTest {
    @Test
    void packsEveryValidIdLosslessly() {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        final ClientOrderId id = new ClientOrderId();
        for (int length = 1; length <= ClientOrderId.MAX_LENGTH; length++) {
            final String text = (alphabet + alphabet).substring(length, 2 * length);
            assertThat(id.set(text)).isTrue();
            assertThat(id.toString()).isEqualTo(text);
            assertThat(id.length()).isEqualTo(length);
        }
        assertThat(id.set("A")).isTrue();
        assertThat(id.isPresent()).isTrue();
        assertThat(id.toString()).isEqualTo("A");
    }

    @Test
    void rejectsEmptyTooLongAndForeignCharacters() {
        final ClientOrderId id = new ClientOrderId();
        assertThat(id.set("")).isFalse();
        assertThat(id.set("x".repeat(37))).isFalse();
        assertThat(id.set("bot 42")).isFalse();
        assertThat(id.set("bøt")).isFalse();
        assertThat(id.set("a/b")).isFalse();
        assertThat(id.isPresent()).isFalse();
    }

    @Test
    void idsThatDifferOnlyInLengthOrPositionAreDifferent() {
        final ClientOrderId a = new ClientOrderId();
        final ClientOrderId b = new ClientOrderId();
        a.set("A");
        b.set("AA");
        assertThat(a.contentEquals(b)).isFalse();
        a.set("ab");
        b.set("ba");
        assertThat(a.contentEquals(b)).isFalse();
        assertThat(a.hash(1)).isNotEqualTo(a.hash(2));
    }
}
