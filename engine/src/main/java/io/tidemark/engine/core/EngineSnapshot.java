package io.tidemark.engine.core;

import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * Writes and restores the whole engine state. Layout, in order: magic and version, the config
 * fingerprint, the id counters; accounts (id, then per asset spot available, hold, margin, earn) and
 * what is outstanding per asset; per market its status, last price and four sides (bids, asks, buy
 * stops, sell stops) as levels from worst to best (so restoring appends), each with its orders in
 * time order; each account's open-order list as ids; the client_order_id table in FIFO order.
 * A restored engine has the same {@link MatchingEngine#stateHash()} as the one written.
 */
final class EngineSnapshot {
    private static final int MAGIC = 0x53454D54; // "TMES"
    private static final int VERSION = 1;

    private EngineSnapshot() {
    }

    private static BookSide[] sides(final OrderBook book) {
        return new BookSide[] {book.bids, book.asks, book.buyStops, book.sellStops};
    }

    static void write(final EngineState e, final SnapshotOutput out) {
        out.putHeader(MAGIC, VERSION, e.config.fingerprint());
        out.putLong(e.nextOrderId).putLong(e.nextTradeId).putLong(e.nextWithdrawalId);
        final Accounts accounts = e.accounts;
        final int assetCount = e.config.assets().size();
        out.putInt(accounts.count());
        for (int index = 0; index < accounts.count(); index++) {
            out.putLong(accounts.id(index));
            for (int asset = 0; asset < assetCount; asset++) {
                out.putLong(accounts.available(index, asset)).putLong(accounts.hold(index, asset))
                    .putLong(accounts.walletAvailable(index, asset, Wallet.MARGIN))
                    .putLong(accounts.walletAvailable(index, asset, Wallet.EARN));
            }
        }
        for (int asset = 0; asset < assetCount; asset++) {
            out.putLong(accounts.outstanding(asset));
        }
        for (final OrderBook book : e.books) {
            out.putByte(book.status.code()).putLong(book.lastPrice);
            for (final BookSide side : sides(book)) {
                out.putInt(side.levelCount());
                for (int slot = 0; slot < side.slotCount(); slot++) {
                    final PriceLevel level = side.slot(slot);
                    if (level.isEmpty()) {
                        continue;
                    }
                    out.putLong(level.price).putInt(level.orderCount);
                    for (Order order = level.head; order != null; order = order.next) {
                        writeOrder(order, out);
                    }
                }
            }
        }
        for (int index = 0; index < accounts.count(); index++) {
            int count = 0;
            for (Order order = accounts.firstOpenOrder(index); order != null; order = order.accountNext) {
                count++;
            }
            out.putInt(count);
            for (Order order = accounts.firstOpenOrder(index); order != null; order = order.accountNext) {
                out.putLong(order.orderId);
            }
        }
        out.putInt(e.clientOrderIds.size());
        e.clientOrderIds.forEach((account, w0, w1, w2, w3, orderId, time, fields, price, stop, size, funds) ->
            out.putLong(account).putLong(w0).putLong(w1).putLong(w2).putLong(w3).putLong(orderId).putLong(time)
                .putLong(fields).putLong(price).putLong(stop).putLong(size).putLong(funds));
    }

    private static void writeOrder(final Order o, final SnapshotOutput out) {
        out.putLong(o.orderId).putLong(o.accountId).putByte(o.side.code()).putByte(o.orderType.code())
            .putByte(o.timeInForce.code()).putBoolean(o.postOnly).putByte(o.selfTradePrevention.code())
            .putByte(o.status.code()).putLong(o.price).putLong(o.stopPrice).putLong(o.size).putLong(o.funds)
            .putLong(o.filled).putLong(o.createdTime).putLong(o.clientOrderId.word(0)).putLong(o.clientOrderId.word(1))
            .putLong(o.clientOrderId.word(2)).putLong(o.clientOrderId.word(3));
    }

    static void read(final EngineState e, final SnapshotInput in) {
        in.expectHeader(MAGIC, VERSION, e.config.fingerprint(), "engine");
        e.nextOrderId = in.getLong();
        e.nextTradeId = in.getLong();
        e.nextWithdrawalId = in.getLong();
        final Accounts accounts = e.accounts;
        final int assetCount = e.config.assets().size();
        final int accountCount = in.getBounded(Integer.MAX_VALUE);
        for (int i = 0; i < accountCount; i++) {
            final long id = in.getLong();
            final int index = accounts.getOrCreate(id);
            if (index != i) {
                throw new SnapshotFormatException("account " + id + " appears twice");
            }
            for (int asset = 0; asset < assetCount; asset++) {
                accounts.restore(index, asset, in.getLong(), in.getLong(), in.getLong(), in.getLong());
            }
        }
        for (int asset = 0; asset < assetCount; asset++) {
            accounts.restoreOutstanding(asset, in.getLong());
        }
        for (final OrderBook book : e.books) {
            book.status = MarketStatus.fromCode(in.getByte());
            book.lastPrice = in.getLong();
            for (final BookSide side : sides(book)) {
                final int levels = in.getBounded(Integer.MAX_VALUE);
                for (int l = 0; l < levels; l++) {
                    final PriceLevel level = side.findOrCreate(in.getLong());
                    final int orders = in.getBounded(Integer.MAX_VALUE);
                    for (int o = 0; o < orders; o++) {
                        final Order order = readOrder(e, book, in);
                        level.append(order);
                        order.indexed = true;
                        e.openOrders.put(order);
                    }
                }
            }
        }
        for (int index = 0; index < accountCount; index++) {
            final int count = in.getBounded(Integer.MAX_VALUE);
            for (int i = 0; i < count; i++) {
                final long orderId = in.getLong();
                final Order order = e.openOrders.get(orderId);
                if (order == null || order.accountIndex != index) {
                    throw new SnapshotFormatException("open-order list of account " + accounts.id(index)
                        + " names order " + orderId + " that is not in its books");
                }
                accounts.linkOrder(order);
            }
        }
        final int entries = in.getBounded(Integer.MAX_VALUE);
        for (int i = 0; i < entries; i++) {
            e.clientOrderIds.restore(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }
        if (in.remaining() != 0) {
            throw new SnapshotFormatException(in.remaining() + " unexpected bytes after the engine state");
        }
    }

    private static Order readOrder(final EngineState e, final OrderBook book, final SnapshotInput in) {
        final Order o = e.pools.acquireOrder();
        o.orderId = in.getLong();
        o.accountId = in.getLong();
        o.accountIndex = e.accounts.index(o.accountId);
        if (o.accountIndex < 0) {
            throw new SnapshotFormatException("order " + o.orderId + " of unknown account " + o.accountId);
        }
        o.marketId = book.market.id();
        o.side = Side.fromCode(in.getByte());
        o.orderType = OrderType.fromCode(in.getByte());
        o.timeInForce = TimeInForce.fromCode(in.getByte());
        o.postOnly = in.getBoolean();
        o.selfTradePrevention = SelfTradePrevention.fromCode(in.getByte());
        o.status = OrderStatus.fromCode(in.getByte());
        o.price = in.getLong();
        o.stopPrice = in.getLong();
        o.size = in.getLong();
        o.funds = in.getLong();
        o.filled = in.getLong();
        o.createdTime = in.getLong();
        o.clientOrderId.setWords(in.getLong(), in.getLong(), in.getLong(), in.getLong());
        return o;
    }
}
