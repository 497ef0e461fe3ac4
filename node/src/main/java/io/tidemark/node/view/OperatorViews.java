package io.tidemark.node.view;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.node.pipeline.ReadModel;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the operator reads: every withdrawal with its status, and per asset the money that came in
 * (deposits, sandbox starting balances and faucet payments alike) and went out (completed
 * withdrawals), counted from the accepted commands. Against the balances of {@link AccountViews} these
 * totals give the solvency sum, which must come out exactly zero; and each market's fees now (the
 * configured ones until an operator changes them). Withdrawals are rare: plain maps.
 *
 * <p>Not thread safe: owned by the view thread, except {@link #config()}, which any thread may read.
 */
public final class OperatorViews implements ReadModel {
    private static final int MAGIC = 0x504F4D54; // "TMOP"
    private static final int VERSION_1 = 1;
    /** Adds each market's current maker and taker fees after the withdrawals. */
    private static final int VERSION_2 = 2;

    /** The effective configuration as of the last command through the views; published for every thread. */
    private volatile ExchangeConfig config;
    private final TreeMap<Long, WithdrawalRecord> withdrawals = new TreeMap<>();
    private long[] deposited;
    private long[] withdrawn;
    private int[] makerFees;
    private int[] takerFees;

    public OperatorViews(final ExchangeConfig config) {
        this.config = config;
        this.deposited = new long[config.assets().size()];
        this.withdrawn = new long[config.assets().size()];
        this.makerFees = new int[config.markets().size()];
        this.takerFees = new int[config.markets().size()];
        configuredFees();
    }

    /**
     * The configured assets and markets and those listed since, as of the last command the views saw:
     * a request answered after a listing finds it here. Safe to read from any thread.
     */
    public ExchangeConfig config() {
        return config;
    }

    @Override
    public void listed(final ExchangeConfig effective) {
        final int markets = makerFees.length;
        deposited = java.util.Arrays.copyOf(deposited, effective.assets().size());
        withdrawn = java.util.Arrays.copyOf(withdrawn, effective.assets().size());
        makerFees = java.util.Arrays.copyOf(makerFees, effective.markets().size());
        takerFees = java.util.Arrays.copyOf(takerFees, effective.markets().size());
        for (final Market m : effective.markets().subList(markets, effective.markets().size())) {
            makerFees[m.id()] = m.makerFeeBps();
            takerFees[m.id()] = m.takerFeeBps();
        }
        config = effective;
    }

    private void configuredFees() {
        config.markets().forEach(m -> {
            makerFees[m.id()] = m.makerFeeBps();
            takerFees[m.id()] = m.takerFeeBps();
        });
    }

    /** The maker fee (bps) a new order on the market pays. */
    public int makerFeeBps(final int marketId) {
        return makerFees[marketId];
    }

    /** The taker fee (bps) a new order on the market pays. */
    public int takerFeeBps(final int marketId) {
        return takerFees[marketId];
    }

    /** Everything deposited of an asset (minor units). */
    public long deposited(final int assetId) {
        return deposited[assetId];
    }

    /** Everything that left by a completed withdrawal. */
    public long withdrawn(final int assetId) {
        return withdrawn[assetId];
    }

    public WithdrawalRecord withdrawal(final long id) {
        return withdrawals.get(id);
    }

    /** Up to {@code limit} withdrawals with ids below {@code beforeId} (0: from the newest), newest first; {@code status} null for all. */
    public List<WithdrawalRecord> withdrawals(final WithdrawalStatus status, final long beforeId, final int limit) {
        final List<WithdrawalRecord> out = new ArrayList<>(Math.min(limit, 64));
        for (final WithdrawalRecord w : (beforeId > 0 ? withdrawals.headMap(beforeId, false) : withdrawals)
            .descendingMap().values()) {
            if (out.size() == limit) {
                break;
            }
            if (status == null || w.status() == status) {
                out.add(w);
            }
        }
        return out;
    }

    @Override
    public void onCommandComplete(final Command c) {
        if (c.result != ResultCode.ACCEPTED) {
            return;
        }
        switch (c.type) {
            case DEPOSIT, FAUCET -> deposited[c.assetId] += c.amount;
            case WITHDRAW -> {
                withdrawn[c.assetId] += c.amount;
                withdrawals.put(c.resultId, new WithdrawalRecord(c.resultId, c.accountId, c.assetId, c.amount,
                    WithdrawalStatus.COMPLETED, c.timestamp, c.timestamp));
            }
            case REQUEST_WITHDRAWAL -> withdrawals.put(c.resultId, new WithdrawalRecord(c.resultId, c.accountId,
                c.assetId, c.amount, WithdrawalStatus.PENDING, c.timestamp, c.timestamp));
            case COMPLETE_WITHDRAWAL -> {
                final WithdrawalRecord w = settle(c, WithdrawalStatus.COMPLETED);
                withdrawn[w.assetId()] += w.amount();
            }
            case REJECT_WITHDRAWAL -> settle(c, WithdrawalStatus.REJECTED);
            case SET_MARKET_FEES -> {
                makerFees[c.marketId] = c.makerFeeBps;
                takerFees[c.marketId] = c.takerFeeBps;
            }
            case LIST_ASSET, LIST_MARKET -> listed(Listing.apply(config, c));
            case PLACE_ORDER, CANCEL_ORDER, CANCEL_ALL, AMEND_ORDER, TRANSFER, SET_MARKET_STATUS, FREEZE_ACCOUNT,
                 UNFREEZE_ACCOUNT -> {
            }
        }
    }

    private WithdrawalRecord settle(final Command c, final WithdrawalStatus status) {
        final WithdrawalRecord pending = withdrawals.get(c.withdrawalId);
        if (pending == null) {
            throw new IllegalStateException("the engine settled withdrawal " + c.withdrawalId + " the views never saw");
        }
        final WithdrawalRecord settled = pending.settled(status, c.timestamp);
        withdrawals.put(settled.id(), settled);
        return settled;
    }

    @Override
    public String name() {
        return "operator";
    }

    @Override
    public void writeSnapshot(final SnapshotOutput out) {
        out.putHeader(MAGIC, VERSION_2, config.fingerprint());
        for (int asset = 0; asset < deposited.length; asset++) {
            out.putLong(deposited[asset]).putLong(withdrawn[asset]);
        }
        out.putInt(withdrawals.size());
        for (final WithdrawalRecord w : withdrawals.values()) {
            out.putLong(w.id()).putLong(w.accountId()).putInt(w.assetId()).putLong(w.amount())
                .putByte(w.status().code()).putLong(w.createdTime()).putLong(w.updatedTime());
        }
        for (int market = 0; market < makerFees.length; market++) {
            out.putInt(makerFees[market]).putInt(takerFees[market]);
        }
    }

    @Override
    public void readSnapshot(final SnapshotInput in) {
        final int version = in.expectHeader(MAGIC, VERSION_1, VERSION_2, config.fingerprint(), "operator-views");
        for (int asset = 0; asset < deposited.length; asset++) {
            deposited[asset] = in.getLong();
            withdrawn[asset] = in.getLong();
        }
        final int count = in.getBounded(Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            final WithdrawalRecord w = new WithdrawalRecord(in.getLong(), in.getLong(), in.getBounded(deposited.length - 1),
                in.getLong(), WithdrawalStatus.fromCode(in.getByte()), in.getLong(), in.getLong());
            withdrawals.put(w.id(), w);
        }
        if (version >= VERSION_2) {
            for (int market = 0; market < makerFees.length; market++) {
                makerFees[market] = in.getBounded(Market.MAX_FEE_BPS);
                takerFees[market] = in.getBounded(Market.MAX_FEE_BPS);
            }
        } else {
            configuredFees();
        }
        if (in.remaining() != 0) {
            throw new SnapshotFormatException(in.remaining() + " unexpected bytes after the operator views");
        }
    }

    // the operator's figures come from commands alone; the events carry nothing more for them

    /** Command ends only: the fan-out spares it every other event. */
    @Override
    public Set<Event> events() {
        return EnumSet.of(Event.COMMAND_COMPLETE);
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
    }

    @Override
    public void onLevelChanged(final long timestamp, final int marketId, final Side side, final long price,
                               final long totalSize, final int orderCount) {
    }

    @Override
    public void onMarketStatusChanged(final long timestamp, final int marketId, final MarketStatus status) {
    }
}
