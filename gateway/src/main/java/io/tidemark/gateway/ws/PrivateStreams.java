package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.pipeline.ReadModel;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.view.AccountViews;
import io.tidemark.engine.view.OrderRecord;
import io.tidemark.gateway.api.ApiJson;
import io.tidemark.gateway.http.ApiException;
import io.tidemark.gateway.http.ErrorCode;
import io.tidemark.gateway.json.Json;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The private channels ({@code orders}, {@code fills}, {@code balances}) as a read model: every private
 * event of an account gets the account's next {@code seq}, is encoded once, kept (at least 24 h by
 * command time, at most a bounded number per account) for {@code since_seq} replay, and pushed to the
 * account's live subscribers. Being a read model it is snapshotted with the engine and rebuilt by
 * replay, so the numbering and the history continue across restarts.
 *
 * <p>What is published, per command: one {@code fill} per side of each trade as it happens; an
 * {@code order} with the order's full REST shape when it closes (filled, cancelled, rejected), and at
 * the end of the command for every order the command otherwise changed (accepted, triggered, amended,
 * partially filled) — so each order appears once per command, in its state after that command; and
 * one {@code balance} per asset whose wallets the command changed, at the end of the command.
 *
 * <p>Order state comes from a private {@link AccountViews} fed by this model itself, so what it reads
 * is the same live and in replay (the node feeds read models event by event live, model by model in
 * replay). Not thread safe: owned by the view thread.
 */
public final class PrivateStreams implements ReadModel {
    public static final long DEFAULT_RETENTION_NANOS = 24L * 3_600 * 1_000_000_000L;
    public static final int DEFAULT_EVENTS_PER_ACCOUNT = 10_000;
    private static final int MAGIC = 0x50535754; // "TWSP"
    private static final int VERSION = 1;
    private static final StreamChannel.Kind[] KINDS = StreamChannel.Kind.values();

    private final ExchangeConfig config;
    private final long retentionNanos;
    private final int eventsPerAccount;
    /** Open orders and balances, as this model's own copy (closed orders kept just long enough to render). */
    private final AccountViews orders;
    private final Long2ObjectHashMap<AccountStream> streams = new Long2ObjectHashMap<>();
    private final LongArrayList touchedOrders = new LongArrayList();
    private final LongArrayList touchedOrderAccounts = new LongArrayList();
    private final LongHashSet touchedOrderIds = new LongHashSet();
    private final LongArrayList touchedBalances = new LongArrayList();
    private final LongHashSet touchedBalanceKeys = new LongHashSet();
    private final long[][] wallets = new long[Wallet.values().length][2];

    /** One retained private message. */
    record Event(long seq, long time, StreamChannel.Kind channel, byte[] message) {
    }

    private static final class AccountStream {
        long lastSeq;
        /** The highest seq dropped by retention: replay from below it is no longer whole. */
        long evictedThrough;
        final ArrayDeque<Event> events = new ArrayDeque<>();
        final ArrayList<Subscription> subscribers = new ArrayList<>(2);
    }

    public PrivateStreams(final ExchangeConfig config) {
        this(config, DEFAULT_RETENTION_NANOS, DEFAULT_EVENTS_PER_ACCOUNT);
    }

    public PrivateStreams(final ExchangeConfig config, final long retentionNanos, final int eventsPerAccount) {
        this.config = config;
        this.retentionNanos = retentionNanos;
        this.eventsPerAccount = eventsPerAccount;
        this.orders = new AccountViews(config, 1, 1);
    }

    // ------------------------------------------------------------------------------------ subscribers

    /** Refuses a replay from before what is retained (view thread). */
    void checkReplay(final long accountId, final long sinceSeq) {
        final AccountStream stream = streams.get(accountId);
        if (sinceSeq >= 0 && stream != null && sinceSeq < stream.evictedThrough) {
            throw new ApiException(ErrorCode.SINCE_SEQ_UNAVAILABLE, "events after seq " + sinceSeq
                + " are no longer retained (oldest kept: " + (stream.evictedThrough + 1)
                + "); read the state over REST and subscribe without since_seq", "since_seq");
        }
    }

