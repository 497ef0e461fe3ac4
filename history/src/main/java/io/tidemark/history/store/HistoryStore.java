package io.tidemark.history.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.node.view.FillRecord;
import io.tidemark.node.view.OrderRecord;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL side of the history: schema (Flyway, {@code db/history}), the writer's transactions, the
 * API's keyset-paged reads, and retention. One class for SQLite and PostgreSQL: the statements are
 * the subset both speak ({@code ON CONFLICT}, {@code LIMIT}). Thread safe: each call takes a pooled
 * connection; writes come from the one writer thread.
 */
public final class HistoryStore implements AutoCloseable {
    private static final String ORDER_COLUMNS = "order_id, account_id, market_id, side, order_type, time_in_force, "
        + "post_only, stp, price, stop_price, size, funds, filled, filled_value, fees, status, cancel_reason, "
        + "reject_reason, triggered, client_order_id, created_time, updated_time";
    private static final String FILL_COLUMNS = "trade_id, order_id, market_id, side, price, size, fee, liquidity, time";
    private static final String LEDGER_COLUMNS = "id, account_id, asset_id, wallet, amount, balance_after, type, ref, time";

    private final HikariDataSource dataSource;
    private final boolean sqlite;
    private final WalCheckpointer checkpointer;

    /** Where a list starts and what it keeps: status filter of an order list. */
    public enum OrderStatusFilter { ALL, OPEN, CLOSED }

    /** A wallet: the key of a running total. */
    public record WalletKey(long accountId, int assetId, Wallet wallet) {
    }

    /** What one writer transaction changes. */
    public static final class WriteSet {
        /** Each order once, at its latest state: a busy maker order changes many times in one transaction. */
        final Map<Long, OrderRecord> orders = new LinkedHashMap<>();
        final List<Long> fillAccounts = new ArrayList<>();
        final List<FillRecord> fills = new ArrayList<>();
        final List<LedgerEntry> ledger = new ArrayList<>();
        final Map<WalletKey, Long> totals = new HashMap<>();
        long sequence;
        long nextLedgerId;

        public void order(final OrderRecord order) {
            orders.put(order.orderId(), order);
        }

        public void fill(final long accountId, final FillRecord fill) {
            fillAccounts.add(accountId);
            fills.add(fill);
        }

        public void ledger(final LedgerEntry entry) {
            ledger.add(entry);
        }

        public void total(final WalletKey key, final long total) {
            totals.put(key, total);
        }

        public void progress(final long reachedSequence, final long nextId) {
            sequence = reachedSequence;
            nextLedgerId = nextId;
        }

        public int rows() {
            return orders.size() + fills.size() + ledger.size();
        }

        public boolean isEmpty() {
            return orders.isEmpty() && fills.isEmpty() && ledger.isEmpty() && totals.isEmpty();
        }

        public void clear() {
            orders.clear();
            fillAccounts.clear();
            fills.clear();
            ledger.clear();
            totals.clear();
        }
    }

    private HistoryStore(final HikariDataSource dataSource, final boolean sqlite) {
        this.dataSource = dataSource;
        this.sqlite = sqlite;
        this.checkpointer = sqlite ? WalCheckpointer.start(dataSource) : null;
    }

