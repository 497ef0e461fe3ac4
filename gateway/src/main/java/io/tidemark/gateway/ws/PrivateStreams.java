package io.tidemark.gateway.ws;

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
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.gateway.api.ApiJson;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.json.Json;
import io.tidemark.node.pipeline.ReadModel;
import io.tidemark.node.view.AccountViews;
import io.tidemark.node.view.FillRecord;
import io.tidemark.node.view.OrderRecord;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;

/**
 * The private channels ({@code orders}, {@code fills}, {@code balances}) as a read model: every private
 * event of an account gets the account's next {@code seq}, is kept compact (at least 24 h by command
 * time, at most a bounded number per account) for {@code since_seq} replay, and pushed to the
 * account's live subscribers, encoded once for all of them and only if there are any. Being a read
 * model it is snapshotted with the engine and rebuilt by replay, so the numbering and the history
 * continue across restarts.
 *
 * <p>What is published, per command: one {@code fill} per side of each trade as it happens; an
 * {@code order} with the order's full REST shape when it closes (filled, cancelled, rejected), and at
 * the end of the command for every order the command otherwise changed (accepted, triggered, amended,
 * partially filled) — so each order appears once per command, in its state after that command; and
 * one {@code balance} per asset whose wallets the command changed, at the end of the command.
 *
 * <p>Orders and balances are read from the node's {@link AccountViews}, which the node hands every
 * event before this model, live and in recovery replay alike ({@code FanOut}); what an event shows is
 * copied into its retained slot as it happens, so a later replay renders it as it was. Not thread safe:
 * owned by the view thread.
 */
public final class PrivateStreams implements ReadModel {
    public static final long DEFAULT_RETENTION_NANOS = 24L * 3_600 * 1_000_000_000L;
    public static final int DEFAULT_EVENTS_PER_ACCOUNT = 10_000;
    private static final int MAGIC = 0x50535754; // "TWSP"
    /**
     * 3: the events only (2 ended with this model's own copy of the account views, 1 kept events as JSON
     * text; a snapshot with either is skipped and the journal replayed).
     */
    private static final int VERSION = 3;
    private static final StreamChannel.Kind[] KINDS = StreamChannel.Kind.values();
    private static final Wallet[] WALLETS = Wallet.values();
    private static final String[] CHANNEL_NAMES = new String[KINDS.length];

    private static final String[] TYPES = new String[KINDS.length];

    static {
        for (final StreamChannel.Kind kind : KINDS) {
            CHANNEL_NAMES[kind.ordinal()] = kind.name().toLowerCase(java.util.Locale.ROOT);
        }
        TYPES[StreamChannel.Kind.ORDERS.ordinal()] = "order";
        TYPES[StreamChannel.Kind.FILLS.ordinal()] = "fill";
        TYPES[StreamChannel.Kind.BALANCES.ordinal()] = "balance";
    }

    /** The effective configuration; grows with listings. */
    private ExchangeConfig config;
    private final long retentionNanos;
    private final int eventsPerAccount;
    private final AccountViews accounts;
    private final Long2ObjectHashMap<AccountStream> streams = new Long2ObjectHashMap<>();
    private final LongArrayList touchedOrders = new LongArrayList();
    private final LongArrayList touchedOrderAccounts = new LongArrayList();
    private final LongHashSet touchedOrderIds = new LongHashSet();
    private final LongArrayList touchedBalances = new LongArrayList();
    private final LongHashSet touchedBalanceKeys = new LongHashSet();

    /**
     * One retained private event, kept compact and reused: its JSON is written only when a subscriber
     * or a {@code since_seq} replay reads it, and the slot (with the order, fill or balance it holds)
     * takes a later event once this one is evicted. Rendering every event as it happened, for accounts
     * nobody watched, was the largest cost of the view thread in the REST benchmark's profile; keeping a
     * new object per event for its seconds-to-hours of retention made the young collections copy the
     * whole window (pauses of 14-21 ms against 2-5 ms with the window cut to 100 events).
     */
    static final class Event {
        long seq;
        long time;
        StreamChannel.Kind channel;
        private OrderRecord order;
        private FillRecord fill;
        private int assetId;
        private long[] wallets;

        OrderRecord order() {
            return order != null ? order : (order = new OrderRecord());
        }

        FillRecord fill() {
            return fill != null ? fill : (fill = new FillRecord());
        }

        long[] wallets() {
            return wallets != null ? wallets : (wallets = ApiJson.newWallets());
        }

