package io.tidemark.node.view;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.collections.IdIndex;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.node.pipeline.ReadModel;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-account read models behind the private REST reads: every open order and the most recent
 * closed ones (with fill totals and fees), recent fills, and balances of every wallet. Built only
 * from engine events, so a replay rebuilds them exactly; retention is by count per account
 * (deterministic: the earliest-closed order goes first), so memory stays bounded. Every update is
 * O(1): intrusive lists per account, no scans.
 *
 * <p>Not thread safe: owned by the view stage. Records handed out by queries are live objects: read
 * or copy them on the view thread only.
 */
public final class AccountViews implements ReadModel {
    /** How many closed orders per account the views keep; older ones leave the views. */
    public static final int DEFAULT_CLOSED_ORDERS_PER_ACCOUNT = 1_000;
    /** The engine's fee account: every fee is paid into it. */
    public static final long FEE_ACCOUNT_ID = 0;
    private static final int DEFAULT_FILLS_PER_ACCOUNT = 1_000;
    private static final int WALLETS = Wallet.values().length;

    /** The effective configuration; grows with listings. */
    private ExchangeConfig config;
    private final int maxClosedOrders;
    private final int maxFills;
    private int assetCount;
    /**
     * Open orders, which is all that events update: kept small and cache-hot. Closed ones are reached
     * by queries through their account's list instead of a second index, because an index of every
     * retained order would cost a cache-missing insert and removal on every close, on the write path.
     */
    private final IdIndex<OrderRecord> openOrders = new IdIndex<>(16_384, OrderRecord::orderId);
    private final Long2ObjectHashMap<AccountView> accounts = new Long2ObjectHashMap<>();
    /** hash(account, client id) → order id of the latest order that used it; checked against the record. */
    private final Long2LongHashMap clientIds = new Long2LongHashMap(0);
    private final List<OrderRecord> freeRecords = new ArrayList<>();

    /** Receives listed orders, newest first. */
    @FunctionalInterface
    public interface OrderSink {
        void accept(OrderRecord order);
    }

    /** Receives listed fills, newest first. */
    @FunctionalInterface
    public interface FillSink {
        void accept(FillRecord fill);
    }

    public AccountViews(final ExchangeConfig config) {
        this(config, DEFAULT_CLOSED_ORDERS_PER_ACCOUNT, DEFAULT_FILLS_PER_ACCOUNT);
    }

    public AccountViews(final ExchangeConfig config, final int maxClosedOrdersPerAccount, final int maxFillsPerAccount) {
        this.config = config;
        this.maxClosedOrders = maxClosedOrdersPerAccount;
        this.maxFills = maxFillsPerAccount;
        this.assetCount = config.assets().size();
    }

    /** One account's state: balances, its retained orders in id order, its closed ones in closing order, fills. */
    static final class AccountView {
        final long accountId;
        /** [asset][wallet][available, hold]; a listed asset appends its columns. */
        long[] balances;
        /** Retained orders, ascending id (ids are assigned in increasing order, so accepting appends). */
        OrderRecord head;
        OrderRecord tail;
        int orderCount;
        /** Closed orders in the order they closed: the head is the next to evict beyond the retention. */
        OrderRecord closedHead;
        OrderRecord closedTail;
        int closedCount;
        /**
         * No order of the account with a higher id has left the views: the highest id evicted so far (0
         * for none). After a restore, where it is not recorded, the account's newest order id if the
         * closed retention is full (the views may have evicted any older order), else 0.
         */
        long evictedCeiling;
        final FillRecord[] fills;
        int fillHead;
        int fillCount;

        AccountView(final long accountId, final int assetCount, final int maxFills) {
            this.accountId = accountId;
            this.balances = new long[assetCount * WALLETS * 2];
            this.fills = new FillRecord[Math.max(1, maxFills)];
        }

        void append(final OrderRecord r) {
            r.account = this;
            r.prev = tail;
            r.next = null;
            if (tail == null) {
                head = r;
            } else {
                tail.next = r;
            }
            tail = r;
            orderCount++;
        }

        void unlink(final OrderRecord r) {
            if (r.prev == null) {
                head = r.next;
            } else {
                r.prev.next = r.next;
            }
            if (r.next == null) {
                tail = r.prev;
            } else {
                r.next.prev = r.prev;
            }
            orderCount--;
        }

        void closed(final OrderRecord r) {
            r.nextClosed = null;
            if (closedTail == null) {
                closedHead = r;
            } else {
                closedTail.nextClosed = r;
            }
            closedTail = r;
            closedCount++;
        }

