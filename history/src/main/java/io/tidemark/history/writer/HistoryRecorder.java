package io.tidemark.history.writer;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.node.pipeline.ReadModel;
import io.tidemark.node.view.AccountViews;
import io.tidemark.node.view.FillRecord;
import io.tidemark.node.view.OrderRecord;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The history's read model: copies what each command changed (orders at their new state, fills, new
 * wallet totals) into a {@link Batch} and hands it on at the command's end. Registered after the
 * account views, whose records it copies as of each event. Holds no state of its own beyond the
 * command in progress, so its snapshot section is empty: the store records how far it got.
 *
 * <p>Not thread safe: owned by the view thread (or by the writer's journal catch-up, with its own engine).
 */
public final class HistoryRecorder implements ReadModel {
    /** The engine's fee account (receives every fee). */
    static final long FEE_ACCOUNT_ID = 0;
    private static final int MAGIC = 0x48495354; // "HIST"
    private static final int VERSION = 1;

    /** The effective configuration; grows with listings. */
    private ExchangeConfig config;
    private final AccountViews accounts;
    private final Consumer<Batch> sink;
    private final Long2ObjectHashMap<OrderRecord> orders = new Long2ObjectHashMap<>();
    private List<Batch.Fill> fills = new ArrayList<>();
    private List<Batch.Balance> balances = new ArrayList<>();
    private long time;
    // the trade whose settlement the next balance events report (0: none in this command yet)
    private long tradeId;
    private int tradeQuote;
    private long takerAccount;
    private long takerFee;
    private long makerAccount;
    private long makerFee;

    /** {@code sink} gets each command's batch at its end (only commands that changed the history). */
    public HistoryRecorder(final ExchangeConfig config, final AccountViews accounts, final Consumer<Batch> sink) {
        this.config = config;
        this.accounts = accounts;
        this.sink = sink;
    }

    @Override
    public void listed(final ExchangeConfig effective) {
        config = effective;
    }

    private void touched(final long accountId, final long orderId) {
        final OrderRecord live = accounts.order(accountId, orderId);
        if (live == null) {
            return;
        }
        OrderRecord copy = orders.get(orderId);
        if (copy == null) {
            copy = new OrderRecord();
            orders.put(orderId, copy);
        }
        copy.copyFrom(live);
    }

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
        time = timestamp;
        touched(order.accountId(), order.orderId());
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        time = timestamp;
        touched(accountId, orderId);
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        time = timestamp;
        touched(accountId, orderId);
    }

    @Override
    public void onTrade(final long timestamp, final long trade, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFeePaid,
                        final long makerOrderId, final long makerAccountId, final long makerFeePaid) {
        time = timestamp;
        tradeId = trade;
        tradeQuote = config.market(marketId).quote().id();
        takerAccount = takerAccountId;
        takerFee = takerFeePaid;
        makerAccount = makerAccountId;
        makerFee = makerFeePaid;
        fills.add(new Batch.Fill(takerAccountId, new FillRecord().set(trade, takerOrderId, marketId, takerSide, price,
            size, takerFeePaid, Liquidity.TAKER, timestamp)));
        fills.add(new Batch.Fill(makerAccountId, new FillRecord().set(trade, makerOrderId, marketId,
            takerSide.opposite(), price, size, makerFeePaid, Liquidity.MAKER, timestamp)));
        touched(takerAccountId, takerOrderId);
        touched(makerAccountId, makerOrderId);
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        time = timestamp;
        touched(accountId, orderId);
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        time = timestamp;
        touched(accountId, orderId);
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        time = timestamp;
        long fee = 0;
        boolean feeIncome = false;
        if (tradeId != 0 && assetId == tradeQuote) {
            if (accountId == takerAccount) {
                fee = takerFee;
            } else if (accountId == makerAccount) {
                fee = makerFee;
            } else if (accountId == FEE_ACCOUNT_ID) {
                feeIncome = true;
            }
        }
        balances.add(new Batch.Balance(accountId, assetId, wallet, available + hold, tradeId, fee, feeIncome, timestamp));
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
        if (!orders.isEmpty() || !fills.isEmpty() || !balances.isEmpty()) {
            final List<OrderRecord> touched = new ArrayList<>(orders.values());
            touched.sort((a, b) -> Long.compare(a.orderId(), b.orderId()));
            sink.accept(new Batch(command.sequence, time != 0 ? time : command.timestamp, command.type,
                command.resultId, false, touched, fills, balances));
            orders.clear();
            fills = new ArrayList<>();
            balances = new ArrayList<>();
        }
        completed(command.sequence);
        tradeId = 0;
        time = 0;
    }

    /** Called after every command, with or without a batch. */
    void completed(final long sequence) {
        if (sink instanceof HandOff handOff) {
            handOff.commandCompleted(sequence);
        }
    }

    /**
     * The history's model in a snapshot replica's set: it writes the same section (the store, not the
     * snapshot, records how far the history got) and is fed nothing, so following the journal costs nothing here.
     */
    public static HistoryRecorder replicaCopy(final ExchangeConfig config) {
        return new HistoryRecorder(config, null, null);
    }

    @Override
    public Set<Event> events() {
        return sink == null ? EnumSet.noneOf(Event.class) : EnumSet.allOf(Event.class);
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public void writeSnapshot(final SnapshotOutput out) {
        out.putHeader(MAGIC, VERSION, config.fingerprint());
    }

    @Override
    public void readSnapshot(final SnapshotInput in) {
        in.expectHeader(MAGIC, VERSION, config.fingerprint(), "history");
    }
}
