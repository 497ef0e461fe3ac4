package io.tidemark.gateway.ws;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.pipeline.ReadModel;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.view.AccountViews;
import io.tidemark.engine.view.FillRecord;
import io.tidemark.engine.view.OrderRecord;
import io.tidemark.gateway.api.ApiJson;
import io.tidemark.gateway.http.ApiException;
import io.tidemark.gateway.http.ErrorCode;
import io.tidemark.gateway.json.Json;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.util.ArrayDeque;
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
 * <p>Order state comes from a private {@link AccountViews} fed by this model itself, so what it reads
 * is the same live and in replay (the node feeds read models event by event live, model by model in
 * replay). Not thread safe: owned by the view thread.
 */
public final class PrivateStreams implements ReadModel {
    public static final long DEFAULT_RETENTION_NANOS = 24L * 3_600 * 1_000_000_000L;
    public static final int DEFAULT_EVENTS_PER_ACCOUNT = 10_000;
    private static final int MAGIC = 0x50535754; // "TWSP"
    /** 2: events kept compact (1 kept them as JSON text; such a snapshot is skipped and the journal replayed). */
    private static final int VERSION = 2;
    private static final StreamChannel.Kind[] KINDS = StreamChannel.Kind.values();
    private static final String[] CHANNEL_NAMES = new String[KINDS.length];

    static {
        for (final StreamChannel.Kind kind : KINDS) {
            CHANNEL_NAMES[kind.ordinal()] = kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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

    /**
     * One retained private event, kept compact: its JSON is written only when a subscriber or a
     * {@code since_seq} replay reads it. Rendering every event as it happened, for accounts nobody
     * watched, was the largest cost of the view thread in the REST benchmark's profile.
     */
    abstract static sealed class Event permits OrderEvent, FillEvent, BalanceEvent {
        final long seq;
        final long time;

        Event(final long seq, final long time) {
            this.seq = seq;
            this.time = time;
        }

        abstract StreamChannel.Kind channel();

        abstract String type();

        abstract void writeData(JsonGenerator out, ExchangeConfig config) throws IOException;

        abstract void writePayload(SnapshotOutput out);

        /** {@code {"channel", "type", "seq", "data"}}, as sent. */
        final byte[] message(final ExchangeConfig config) {
            return Json.bytes(out -> {
                out.writeStartObject();
                out.writeStringField("channel", CHANNEL_NAMES[channel().ordinal()]);
                out.writeStringField("type", type());
                out.writeNumberField("seq", seq);
                out.writeFieldName("data");
                writeData(out, config);
                out.writeEndObject();
            });
        }
    }

    /** An order in its state after the command. */
    static final class OrderEvent extends Event {
        final OrderRecord order;

        OrderEvent(final long seq, final long time, final OrderRecord order) {
            super(seq, time);
            this.order = order;
        }

        @Override
        StreamChannel.Kind channel() {
            return StreamChannel.Kind.ORDERS;
        }

        @Override
        String type() {
            return "order";
        }

        @Override
        void writeData(final JsonGenerator out, final ExchangeConfig config) throws IOException {
            ApiJson.writeOrder(out, config, order);
        }

        @Override
        void writePayload(final SnapshotOutput out) {
            order.writeTo(out);
        }
    }

    /** One side of a trade. */
    static final class FillEvent extends Event {
        final FillRecord fill;

        FillEvent(final long seq, final long time, final FillRecord fill) {
            super(seq, time);
            this.fill = fill;
        }

        @Override
        StreamChannel.Kind channel() {
            return StreamChannel.Kind.FILLS;
        }

        @Override
        String type() {
            return "fill";
        }

        @Override
        void writeData(final JsonGenerator out, final ExchangeConfig config) throws IOException {
            ApiJson.writeFill(out, config, fill);
        }

        @Override
        void writePayload(final SnapshotOutput out) {
            fill.writeTo(out);
        }
    }

    /** One asset's wallets after the command. */
    static final class BalanceEvent extends Event {
        final int assetId;
        final long[] wallets;

        BalanceEvent(final long seq, final long time, final int assetId, final long[] wallets) {
            super(seq, time);
            this.assetId = assetId;
            this.wallets = wallets;
        }

        @Override
        StreamChannel.Kind channel() {
            return StreamChannel.Kind.BALANCES;
        }

        @Override
        String type() {
            return "balance";
        }

        @Override
        void writeData(final JsonGenerator out, final ExchangeConfig config) throws IOException {
            ApiJson.writeBalance(out, config.assets().get(assetId), wallets);
        }

        @Override
        void writePayload(final SnapshotOutput out) {
            out.putInt(assetId);
            for (final long value : wallets) {
                out.putLong(value);
            }
        }
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
                    byte[] message = null;
                    for (final Subscription subscription : subscriptions) {
                        if (event.channel() == subscription.channel.kind()) {
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
        final AccountStream maker = stream(makerAccountId);
        publish(maker, new FillEvent(maker.lastSeq + 1, timestamp, new FillRecord().set(tradeId, makerOrderId, marketId,
            takerSide.opposite(), price, size, makerFee, Liquidity.MAKER, timestamp)));
        final AccountStream taker = stream(takerAccountId);
        publish(taker, new FillEvent(taker.lastSeq + 1, timestamp, new FillRecord().set(tradeId, takerOrderId, marketId,
            takerSide, price, size, takerFee, Liquidity.TAKER, timestamp)));
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
            final AccountStream stream = stream(accountId);
            publish(stream, new OrderEvent(stream.lastSeq + 1, timestamp, new OrderRecord().copyFrom(order)));
        }
    }

    private void publishBalance(final long timestamp, final long accountId, final int assetId) {
        final long[] wallets = ApiJson.newWallets();
        for (final Wallet wallet : Wallet.values()) {
            wallets[2 * wallet.ordinal()] = orders.available(accountId, assetId, wallet);
            wallets[2 * wallet.ordinal() + 1] = orders.hold(accountId, assetId, wallet);
        }
        final AccountStream stream = stream(accountId);
        publish(stream, new BalanceEvent(stream.lastSeq + 1, timestamp, assetId, wallets));
    }

    /** Numbers, retains and pushes one private event; it is encoded only if someone subscribed (once for all). */
    private void publish(final AccountStream stream, final Event event) {
        stream.lastSeq = event.seq;
        retain(stream, event);
        final ArrayList<Subscription> subscribers = stream.subscribers;
        if (subscribers.isEmpty() || !PublicStreams.prune(subscribers)) {
            return;
        }
        byte[] message = null;
        for (int i = 0; i < subscribers.size(); i++) {
            final Subscription subscription = subscribers.get(i);
            if (subscription.channel.kind() == event.channel()) {
                if (message == null) {
                    message = event.message(config);
                }
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
                out.putLong(event.seq).putLong(event.time).putByte(event.channel().ordinal());
                event.writePayload(out);
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
                stream.events.addLast(switch (KINDS[code]) {
                    case ORDERS -> new OrderEvent(seq, time, new OrderRecord().readFrom(in));
                    case FILLS -> new FillEvent(seq, time, new FillRecord().readFrom(in));
                    case BALANCES -> {
                        final int assetId = in.getBounded(config.assets().size() - 1);
                        final long[] wallets = ApiJson.newWallets();
                        for (int w = 0; w < wallets.length; w++) {
                            wallets[w] = in.getLong();
                        }
                        yield new BalanceEvent(seq, time, assetId, wallets);
                    }
                    default -> throw new SnapshotFormatException("bad private channel code " + code);
                });
            }
            // a smaller bound on restart applies from the next event on, as with any retention change
        }
        orders.readSnapshot(in);
    }
}
