package io.tidemark.cluster.service;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The last applied commands kept for gateways that missed some. */
class CommandRetentionTest {
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);

    @Test
    void keepsTheNewestUpToItsCapacity() {
        final CommandRetention retention = new CommandRetention(4, 16);
        assertThat(retention.oldest()).isEqualTo(1);
        for (long s = 1; s <= 6; s++) {
            message.putLong(0, s * 100);
            retention.add(s, message, 0, 8);
        }
        assertThat(retention.oldest()).isEqualTo(3);
        assertThat(retention.newest()).isEqualTo(6);
        for (long s = 3; s <= 6; s++) {
            assertThat(retention.length(s)).isEqualTo(8);
            assertThat(retention.buffer().getLong(retention.offset(s))).isEqualTo(s * 100);
        }
    }

    @Test
    void afterARestoreItRetainsOnlyWhatFollows() {
        final CommandRetention retention = new CommandRetention(4, 16);
        retention.restart(500);
        assertThat(retention.oldest()).isEqualTo(501);
        retention.add(501, message, 0, 8);
        assertThat(retention.oldest()).isEqualTo(501);
        assertThat(retention.newest()).isEqualTo(501);
    }
}