        OrderRecord evictOldestClosed() {
            final OrderRecord oldest = closedHead;
            closedHead = oldest.nextClosed;
            if (closedHead == null) {
                closedTail = null;
            }
            closedCount--;
            unlink(oldest);
            evictedCeiling = Math.max(evictedCeiling, oldest.orderId);
            return oldest;
        }

        FillRecord nextFill() {
            final int slot = (fillHead + fillCount) % fills.length;
            if (fillCount == fills.length) {
                fillHead = (fillHead + 1) % fills.length;
            } else {
                fillCount++;
            }
            FillRecord fill = fills[slot];
            if (fill == null) {
                fill = new FillRecord();
                fills[slot] = fill;
            }
            return fill;
        }

        /** The i-th retained fill, oldest first. */
        FillRecord fill(final int i) {
            return fills[(fillHead + i) % fills.length];
        }
    }

    /** A listed asset appends a zero balance to every account (its place in the asset-major layout is last). */
    @Override
    public void listed(final ExchangeConfig effective) {
        config = effective;
        assetCount = effective.assets().size();
        accounts.values().forEach(view -> view.balances = java.util.Arrays.copyOf(view.balances,
            assetCount * WALLETS * 2));
    }

    private AccountView account(final long accountId) {
        AccountView view = accounts.get(accountId);
        if (view == null) {
            view = new AccountView(accountId, assetCount, maxFills);
            accounts.put(accountId, view);
        }
        return view;
    }

    // ------------------------------------------------------------------------------------------ queries

    /** The account's order, or null (also for another account's order). */
    public OrderRecord order(final long accountId, final long orderId) {
        final OrderRecord open = openOrders.get(orderId);
        if (open != null) {
            return open.accountId == accountId ? open : null;
        }
        final AccountView view = accounts.get(accountId);
        if (view == null) {
            return null;
        }
        // the order that just closed is read at its close (the private streams' event): found without a
        // walk back past the account's newer orders, up to the whole closed retention of them
        if (view.closedTail != null && view.closedTail.orderId == orderId) {
            return view.closedTail;
        }
        // newest first: queries are mostly about recent orders, and the list is bounded by the retention
        OrderRecord order = view.tail;
        while (order != null && order.orderId > orderId) {
            order = order.prev;
        }
        return order != null && order.orderId == orderId ? order : null;
    }

    /** The latest retained order of the account with this client id, or null. */
    public OrderRecord orderByClientId(final long accountId, final ClientOrderId clientOrderId) {
        final long orderId = clientIds.get(clientOrderId.hash(accountId));
        final OrderRecord order = orderId == 0 ? null : order(accountId, orderId);
        return order != null && order.clientOrderId.contentEquals(clientOrderId) ? order : null;
    }

    /**
     * Lists the account's orders newest first: those matching {@code filter} and {@code marketId}
     * ({@link Command#ALL_MARKETS} for any), with ids below {@code beforeOrderId} (0 for no cursor),
     * at most {@code limit}. Returns how many were given to the sink.
     */
    public int orders(final long accountId, final int marketId, final OrderFilter filter, final long beforeOrderId,
                      final int limit, final OrderSink sink) {
        final AccountView view = accounts.get(accountId);
        if (view == null || limit <= 0) {
            return 0;
        }
        OrderRecord order = view.tail;
        if (beforeOrderId > 0) {
            final OrderRecord cursor = openOrders.get(beforeOrderId);
            if (cursor != null && cursor.account == view) {
                order = cursor.prev;
            } else {
                while (order != null && order.orderId >= beforeOrderId) {
                    order = order.prev;
                }
            }
        }
        int given = 0;
        for (; order != null && given < limit; order = order.prev) {
            if (filter.accepts(order) && (marketId == Command.ALL_MARKETS || order.marketId == marketId)) {
                sink.accept(order);
                given++;
            }
        }
        return given;
    }

    /** Lists the account's fills newest first, with trade ids below {@code beforeTradeId} (0 for none). */
    public int fills(final long accountId, final int marketId, final long beforeTradeId, final int limit,
                     final FillSink sink) {
        final AccountView view = accounts.get(accountId);
        if (view == null || limit <= 0) {
            return 0;
        }
        int given = 0;
        for (int i = view.fillCount - 1; i >= 0 && given < limit; i--) {
            final FillRecord fill = view.fill(i);
            if ((beforeTradeId <= 0 || fill.tradeId < beforeTradeId)
                && (marketId == Command.ALL_MARKETS || fill.marketId == marketId)) {
                sink.accept(fill);
                given++;
            }
        }
        return given;
    }

    /**
     * The views hold every order of the account with an id above this (0: every order ever placed);
     * older ones may have left them, for the history store to answer.
     */
    public long ordersCompleteAbove(final long accountId) {
        final AccountView view = accounts.get(accountId);
        return view == null ? 0 : view.evictedCeiling;
    }

