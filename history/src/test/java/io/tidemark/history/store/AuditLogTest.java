package io.tidemark.history.store;

import io.tidemark.history.HistoryConfig;
import io.tidemark.history.testkit.StoreTargets;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's audit log and withdrawal addresses in the history store (migration V2). */
class AuditLogTest {
    @TempDir
    Path dir;

    static List<String> targets() {
        return StoreTargets.names();
    }

    private HistoryStore open(final String target) {
        final HistoryConfig config = StoreTargets.config(target);
        return HistoryStore.open(config.jdbcUrl(dir), config.user(), config.password());
    }

    @ParameterizedTest
    @MethodSource("targets")
    void auditEntriesGetRisingIdsAndPageNewestFirst(final String target) {
        try (HistoryStore store = open(target)) {
            for (int i = 1; i <= 5; i++) {
                final AuditEntry entry = store.appendAudit("tmk_admin", "deposit", "{\"n\":" + i + "}", "{\"ok\":true}",
                    1_000L * i);
                assertThat(entry.id()).isEqualTo(i);
            }
            final List<AuditEntry> first = store.audit(0, 2);
            assertThat(first).extracting(AuditEntry::id).containsExactly(5L, 4L);
            assertThat(first.get(0)).isEqualTo(new AuditEntry(5, "tmk_admin", "deposit", "{\"n\":5}", "{\"ok\":true}",
                5_000));
            assertThat(store.audit(4, 10)).extracting(AuditEntry::id).containsExactly(3L, 2L, 1L);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aWithdrawalAddressIsKeptOnceAndSurvivesReopening(final String target) {
        try (HistoryStore store = open(target)) {
            store.putWithdrawalAddress(7, "bc1qexample");
            store.putWithdrawalAddress(7, "other");
        }
        final HistoryConfig config = target.equals("sqlite") ? HistoryConfig.defaults()
            : HistoryConfig.defaults().withUrl(StoreTargets.pgUrl(), null, null);
        try (HistoryStore store = HistoryStore.open(config.jdbcUrl(dir), config.user(), config.password())) {
            assertThat(store.withdrawalAddresses(List.of(7L, 8L))).containsExactlyEntriesOf(java.util.Map.of(7L, "bc1qexample"));
        }
    }
}