        /** {@code {"channel", "type", "seq", "data"}}, as sent. */
        byte[] message(final ExchangeConfig config) {
            return Json.bytes(out -> {
                out.writeStartObject();
                out.writeStringField("channel", CHANNEL_NAMES[channel.ordinal()]);
                out.writeStringField("type", TYPES[channel.ordinal()]);
                out.writeNumberField("seq", seq);
                out.writeFieldName("data");
                switch (channel) {
                    case ORDERS -> ApiJson.writeOrder(out, config, order);
                    case FILLS -> ApiJson.writeFill(out, config, fill);
                    case BALANCES -> ApiJson.writeBalance(out, config.assets().get(assetId), wallets);
                    default -> throw new IllegalStateException("not a private channel: " + channel);
                }
                out.writeEndObject();
            });
        }

        void writeTo(final SnapshotOutput out) {
            out.putLong(seq).putLong(time).putByte(channel.code());
            switch (channel) {
                case ORDERS -> order.writeTo(out);
                case FILLS -> fill.writeTo(out);
                case BALANCES -> {
                    out.putInt(assetId);
                    for (final long value : wallets) {
                        out.putLong(value);
                    }
                }
                default -> throw new IllegalStateException("not a private channel: " + channel);
            }
        }

        void readFrom(final SnapshotInput in, final ExchangeConfig config) {
            seq = in.getLong();
            time = in.getLong();
            final int code = in.getByte();
            final StreamChannel.Kind kind = StreamChannel.Kind.fromCode(code);
            if (kind == null || !kind.isPrivate()) {
                throw new SnapshotFormatException("bad private channel code " + code);
            }
            channel = kind;
            switch (channel) {
                case ORDERS -> order().readFrom(in);
                case FILLS -> fill().readFrom(in);
                default -> {
                    assetId = in.getBounded(config.assets().size() - 1);
                    final long[] values = wallets();
                    for (int w = 0; w < values.length; w++) {
                        values[w] = in.getLong();
                    }
                }
            }
        }
    }

    /** One account's numbering, retained events (a ring of reused slots, oldest first) and subscribers. */
    private static final class AccountStream {
        long lastSeq;
        /** The highest seq dropped by retention: replay from below it is no longer whole. */
        long evictedThrough;
        private static final int MIN_RING = 8;
        private Event[] ring = new Event[MIN_RING];
        private int head;
        private int size;
        final ArrayList<Subscription> subscribers = new ArrayList<>(2);

        int size() {
            return size;
        }

        private void resize(final int length) {
            final Event[] resized = new Event[Math.max(length, MIN_RING)];
            for (int i = 0; i < size; i++) {
                resized[i] = get(i);
            }
            ring = resized;
            head = 0;
        }

        /** The i-th retained event, oldest first. */
        Event get(final int i) {
            return ring[(head + i) % ring.length];
        }

        /** Drops what is beyond {@code keep - 1} events or older than {@code oldestKept}, then returns the slot after the newest. */
        Event append(final int keep, final long oldestKept) {
            while (size > 0 && (size >= keep || ring[head].time < oldestKept)) {
                evictedThrough = ring[head].seq;
                head = (head + 1) % ring.length;
                size--;
            }
            if (size == ring.length) {
                resize((int) Math.min((long) ring.length * 2, Math.max(keep, MIN_RING)));
            } else if (ring.length > MIN_RING * 8 && size < ring.length / 4) {
                // an account past its busy spell gives back the slots (and the records they hold)
                resize(ring.length / 2);
            }
            final int at = (head + size) % ring.length;
            if (ring[at] == null) {
                ring[at] = new Event();
            }
            size++;
            return ring[at];
        }
    }

    /** Reads {@code accounts}, which must be fed each event before this model (the node's account views). */
    public PrivateStreams(final ExchangeConfig config, final AccountViews accounts) {
        this(config, accounts, DEFAULT_RETENTION_NANOS, DEFAULT_EVENTS_PER_ACCOUNT);
    }

    public PrivateStreams(final ExchangeConfig config, final AccountViews accounts, final long retentionNanos,
                          final int eventsPerAccount) {
        this.config = config;
        this.accounts = accounts;
        this.retentionNanos = retentionNanos;
        this.eventsPerAccount = eventsPerAccount;
    }

    // ------------------------------------------------------------------------------------ subscribers