    /**
     * The views hold every fill of the account with a trade id at or above this (0: every fill ever);
     * older ones have left the views, for the history store to answer.
     */
    public long fillsCompleteFrom(final long accountId) {
        final AccountView view = accounts.get(accountId);
        return view == null || view.fillCount < view.fills.length ? 0 : view.fill(0).tradeId();
    }

    public long available(final long accountId, final int assetId, final Wallet wallet) {
        final AccountView view = accounts.get(accountId);
        return view == null ? 0 : view.balances[balanceSlot(assetId, wallet)];
    }

    public long hold(final long accountId, final int assetId, final Wallet wallet) {
        final AccountView view = accounts.get(accountId);
        return view == null ? 0 : view.balances[balanceSlot(assetId, wallet) + 1];
    }

    /**
     * Σ available + hold of one asset over every wallet of every account but the fee account ({@code
     * feeAccount} false), or the fee account's alone (true): the two sides of the solvency sum.
     */
    public long totalOf(final int assetId, final boolean feeAccount) {
        long total = 0;
        for (final AccountView view : accounts.values()) {
            if ((view.accountId == FEE_ACCOUNT_ID) != feeAccount) {
                continue;
            }
            for (final Wallet wallet : Wallet.values()) {
                final int slot = balanceSlot(assetId, wallet);
                total += view.balances[slot] + view.balances[slot + 1];
            }
        }
        return total;
    }

    public int openOrderCount(final long accountId) {
        final AccountView view = accounts.get(accountId);
        return view == null ? 0 : view.orderCount - view.closedCount;
    }

    /** Accounts the views know: every account that ever had a balance or an order. */
    public int accountCount() {
        return accounts.size();
    }

    /** Open orders (resting or pending a trigger) of all accounts. */
    public int openOrderCount() {
        return openOrders.size();
    }

    private int balanceSlot(final int assetId, final Wallet wallet) {
        return (assetId * WALLETS + wallet.code()) * 2;
    }