    /**
     * Replays the account's retained events after {@code sinceSeq} (none when negative) to the given
     * subscriptions in seq order, then delivers live events to them (view thread).
     */
    void subscribe(final long accountId, final java.util.List<Subscription> subscriptions, final long sinceSeq) {
        final AccountStream stream = stream(accountId);
        if (sinceSeq >= 0) {
            for (final Event event : stream.events) {
                if (event.seq > sinceSeq) {
                    for (final Subscription subscription : subscriptions) {
                        if (event.channel == subscription.channel.kind()) {
                            subscription.outbox.send(event.message);
                        }
                    }
                }
            }
        }
        PublicStreams.prune(stream.subscribers);
        stream.subscribers.addAll(subscriptions);
    }

    // ------------------------------------------------------------------------------------------ events

    @Override
    public void onOrderAccepted(final long timestamp, final OrderView order) {
        orders.onOrderAccepted(timestamp, order);
        touchOrder(order.orderId(), order.accountId());
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        orders.onOrderTriggered(timestamp, orderId, accountId, marketId);
        touchOrder(orderId, accountId);
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        orders.onOrderAmended(timestamp, orderId, accountId, marketId, price, size, filled, priorityKept);
        touchOrder(orderId, accountId);
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        orders.onTrade(timestamp, tradeId, marketId, price, size, takerSide, takerOrderId, takerAccountId, takerFee,
            makerOrderId, makerAccountId, makerFee);
        publish(makerAccountId, timestamp, StreamChannel.Kind.FILLS, "fill", ApiJson.fill(config, tradeId, makerOrderId,
            marketId, takerSide.opposite(), price, size, makerFee, Liquidity.MAKER, timestamp));
        publish(takerAccountId, timestamp, StreamChannel.Kind.FILLS, "fill", ApiJson.fill(config, tradeId, takerOrderId,
            marketId, takerSide, price, size, takerFee, Liquidity.TAKER, timestamp));
        touchOrder(makerOrderId, makerAccountId);
        touchOrder(takerOrderId, takerAccountId);
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        orders.onOrderClosed(timestamp, orderId, accountId, marketId, status, reason, filled);
        closed(timestamp, orderId, accountId);
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        orders.onOrderRejected(timestamp, orderId, accountId, marketId, reason);
        closed(timestamp, orderId, accountId);
    }

    /** A closed order is published at once: the copy keeps it only until the account's next close. */
    private void closed(final long timestamp, final long orderId, final long accountId) {
        if (touchedOrderIds.remove(orderId)) {
            final int at = touchedOrders.indexOf(orderId);
            touchedOrders.removeAt(at);
            touchedOrderAccounts.removeAt(at);
        }
        publishOrder(timestamp, orderId, accountId);
    }

    @Override
    public void onBalanceChanged(final long timestamp, final long accountId, final int assetId, final Wallet wallet,
                                 final long available, final long hold) {
        orders.onBalanceChanged(timestamp, accountId, assetId, wallet, available, hold);
        final long key = accountId * 1_024 + assetId;
        if (touchedBalanceKeys.add(key)) {
            touchedBalances.addLong(key);
        }
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
        final long now = command.timestamp;
        for (int i = 0; i < touchedOrders.size(); i++) {
            publishOrder(now, touchedOrders.getLong(i), touchedOrderAccounts.getLong(i));
        }
        touchedOrders.clear();
        touchedOrderAccounts.clear();
        touchedOrderIds.clear();
        for (int i = 0; i < touchedBalances.size(); i++) {
            final long key = touchedBalances.getLong(i);
            publishBalance(now, key / 1_024, (int) (key % 1_024));
        }
        touchedBalances.clear();
        touchedBalanceKeys.clear();
    }

    private void touchOrder(final long orderId, final long accountId) {
        if (touchedOrderIds.add(orderId)) {
            touchedOrders.addLong(orderId);
            touchedOrderAccounts.addLong(accountId);
        }
    }

    private void publishOrder(final long timestamp, final long orderId, final long accountId) {
        final OrderRecord order = orders.order(accountId, orderId);
        if (order != null) {
            publish(accountId, timestamp, StreamChannel.Kind.ORDERS, "order", ApiJson.order(config, order));
        }
    }

