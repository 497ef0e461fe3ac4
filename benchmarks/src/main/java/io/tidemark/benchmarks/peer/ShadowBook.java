package io.tidemark.benchmarks.peer;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.peer.workload.TradeDigest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A copy of one market's resting book, queue order included, rebuilt from the engine's events while the
 * workload generator drives the engine. The generator needs what the engine does not expose: which
 * resting orders a taker would meet, in priority order (to keep self-trades out of the stream), a
 * uniformly random live order, and the k-th oldest live order.
 *
 * <p>An order accepted (or re-queued by a price amend) in a command rests, if still open, at the end of
 * that command, behind everything already at its price; that is where the engine puts it, since no
 * other order rests later within the same command in these workloads (no stops). Generation only: it
 * allocates freely. Not thread safe.
 */
final class ShadowBook implements EngineListener {
    static final class Order {
        final long id;
        final long account;
        final Side side;
        long price;
        long size;
        long filled;
        Order prev;
        Order next;
        Level level;
        int denseIndex = -1;

        Order(final long id, final long account, final Side side, final long price, final long size) {
            this.id = id;
            this.account = account;
            this.side = side;
            this.price = price;
            this.size = size;
        }

        long remaining() {
            return size - filled;
        }

        boolean resting() {
            return level != null;
        }
    }

    static final class Level {
        final long price;
        Order head;
        Order tail;
        int count;

        Level(final long price) {
            this.price = price;
        }
    }

    private final TreeMap<Long, Level> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, Level> asks = new TreeMap<>();
    private final Map<Long, Order> open = new HashMap<>();
    private Order[] resting = new Order[1 << 12];
    private int restingCount;
    private final OldestFirst byAge = new OldestFirst();
    private Order pending;

    final TradeDigest digest = new TradeDigest();
    long trades;
    long lastTradePrice;
    long selfTradeCancels;
    ResultCode lastResult;

    // ------------------------------------------------------------------------------------------ queries

    int restingCount() {
        return restingCount;
    }

    int restingCount(final Side side) {
        int n = 0;
        for (final Level level : book(side).values()) {
            n += level.count;
        }
        return n;
    }

    int levels(final Side side) {
        return book(side).size();
    }

    /** Best resting price of one side, or 0 when it is empty. */
    long best(final Side side) {
        final TreeMap<Long, Level> book = book(side);
        return book.isEmpty() ? 0 : book.firstKey();
    }

    Order resting(final int denseIndex) {
        return resting[denseIndex];
    }

    /** The {@code k}-th oldest resting order (0-based) by order id, i.e. by first placement. */
    Order oldest(final int k) {
        return open.get(byAge.kth(k));
    }