    // ------------------------------------------------------------------------------------------ events

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView o) {
        final OrderRecord r = freeRecords.isEmpty() ? new OrderRecord() : freeRecords.remove(freeRecords.size() - 1);
        r.orderId = o.orderId();
        r.accountId = o.accountId();
        r.marketId = o.marketId();
        r.side = o.side();
        r.orderType = o.orderType();
        r.timeInForce = o.timeInForce();
        r.postOnly = o.postOnly();
        r.selfTradePrevention = o.selfTradePrevention();
        r.price = o.price();
        r.stopPrice = o.stopPrice();
        r.size = o.size();
        r.funds = o.funds();
        r.filled = o.filled();
        r.status = o.status();
        r.clientOrderId.set(o.clientOrderId());
        r.createdTime = o.createdTime();
        r.updatedTime = timestamp;
        index(r);
    }

    private void index(final OrderRecord r) {
        openOrders.put(r);
        account(r.accountId).append(r);
        if (r.clientOrderId.isPresent()) {
            clientIds.put(r.clientOrderId.hash(r.accountId), r.orderId);
        }
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        final OrderRecord r = openOrders.get(orderId);
        r.triggered = true;
        r.status = OrderStatus.OPEN;
        r.updatedTime = timestamp;
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        final OrderRecord r = openOrders.get(orderId);
        r.price = price;
        r.size = size;
        r.updatedTime = timestamp;
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        final long value = config.market(marketId).notional(price, size);
        fill(timestamp, tradeId, marketId, price, size, value, takerSide, takerOrderId, takerAccountId, takerFee,
            Liquidity.TAKER);
        fill(timestamp, tradeId, marketId, price, size, value, takerSide.opposite(), makerOrderId, makerAccountId,
            makerFee, Liquidity.MAKER);
    }

    private void fill(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                      final long value, final Side side, final long orderId, final long accountId, final long fee,
                      final Liquidity liquidity) {
        final OrderRecord r = openOrders.get(orderId);
        r.filled += size;
        r.filledValue += value;
        r.fees += fee;
        r.updatedTime = timestamp;
        r.account.nextFill().set(tradeId, orderId, marketId, side, price, size, fee, liquidity, timestamp);
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        final OrderRecord r = openOrders.get(orderId);
        r.status = status;
        r.cancelReason = reason;
        r.updatedTime = timestamp;
        closed(r);
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        final OrderRecord r = openOrders.get(orderId);
        r.status = OrderStatus.REJECTED;
        r.rejectReason = reason;
        r.updatedTime = timestamp;
        closed(r);
    }

    /** Queues a newly closed order and drops the account's earliest-closed order beyond the retention. */
    private void closed(final OrderRecord r) {
        openOrders.remove(r);
        final AccountView view = r.account;
        view.closed(r);
        if (view.closedCount <= maxClosedOrders) {
            return;
        }
        final OrderRecord oldest = view.evictOldestClosed();
        if (oldest.clientOrderId.isPresent()) {
            final long key = oldest.clientOrderId.hash(oldest.accountId);
            if (clientIds.get(key) == oldest.orderId) {
                clientIds.remove(key);
            }
        }
        oldest.reset();
        freeRecords.add(oldest);
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        final long[] balances = account(accountId).balances;
        final int slot = balanceSlot(assetId, wallet);
        balances[slot] = available;
        balances[slot + 1] = hold;
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
    }

    @Override
    public void onCommandComplete(final Command command) {
        if (command.type == CommandType.LIST_ASSET || command.type == CommandType.LIST_MARKET) {
            listed(Listing.apply(config, command));
        }
    }

    // ------------------------------------------------------------------------------------------ snapshot

    @Override
    public String name() {
        return "accounts";
    }

    private static final int MAGIC = 0x56414D54; // "TMAV"
    private static final int VERSION = 1;

    /**
     * Writes every account (balances, retained order ids, closed count, fills oldest first) and every
     * retained order; the client id index is rebuilt from the orders on restore.
     */
    @Override
    public void writeSnapshot(final SnapshotOutput out) {
        out.putHeader(MAGIC, VERSION, config.fingerprint());
        out.putInt(accounts.size());
        final LongArrayList accountIds = new LongArrayList();
        accounts.keySet().forEach(accountIds::addLong);
        accountIds.sort(null);
        for (int a = 0; a < accountIds.size(); a++) {
            final AccountView view = accounts.get(accountIds.getLong(a));
            out.putLong(view.accountId);
            for (final long value : view.balances) {
                out.putLong(value);
            }
            out.putInt(view.orderCount);
            for (OrderRecord r = view.head; r != null; r = r.next) {
                r.writeTo(out);
            }
            out.putInt(view.closedCount);
            for (OrderRecord r = view.closedHead; r != null; r = r.nextClosed) {
                out.putLong(r.orderId);
            }
            out.putInt(view.fillCount);
            for (int i = 0; i < view.fillCount; i++) {
                view.fill(i).writeTo(out);
            }
        }
    }

    /** Replaces this (empty) view's state with a snapshot's. */
    @Override
    public void readSnapshot(final SnapshotInput in) {
        in.expectHeader(MAGIC, VERSION, config.fingerprint(), "account-views");
        if (!accounts.isEmpty()) {
            throw new IllegalStateException("restore into empty views only");
        }
        final int accountCount = in.getBounded(Integer.MAX_VALUE);
        final List<OrderRecord> restored = new ArrayList<>();
        for (int a = 0; a < accountCount; a++) {
            final AccountView view = account(in.getLong());
            for (int i = 0; i < view.balances.length; i++) {
                view.balances[i] = in.getLong();
            }
            final int orderCount = in.getBounded(Integer.MAX_VALUE);
            for (int i = 0; i < orderCount; i++) {
                final OrderRecord r = new OrderRecord().readFrom(in);
                if (r.isOpen()) {
                    openOrders.put(r);
                }
                view.append(r);
                restored.add(r);
            }
            final int closedCount = in.getBounded(orderCount);
            for (int i = 0; i < closedCount; i++) {
                final OrderRecord r = order(view.accountId, in.getLong());
                if (r == null || r.isOpen()) {
                    throw new SnapshotFormatException("closed-order queue of account " + view.accountId
                        + " names an order it does not hold closed");
                }
                view.closed(r);
            }
            if (view.closedCount >= maxClosedOrders && view.tail != null) {
                view.evictedCeiling = view.tail.orderId;
            }
            final int fillCount = in.getBounded(view.fills.length);
            for (int i = 0; i < fillCount; i++) {
                view.nextFill().readFrom(in);
            }
        }
        restored.sort((x, y) -> Long.compare(x.orderId, y.orderId));
        for (final OrderRecord r : restored) {
            if (r.clientOrderId.isPresent()) {
                clientIds.put(r.clientOrderId.hash(r.accountId), r.orderId);
            }
        }
        if (in.remaining() != 0) {
            throw new SnapshotFormatException(in.remaining() + " unexpected bytes after the account views");
        }
    }

    /** A digest of everything the views hold, to prove a restore or rebuild equal. Not for the hot path. */
    public long stateHash() {
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        writeSnapshot(out);
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        final byte[] bytes = out.toByteArray();
        crc.update(bytes);
        return ((long) bytes.length << 32) ^ crc.getValue();
    }
}