    /** Opens (creating the SQLite file's directory if needed) and migrates the schema. */
    public static HistoryStore open(final String jdbcUrl, final String user, final String password) {
        final boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        final HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setPoolName("tidemark-history");
        if (sqlite) {
            final Path file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot create the history directory " + file.getParent(), e);
            }
            hikari.setDriverClassName("org.sqlite.JDBC");
            hikari.addDataSourceProperty("journal_mode", "WAL");
            // NORMAL in WAL mode: a commit is not synced, a checkpoint is, and the store stays consistent
            // through a power loss (what it loses, the writer takes again from the journal).
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.addDataSourceProperty("busy_timeout", "30000");
            // The writer's commits never checkpoint: the WalCheckpointer does, on its own thread, so the
            // checkpoint's page copies and fsync overlap the writer instead of stalling it.
            hikari.addDataSourceProperty("wal_autocheckpoint", "0");
            hikari.addDataSourceProperty("journal_size_limit", String.valueOf(64L << 20));
            // Index pages of a busy store stay cached between transactions (per connection, grown on use).
            hikari.addDataSourceProperty("cache_size", String.valueOf(-(64 << 10)));
            hikari.setMaximumPoolSize(4);
        } else {
            hikari.setDriverClassName("org.postgresql.Driver");
            hikari.setUsername(user);
            hikari.setPassword(password);
            hikari.setMaximumPoolSize(6);
        }
        hikari.setMinimumIdle(1);
        final HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/history").load().migrate();
        } catch (final RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new HistoryStore(dataSource, sqlite);
    }

    public boolean isSqlite() {
        return sqlite;
    }

    // ---------------------------------------------------------------------------------------- writer

    /** The journal sequence whose events are all stored, and the next ledger id. */
    public long[] progress() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sequence, next_ledger_id FROM progress WHERE id = 1")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (final SQLException e) {
            throw new HistoryException("reading the history progress", e);
        }
    }

    /** Every wallet's total as stored. */
    public Map<WalletKey, Long> totals() {
        final Map<WalletKey, Long> totals = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT account_id, asset_id, wallet, total FROM wallet_totals")) {
            while (rs.next()) {
                totals.put(new WalletKey(rs.getLong(1), rs.getInt(2), Wallet.fromCode(rs.getInt(3))), rs.getLong(4));
            }
            return totals;
        } catch (final SQLException e) {
            throw new HistoryException("reading wallet totals", e);
        }
    }

    /** Writes one batch in one transaction, with the progress it brings the store to. */
    public void write(final WriteSet set) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!set.orders.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (" + ORDER_COLUMNS + ", closed) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (order_id) DO UPDATE SET price = excluded.price, size = excluded.size, "
                        + "filled = excluded.filled, filled_value = excluded.filled_value, fees = excluded.fees, "
                        + "status = excluded.status, cancel_reason = excluded.cancel_reason, "
                        + "reject_reason = excluded.reject_reason, triggered = excluded.triggered, "
                        + "updated_time = excluded.updated_time, closed = excluded.closed")) {
                        for (final OrderRecord o : set.orders.values()) {
                            int i = 1;
                            ps.setLong(i++, o.orderId());
                            ps.setLong(i++, o.accountId());
                            ps.setInt(i++, o.marketId());
                            ps.setInt(i++, o.side().code());
                            ps.setInt(i++, o.orderType().code());
                            ps.setInt(i++, o.timeInForce().code());
                            ps.setInt(i++, o.postOnly() ? 1 : 0);
                            ps.setInt(i++, o.selfTradePrevention().code());
                            ps.setLong(i++, o.price());
                            ps.setLong(i++, o.stopPrice());
                            ps.setLong(i++, o.size());
                            ps.setLong(i++, o.funds());
                            ps.setLong(i++, o.filled());
                            ps.setLong(i++, o.filledValue());
                            ps.setLong(i++, o.fees());
                            ps.setInt(i++, o.status().code());
                            ps.setInt(i++, o.cancelReason().code());
                            if (o.rejectReason() == null) {
                                ps.setNull(i++, java.sql.Types.SMALLINT);
                            } else {
                                ps.setInt(i++, o.rejectReason().code());
                            }
                            ps.setInt(i++, o.triggered() ? 1 : 0);
                            ps.setString(i++, o.clientOrderId().isPresent() ? o.clientOrderId().toString() : null);
                            ps.setLong(i++, o.createdTime());
                            ps.setLong(i++, o.updatedTime());
                            ps.setInt(i, o.isOpen() ? 0 : 1);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!set.fills.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO fills (account_id, " + FILL_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, trade_id) DO NOTHING")) {
                        for (int n = 0; n < set.fills.size(); n++) {
                            final FillRecord f = set.fills.get(n);
                            ps.setLong(1, set.fillAccounts.get(n));
                            ps.setLong(2, f.tradeId());
                            ps.setLong(3, f.orderId());
                            ps.setInt(4, f.marketId());
                            ps.setInt(5, f.side().code());
                            ps.setLong(6, f.price());
                            ps.setLong(7, f.size());
                            ps.setLong(8, f.fee());
                            ps.setInt(9, f.liquidity().code());
                            ps.setLong(10, f.time());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!set.ledger.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger (" + LEDGER_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        for (final LedgerEntry e : set.ledger) {
                            ps.setLong(1, e.id());
                            ps.setLong(2, e.accountId());
                            ps.setInt(3, e.assetId());
                            ps.setInt(4, e.wallet().code());
                            ps.setLong(5, e.amount());
                            ps.setLong(6, e.balanceAfter());
                            ps.setInt(7, e.type().code());
                            ps.setLong(8, e.ref());
                            ps.setLong(9, e.time());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                if (!set.totals.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO wallet_totals (account_id, asset_id, "
                        + "wallet, total) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, asset_id, wallet) "
                        + "DO UPDATE SET total = excluded.total")) {
                        for (final Map.Entry<WalletKey, Long> e : set.totals.entrySet()) {
                            ps.setLong(1, e.getKey().accountId());
                            ps.setInt(2, e.getKey().assetId());
                            ps.setInt(3, e.getKey().wallet().code());
                            ps.setLong(4, e.getValue());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE progress SET sequence = ?, next_ledger_id = ? WHERE id = 1")) {
                    ps.setLong(1, set.sequence);
                    ps.setLong(2, set.nextLedgerId);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (final SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (final SQLException e) {
            throw new HistoryException("writing a history batch up to sequence " + set.sequence, e);
        }
    }

    // ---------------------------------------------------------------------------------------- reads

    /** The account's order, or null. */
    public OrderRecord order(final long accountId, final long orderId) {
        final List<OrderRecord> found = orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE account_id = ? "
            + "AND order_id = ?", accountId, orderId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The account's latest order with this client order id, or null. */
    public OrderRecord orderByClientId(final long accountId, final String clientOrderId) {
        final List<OrderRecord> found = orders("SELECT " + ORDER_COLUMNS + " FROM orders WHERE account_id = ? "
            + "AND client_order_id = ? ORDER BY order_id DESC LIMIT 1", accountId, clientOrderId);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The account's orders newest first with ids below {@code beforeOrderId} (0: from the newest), of one
     * market ({@code marketId} &lt; 0: any), at most {@code limit}: keyset paging on the order id.
     */
    public List<OrderRecord> orders(final long accountId, final int marketId, final OrderStatusFilter filter,
                                    final long beforeOrderId, final int limit) {
        final StringBuilder sql = new StringBuilder("SELECT ").append(ORDER_COLUMNS)
            .append(" FROM orders WHERE account_id = ? AND order_id < ?");
        if (filter == OrderStatusFilter.OPEN) {
            sql.append(" AND closed = 0");
        } else if (filter == OrderStatusFilter.CLOSED) {
            sql.append(" AND closed = 1");
        }
        if (marketId >= 0) {
            sql.append(" AND market_id = ").append(marketId);
        }
        sql.append(" ORDER BY order_id DESC LIMIT ?");
        return orders(sql.toString(), accountId, beforeOrderId > 0 ? beforeOrderId : Long.MAX_VALUE, limit);
    }

    private List<OrderRecord> orders(final String sql, final Object... params) {
        final List<OrderRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    final int reject = rs.getInt(18);
                    final boolean noReject = rs.wasNull();
                    out.add(new OrderRecord().set(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                        Side.fromCode(rs.getInt(4)), OrderType.fromCode(rs.getInt(5)),
                        TimeInForce.fromCode(rs.getInt(6)), rs.getInt(7) != 0, SelfTradePrevention.fromCode(rs.getInt(8)),
                        rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                        rs.getLong(15), OrderStatus.fromCode(rs.getInt(16)), CancelReason.fromCode(rs.getInt(17)),
                        noReject ? null : ResultCode.fromCode(reject), rs.getInt(19) != 0, rs.getString(20),
                        rs.getLong(21), rs.getLong(22)));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new HistoryException("reading orders", e);
        }
    }

    /** The account's fills newest first with trade ids below {@code beforeTradeId} (0: from the newest). */
    public List<FillRecord> fills(final long accountId, final int marketId, final long beforeTradeId, final int limit) {
        final String sql = "SELECT " + FILL_COLUMNS + " FROM fills WHERE account_id = ? AND trade_id < ?"
            + (marketId >= 0 ? " AND market_id = " + marketId : "") + " ORDER BY trade_id DESC LIMIT ?";
        final List<FillRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, accountId, beforeTradeId > 0 ? beforeTradeId : Long.MAX_VALUE, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FillRecord().set(rs.getLong(1), rs.getLong(2), rs.getInt(3), Side.fromCode(rs.getInt(4)),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), Liquidity.fromCode(rs.getInt(8)), rs.getLong(9)));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new HistoryException("reading fills", e);
        }
    }

    /** The account's ledger newest first (one asset, or all when {@code assetId} &lt; 0), ids below {@code beforeId}. */
    public List<LedgerEntry> ledger(final long accountId, final int assetId, final long beforeId, final int limit) {
        final String sql = "SELECT " + LEDGER_COLUMNS + " FROM ledger WHERE account_id = ? AND id < ?"
            + (assetId >= 0 ? " AND asset_id = " + assetId : "") + " ORDER BY id DESC LIMIT ?";
        final List<LedgerEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, accountId, beforeId > 0 ? beforeId : Long.MAX_VALUE, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LedgerEntry(rs.getLong(1), rs.getLong(2), rs.getInt(3), Wallet.fromCode(rs.getInt(4)),
                        rs.getLong(5), rs.getLong(6), LedgerType.fromCode(rs.getInt(7)), rs.getLong(8), rs.getLong(9)));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new HistoryException("reading the ledger", e);
        }
    }

    /**
     * The price (ticks) of the market's last trade at or before {@code atOrBefore} (epoch ns) among the
     * fills kept, or 0 when there is none. Every trade has a fill row for each side's account.
     */
    public long lastPrice(final int marketId, final long atOrBefore) {
        final String sql = "SELECT price FROM fills WHERE market_id = ? AND time <= ? ORDER BY time DESC, trade_id DESC LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, marketId, atOrBefore);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (final SQLException e) {
            throw new HistoryException("reading a last price", e);
        }
    }

    private static void bind(final PreparedStatement ps, final Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            final Object p = params[i];
            if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
    }

    // ---------------------------------------------------------------------------------------- operator

    /**
     * Appends an admin action to the audit log and returns it with its id (one more than the last). One
     * statement computes the id and inserts: a read followed by a write in one SQLite transaction cannot take
     * the write lock once the history writer has committed since the read (SQLITE_BUSY at once, which no busy
     * timeout waits out), whereas a lone INSERT waits for the lock. This method is the only writer of the
     * table and is synchronized, so the largest id after the insert is the one it wrote.
     */
    public synchronized AuditEntry appendAudit(final String keyId, final String action, final String params,
                                               final String result, final long time) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO admin_audit (id, key_id, action, params, "
                 + "result, time) SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ? FROM admin_audit");
             PreparedStatement max = c.prepareStatement("SELECT MAX(id) FROM admin_audit")) {
            bind(insert, keyId, action, params, result, time);
            insert.executeUpdate();
            final long id;
            try (ResultSet rs = max.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            return new AuditEntry(id, keyId, action, params, result, time);
        } catch (final SQLException e) {
            throw new HistoryException("appending to the audit log", e);
        }
    }

    /** The audit log newest first, ids below {@code beforeId} (0: from the newest). */
    public List<AuditEntry> audit(final long beforeId, final int limit) {
        final List<AuditEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, key_id, "
            + "action, params, result, time FROM admin_audit WHERE id < ? ORDER BY id DESC LIMIT ?")) {
            bind(ps, beforeId > 0 ? beforeId : Long.MAX_VALUE, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new HistoryException("reading the audit log", e);
        }
    }

    /** Records where a withdrawal goes (once: a second call for the same id changes nothing). */
    public void putWithdrawalAddress(final long withdrawalId, final String address) {
        if (withdrawalAddresses(List.of(withdrawalId)).containsKey(withdrawalId)) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
            "INSERT INTO withdrawal_addresses (withdrawal_id, address) VALUES (?, ?)")) {
            bind(ps, withdrawalId, address);
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw new HistoryException("recording a withdrawal address", e);
        }
    }

    /** The addresses of those of {@code ids} that have one. */
    public Map<Long, String> withdrawalAddresses(final List<Long> ids) {
        final Map<Long, String> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        final String sql = "SELECT withdrawal_id, address FROM withdrawal_addresses WHERE withdrawal_id IN ("
            + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, ids.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new HistoryException("reading withdrawal addresses", e);
        }
    }

    // ---------------------------------------------------------------------------------------- retention

    /** Deletes up to {@code batch} closed orders last changed before {@code cutoff} (epoch ns); returns how many. */
    public int deleteClosedOrdersBefore(final long cutoff, final int batch) {
        return update("DELETE FROM orders WHERE order_id IN (SELECT order_id FROM orders WHERE closed = 1 "
            + "AND updated_time < ? LIMIT ?)", cutoff, batch);
    }

    /** Deletes up to {@code batch} fills from before {@code cutoff}; returns how many. */
    public int deleteFillsBefore(final long cutoff, final int batch) {
        return update("DELETE FROM fills WHERE (account_id, trade_id) IN (SELECT account_id, trade_id FROM fills "
            + "WHERE time < ? LIMIT ?)", cutoff, batch);
    }

    /**
     * For up to {@code wallets} wallets with more than one ledger entry before {@code cutoff}: the newest
     * of those becomes a {@code carried_forward} entry of its balance_after and the older ones go, so the
     * wallet's entries still sum to its total. Returns how many wallets it folded.
     */
    public int carryForward(final long cutoff, final int wallets) {
        final List<long[]> folds = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             // ids grow with time: the entries before the cutoff are an id range at the start of the table
             PreparedStatement ps = c.prepareStatement("SELECT account_id, asset_id, wallet, MAX(id) FROM ledger "
                 + "WHERE id <= (SELECT MAX(id) FROM ledger WHERE time < ?) AND time < ? "
                 + "GROUP BY account_id, asset_id, wallet HAVING COUNT(*) > 1 "
                 + "OR MIN(type) <> " + LedgerType.CARRIED_FORWARD.code() + " LIMIT ?")) {
            ps.setLong(1, cutoff);
            ps.setLong(2, cutoff);
            ps.setInt(3, wallets);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    folds.add(new long[] {rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)});
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM ledger WHERE account_id = ? AND asset_id = ? "
                     + "AND wallet = ? AND id < ?");
                 PreparedStatement fold = c.prepareStatement("UPDATE ledger SET type = ?, amount = balance_after "
                     + "WHERE id = ?")) {
                for (final long[] f : folds) {
                    delete.setLong(1, f[0]);
                    delete.setInt(2, (int) f[1]);
                    delete.setInt(3, (int) f[2]);
                    delete.setLong(4, f[3]);
                    delete.addBatch();
                    fold.setInt(1, LedgerType.CARRIED_FORWARD.code());
                    fold.setLong(2, f[3]);
                    fold.addBatch();
                }
                delete.executeBatch();
                fold.executeBatch();
                c.commit();
            } catch (final SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return folds.size();
        } catch (final SQLException e) {
            throw new HistoryException("carrying the ledger forward", e);
        }
    }

    private int update(final String sql, final Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (final SQLException e) {
            throw new HistoryException("retention", e);
        }
    }

    /** Drops every table (tests: a PostgreSQL store "deleted"). */
    public void dropAll() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (final String table : List.of("orders", "fills", "ledger", "wallet_totals", "progress",
                "admin_audit", "withdrawal_addresses", "flyway_schema_history")) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        } catch (final SQLException e) {
            throw new HistoryException("dropping the history tables", e);
        }
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        dataSource.close();
    }
}
