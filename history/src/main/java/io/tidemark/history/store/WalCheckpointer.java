package io.tidemark.history.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Copies the SQLite store's write-ahead log into the database file on its own thread. With automatic
 * checkpoints off, the writer's commits only append to the log; a passive checkpoint here runs beside
 * them (it never blocks the writer, and the writer never waits for its fsync). When the log is fully
 * copied, the writer's next transaction starts it over, so it does not grow while this keeps up.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    private static final long PERIOD_MILLIS = 250;

    private final DataSource dataSource;
    private final Thread thread;
    private volatile boolean stopping;

    private WalCheckpointer(final DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::run, "tidemark-history-checkpoint");
        this.thread.setDaemon(true);
    }

    static WalCheckpointer start(final DataSource dataSource) {
        final WalCheckpointer checkpointer = new WalCheckpointer(dataSource);
        checkpointer.thread.start();
        return checkpointer;
    }

    private void run() {
        boolean warned = false;
        while (!stopping) {
            try {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
                checkpoint();
                warned = false;
            } catch (final InterruptedException e) {
                return;
            } catch (final SQLException | RuntimeException e) {
                if (!warned) { // once per failure streak: a store being closed or dropped under it
                    LOG.warn("event=history_checkpoint_failed {}", e.toString());
                    warned = true;
                }
            }
        }
    }

    private void checkpoint() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