    /**
     * Whether a taker of {@code account} buying or selling {@code size} lots, limited at {@code limit}
     * (0 for a market order), would reach one of the account's own resting orders before it is filled:
     * the engine's self-trade prevention would then cancel it, and an engine without it would trade.
     */
    boolean wouldMeetOwn(final long account, final Side side, final long limit, final long size) {
        long need = size;
        for (final Level level : book(side.opposite()).values()) {
            if (limit != 0 && (side == Side.BUY ? level.price > limit : level.price < limit)) {
                return false;
            }
            for (Order maker = level.head; maker != null; maker = maker.next) {
                if (maker.account == account) {
                    return true;
                }
                need -= maker.remaining();
                if (need <= 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private TreeMap<Long, Level> book(final Side side) {
        return side == Side.BUY ? bids : asks;
    }

    // ----------------------------------------------------------------------------------- maintenance

    private void rest(final Order order) {
        final Level level = book(order.side).computeIfAbsent(order.price, Level::new);
        order.level = level;
        order.prev = level.tail;
        order.next = null;
        if (level.tail == null) {
            level.head = order;
        } else {
            level.tail.next = order;
        }
        level.tail = order;
        level.count++;
        if (restingCount == resting.length) {
            resting = Arrays.copyOf(resting, restingCount * 2);
        }
        order.denseIndex = restingCount;
        resting[restingCount++] = order;
        byAge.add(order.id);
    }

    private void unrest(final Order order) {
        final Level level = order.level;
        if (order.prev == null) {
            level.head = order.next;
        } else {
            order.prev.next = order.next;
        }
        if (order.next == null) {
            level.tail = order.prev;
        } else {
            order.next.prev = order.prev;
        }
        if (--level.count == 0) {
            book(order.side).remove(level.price);
        }
        order.level = null;
        order.prev = null;
        order.next = null;
        final Order last = resting[--restingCount];
        resting[order.denseIndex] = last;
        last.denseIndex = order.denseIndex;
        resting[restingCount] = null;
        order.denseIndex = -1;
        byAge.remove(order.id);
    }

    // --------------------------------------------------------------------------------------- events

    @Override
    public void onOrderAccepted(final long ts, final OrderView view) {
        final Order order = new Order(view.orderId(), view.accountId(), view.side(), view.price(), view.size());
        open.put(order.id, order);
        pending = order;
    }

    @Override
    public void onOrderAmended(final long ts, final long orderId, final long accountId, final int marketId,
                               final long price, final long size, final long filled, final boolean kept) {
        final Order order = open.get(orderId);
        if (kept) {
            order.size = size;
            return;
        }
        unrest(order);
        order.price = price;
        order.size = size;
        pending = order;
    }

    @Override
    public void onTrade(final long ts, final long tradeId, final int marketId, final long price, final long size,
                        final Side takerSide, final long takerOrderId, final long takerAccountId, final long takerFee,
                        final long makerOrderId, final long makerAccountId, final long makerFee) {
        trades++;
        lastTradePrice = price;
        open.get(makerOrderId).filled += size;
        open.get(takerOrderId).filled += size;
        digest.onTrade(takerOrderId, makerOrderId, price, size);
    }

    @Override
    public void onOrderClosed(final long ts, final long orderId, final long accountId, final int marketId,
                              final OrderStatus status, final CancelReason reason, final long filled) {
        final Order order = open.remove(orderId);
        if (order.resting()) {
            unrest(order);
        }
        if (pending == order) {
            pending = null;
        }
        if (reason == CancelReason.SELF_TRADE) {
            selfTradeCancels++;
        }
    }

    @Override
    public void onCommandComplete(final Command command) {
        lastResult = command.result;
        if (pending != null) {
            rest(pending);
            pending = null;
        }
    }

    // @formatter:off
    @Override public void onOrderTriggered(final long ts, final long orderId, final long accountId, final int marketId) { }
    @Override public void onOrderRejected(final long ts, final long orderId, final long accountId, final int marketId, final ResultCode reason) { }
    @Override public void onBalanceChanged(final long ts, final long accountId, final int assetId, final Wallet wallet, final long available, final long hold) { }
    @Override public void onLevelChanged(final long ts, final int marketId, final Side side, final long price, final long totalSize, final int orderCount) { }
    @Override public void onMarketStatusChanged(final long ts, final int marketId, final MarketStatus status) { }
    // @formatter:on

    /**
     * The set of resting order ids with the k-th smallest in O(log n): a Fenwick tree of 0/1 counts over
     * ids, grown by doubling.
     */
    static final class OldestFirst {
        private int[] tree = new int[1 << 12];
        private int count;

        void add(final long id) {
            grow(id);
            update((int) id, 1);
            count++;
        }

        void remove(final long id) {
            update((int) id, -1);
            count--;
        }

        int size() {
            return count;
        }

        /** The k-th smallest id (0-based k). */
        long kth(final int k) {
            if (k < 0 || k >= count) {
                throw new IndexOutOfBoundsException(k + " of " + count);
            }
            int position = 0;
            int remaining = k + 1;
            for (int step = Integer.highestOneBit(tree.length - 1); step > 0; step >>= 1) {
                final int next = position + step;
                if (next < tree.length && tree[next] < remaining) {
                    position = next;
                    remaining -= tree[next];
                }
            }
            return position + 1;
        }

        private void update(final int id, final int delta) {
            for (int i = id; i < tree.length; i += i & -i) {
                tree[i] += delta;
            }
        }

        private void grow(final long id) {
            if (id < tree.length) {
                return;
            }
            int length = tree.length;
            while (id >= length) {
                length *= 2;
            }
            // rebuild: recover the 0/1 count of each id, then re-add into the larger tree
            final int[] old = tree;
            final int[] present = new int[old.length];
            for (int i = 1; i < old.length; i++) {
                present[i] = prefix(old, i) - prefix(old, i - 1);
            }
            tree = new int[length];
            for (int i = 1; i < present.length; i++) {
                if (present[i] != 0) {
                    update(i, present[i]);
                }
            }
        }

        private static int prefix(final int[] t, final int id) {
            int sum = 0;
            for (int i = id; i > 0; i -= i & -i) {
                sum += t[i];
            }
            return sum;
        }
    }
}