    private void publishBalance(final long timestamp, final long accountId, final int assetId) {
        final Asset asset = config.assets().get(assetId);
        for (final Wallet wallet : Wallet.values()) {
            wallets[wallet.ordinal()][0] = orders.available(accountId, assetId, wallet);
            wallets[wallet.ordinal()][1] = orders.hold(accountId, assetId, wallet);
        }
        publish(accountId, timestamp, StreamChannel.Kind.BALANCES, "balance", ApiJson.balance(asset, wallets));
    }

    /** Numbers, encodes once, retains and pushes one private message. */
    private void publish(final long accountId, final long timestamp, final StreamChannel.Kind channel,
                         final String type, final ObjectNode data) {
        final AccountStream stream = stream(accountId);
        final long seq = ++stream.lastSeq;
        final ObjectNode node = Json.object();
        node.put("channel", channel.name().toLowerCase());
        node.put("type", type);
        node.put("seq", seq);
        node.set("data", data);
        final byte[] message = Json.bytes(node);
        retain(stream, new Event(seq, timestamp, channel, message));
        final ArrayList<Subscription> subscribers = stream.subscribers;
        if (subscribers.isEmpty() || !PublicStreams.prune(subscribers)) {
            return;
        }
        for (int i = 0; i < subscribers.size(); i++) {
            final Subscription subscription = subscribers.get(i);
            if (subscription.channel.kind() == channel) {
                subscription.outbox.send(message);
            }
        }
    }

    /** Keeps the event and drops what is beyond the count bound or older than the retention (by command time). */
    private void retain(final AccountStream stream, final Event event) {
        stream.events.addLast(event);
        final long oldestKept = event.time - retentionNanos;
        Event head;
        while ((head = stream.events.peekFirst()) != null
            && (stream.events.size() > eventsPerAccount || head.time < oldestKept)) {
            stream.events.pollFirst();
            stream.evictedThrough = head.seq;
        }
    }

    private AccountStream stream(final long accountId) {
        AccountStream stream = streams.get(accountId);
        if (stream == null) {
            stream = new AccountStream();
            streams.put(accountId, stream);
        }
        return stream;
    }

    // ------------------------------------------------------------------------------------------ snapshot

    @Override
    public String name() {
        return "ws-private";
    }

    /** Every account's counters and retained events (ascending account id), then the order copy last. */
    @Override
    public void writeSnapshot(final SnapshotOutput out) {
        out.putInt(MAGIC).putInt(VERSION).putLong(config.fingerprint());
        final LongArrayList ids = new LongArrayList();
        streams.keySet().forEach(ids::addLong);
        ids.sort(null);
        out.putInt(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            final AccountStream stream = streams.get(ids.getLong(i));
            out.putLong(ids.getLong(i)).putLong(stream.lastSeq).putLong(stream.evictedThrough);
            out.putInt(stream.events.size());
            for (final Event event : stream.events) {
                out.putLong(event.seq).putLong(event.time).putByte(event.channel.ordinal())
                    .putString(new String(event.message, StandardCharsets.UTF_8));
            }
        }
        orders.writeSnapshot(out);
    }

    @Override
    public void readSnapshot(final SnapshotInput in) {
        if (in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new SnapshotFormatException("not a private-streams snapshot of this version");
        }
        if (in.getLong() != config.fingerprint()) {
            throw new SnapshotFormatException("private-streams snapshot was written under a different market configuration");
        }
        if (!streams.isEmpty()) {
            throw new IllegalStateException("restore into an empty model only");
        }
        final int accounts = in.getBounded(Integer.MAX_VALUE);
        for (int a = 0; a < accounts; a++) {
            final AccountStream stream = stream(in.getLong());
            stream.lastSeq = in.getLong();
            stream.evictedThrough = in.getLong();
            final int count = in.getBounded(Integer.MAX_VALUE);
            for (int i = 0; i < count; i++) {
                final long seq = in.getLong();
                final long time = in.getLong();
                final int code = in.getByte();
                if (code < 0 || code >= KINDS.length) {
                    throw new SnapshotFormatException("bad private channel code " + code);
                }
                final StreamChannel.Kind kind = KINDS[code];
                stream.events.addLast(new Event(seq, time, kind, in.getString().getBytes(StandardCharsets.UTF_8)));
            }
            // a smaller bound on restart applies from the next event on, as with any retention change
        }
        orders.readSnapshot(in);
    }
}
