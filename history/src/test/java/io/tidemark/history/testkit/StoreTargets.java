package io.tidemark.history.testkit;

import io.tidemark.history.HistoryConfig;
import io.tidemark.history.store.HistoryStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The stores a history test runs against: SQLite always, PostgreSQL when {@code TIDEMARK_PG_URL} names a
 * database ({@code .ci/run} starts a throw-away cluster and sets it). Without it the PostgreSQL half is
 * skipped, and said so once.
 */
public final class StoreTargets {
    public static final String PG_URL_VARIABLE = "TIDEMARK_PG_URL";
    private static boolean told;

    private StoreTargets() {
    }

    /** "sqlite", and "postgresql" when a database is given. */
    public static synchronized List<String> names() {
        final List<String> names = new ArrayList<>(List.of("sqlite"));
        if (pgUrl() != null) {
            names.add("postgresql");
        } else if (!told) {
            told = true;
            System.out.println("history tests: PostgreSQL half skipped (" + PG_URL_VARIABLE + " is not set; .ci/run sets it)");
        }
        return names;
    }

    public static String pgUrl() {
        final String url = System.getenv(PG_URL_VARIABLE);
        return url == null || url.isBlank() ? null : url;
    }

    /**
     * The config for {@code target}: SQLite under the data directory, or the PostgreSQL database emptied
     * first (tests run one after another against it).
     */
    public static HistoryConfig config(final String target) {
        final HistoryConfig defaults = HistoryConfig.defaults();
        if (target.equals("sqlite")) {
            return defaults;
        }
        final HistoryConfig pg = defaults.withUrl(pgUrl(), null, null);
        empty(pg);
        return pg;
    }

    /** Drops the PostgreSQL store's tables ("deleting" it); a SQLite store is deleted as a file. */
    public static void empty(final HistoryConfig config) {
        try (HistoryStore store = HistoryStore.open(config.url(), config.user(), config.password())) {
            store.dropAll();
        }
    }
}
