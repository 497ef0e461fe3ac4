package io.tidemark.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.node.config.ConfigFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code history} section: where the store lives ({@code url}: a {@code jdbc:postgresql:} URL with
 * {@code user}/{@code password}, or null for a SQLite file under {@code <data-dir>/history}) and how long
 * orders, fills and ledger entries are kept ({@code retention_days}).
 */
public record HistoryConfig(String url, String user, String password, int retentionDays) {
    public static final int DEFAULT_RETENTION_DAYS = 90;
    private static final Set<String> KEYS = Set.of("url", "user", "password", "retention_days");

    public HistoryConfig {
        if (retentionDays < 1) {
            throw new ConfigException("history.retention_days must be at least 1: " + retentionDays);
        }
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
            throw new ConfigException("history.url must be a jdbc:postgresql: or jdbc:sqlite: URL");
        }
    }

    public static HistoryConfig from(final ConfigFile file) {
        final JsonNode node = file.section("history");
        if (node.isMissingNode()) {
            return new HistoryConfig(null, null, null, DEFAULT_RETENTION_DAYS);
        }
        ConfigFile.checkKeys("history", node, KEYS);
        return new HistoryConfig(ConfigFile.text(node, "url", false), ConfigFile.text(node, "user", false),
            ConfigFile.text(node, "password", false), ConfigFile.integer(node, "retention_days"));
    }

    public static HistoryConfig defaults() {
        return from(ConfigFile.defaults());
    }

    public HistoryConfig withUrl(final String value, final String userName, final String secret) {
        return new HistoryConfig(value, userName, secret, retentionDays);
    }

    public HistoryConfig withRetentionDays(final int days) {
        return new HistoryConfig(url, user, password, days);
    }

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    /** The JDBC URL for a data directory: the configured one, or the SQLite file under it. */
    public String jdbcUrl(final Path dataDir) {
        return url != null ? url : "jdbc:sqlite:" + dataDir.resolve("history").resolve("history.db").toAbsolutePath();
    }

    @Override
    public String toString() {
        return "HistoryConfig[url=" + url + ", user=" + user + ", retentionDays=" + retentionDays + "]";
    }
}