    /** Event slots the account's ring holds, used or free (for tests of the memory bound). */
    int slots(final long accountId) {
        final AccountStream stream = streams.get(accountId);
        return stream == null ? 0 : stream.ring.length;
    }

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
            for (int i = 0; i < stream.size(); i++) {
                final Event event = stream.get(i);
                if (event.seq > sinceSeq) {
                    byte[] message = null;
                    for (final Subscription subscription : subscriptions) {
                        if (event.channel == subscription.channel.kind()) {
                            if (message == null) {
                                message = event.message(config);
                            }
                            subscription.outbox.send(message);
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
        touchOrder(order.orderId(), order.accountId());
    }

    @Override
    public void onOrderTriggered(final long timestamp, final long orderId, final long accountId, final int marketId) {
        touchOrder(orderId, accountId);
    }

    @Override
    public void onOrderAmended(final long timestamp, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean priorityKept) {
        touchOrder(orderId, accountId);
    }

    @Override
    public void onTrade(final long timestamp, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        final AccountStream maker = stream(makerAccountId);
        final Event makerFill = next(maker, timestamp, StreamChannel.Kind.FILLS);
        makerFill.fill().set(tradeId, makerOrderId, marketId, takerSide.opposite(), price, size, makerFee,
            Liquidity.MAKER, timestamp);
        publish(maker, makerFill);
        final AccountStream taker = stream(takerAccountId);
        final Event takerFill = next(taker, timestamp, StreamChannel.Kind.FILLS);
        takerFill.fill().set(tradeId, takerOrderId, marketId, takerSide, price, size, takerFee, Liquidity.TAKER,
            timestamp);
        publish(taker, takerFill);
        touchOrder(makerOrderId, makerAccountId);
        touchOrder(takerOrderId, takerAccountId);
    }

    @Override
    public void onOrderClosed(final long timestamp, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        closed(timestamp, orderId, accountId);
    }

    @Override
    public void onOrderRejected(final long timestamp, final long orderId, final long accountId, final int marketId,
                                final ResultCode reason) {
        closed(timestamp, orderId, accountId);
    }

    /** A closed order is published at its close, while the account views hold it (they keep the latest closed only). */
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
    public void listed(final ExchangeConfig effective) {
        config = effective;
    }

    @Override
    public void onCommandComplete(final Command command) {
        if (command.type == CommandType.LIST_ASSET || command.type == CommandType.LIST_MARKET) {
            listed(Listing.apply(config, command));
        }
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
        final OrderRecord order = accounts.order(accountId, orderId);
        if (order != null) {
            final AccountStream stream = stream(accountId);
            final Event event = next(stream, timestamp, StreamChannel.Kind.ORDERS);
            event.order().copyFrom(order);
            publish(stream, event);
        }
    }

    private void publishBalance(final long timestamp, final long accountId, final int assetId) {
        final AccountStream stream = stream(accountId);
        final Event event = next(stream, timestamp, StreamChannel.Kind.BALANCES);
        event.assetId = assetId;
        final long[] wallets = event.wallets();
        for (final Wallet wallet : WALLETS) {
            wallets[2 * wallet.code()] = accounts.available(accountId, assetId, wallet);
            wallets[2 * wallet.code() + 1] = accounts.hold(accountId, assetId, wallet);
        }
        publish(stream, event);
    }

    /**
     * The account's next event, numbered and retained (the oldest dropped beyond the count bound or the
     * retention by command time); the caller fills in its payload, then {@link #publish}es it.
     */
    private Event next(final AccountStream stream, final long timestamp, final StreamChannel.Kind channel) {
        final Event event = stream.append(eventsPerAccount, timestamp - retentionNanos);
        event.seq = ++stream.lastSeq;
        event.time = timestamp;
        event.channel = channel;
        return event;
    }

    /** Pushes one private event to the account's subscribers: encoded only if there are any, once for all. */
    private void publish(final AccountStream stream, final Event event) {
        final ArrayList<Subscription> subscribers = stream.subscribers;
        if (subscribers.isEmpty() || !PublicStreams.prune(subscribers)) {
            return;
        }
        byte[] message = null;
        for (int i = 0; i < subscribers.size(); i++) {
            final Subscription subscription = subscribers.get(i);
            if (subscription.channel.kind() == event.channel) {
                if (message == null) {
                    message = event.message(config);
                }
                subscription.outbox.send(message);
            }
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

    /** Every account's counters and retained events, by ascending account id. */
    @Override
    public void writeSnapshot(final SnapshotOutput out) {
        out.putHeader(MAGIC, VERSION, config.fingerprint());
        final LongArrayList ids = new LongArrayList();
        streams.keySet().forEach(ids::addLong);
        ids.sort(null);
        out.putInt(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            final AccountStream stream = streams.get(ids.getLong(i));
            out.putLong(ids.getLong(i)).putLong(stream.lastSeq).putLong(stream.evictedThrough);
            out.putInt(stream.size());
            for (int e = 0; e < stream.size(); e++) {
                stream.get(e).writeTo(out);
            }
        }
    }

    @Override
    public void readSnapshot(final SnapshotInput in) {
        in.expectHeader(MAGIC, VERSION, config.fingerprint(), "private-streams");
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
                stream.append(Integer.MAX_VALUE, Long.MIN_VALUE).readFrom(in, config);
            }
            // a smaller bound on restart applies from the next event on, as with any retention change
        }
        if (in.remaining() != 0) {
            throw new SnapshotFormatException(in.remaining() + " unexpected bytes after the private streams");
        }
    }
}
