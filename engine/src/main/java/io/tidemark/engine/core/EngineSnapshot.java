package io.tidemark.engine.core;

import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * Writes and restores the whole engine state. Layout, in order: magic and version, the config
 * fingerprint, the id counters; accounts (id, then per asset spot available, hold, margin, earn) and
 * what is outstanding per asset; per market its status, last price and four sides (bids, asks, buy
 * stops, sell stops) as levels from worst to best (so restoring appends), each with its orders in
 * time order; each account's open-order list (its length, then ids); the client_order_id table in
 * FIFO order. Version 2 adds, after all of that, the operator's state: the number of frozen accounts,
 * pending withdrawals and deposit references, then the frozen account ids, each pending withdrawal
 * (id, account, asset, amount) and each reference (four packed words, account, asset, amount, deposit
 * id). Version 3 adds, after that, the markets whose fees an operator changed: their number, then each
 * market's id and number of schedules after the configured one, then each schedule (first order id it
 * applies to, maker bps, taker bps). Version 4, written when assets or markets were listed at run time,
 * puts the listings right after the fingerprint (they shape everything after them: a balance per asset,
 * a book per market): the number of listed assets and markets, each asset (symbol length and ASCII
 * bytes, scale), each market (base and quote asset ids, tick decimals and units, lot decimals and units,
 * minimum size in lots, minimum notional, maximum price in ticks and size in lots, maker and taker bps,
 * initial status code); it always carries the sections of versions 2 and 3. A state is written in the
 * oldest version that holds it (without operator state: version 1, byte for byte as before); all four
 * are read.
 * A restored engine has the same {@link MatchingEngine#stateHash()} as the one written.
 */
final class EngineSnapshot implements StateVisitor {
    private static final int MAGIC = 0x53454D54; // "TMES"
    private static final int VERSION_1 = 1;
    private static final int VERSION_2 = 2;
    private static final int VERSION_3 = 3;
    private static final int VERSION_4 = 4;

    private final SnapshotOutput out;

    private EngineSnapshot(final SnapshotOutput out) {
        this.out = out;
    }

    static void write(final EngineState state, final SnapshotOutput out) {
        final boolean listings = state.config.hasListings();
        final boolean fees = listings || state.hasFeeChanges();
        final boolean admin = fees || state.hasAdminState();
        out.putHeader(MAGIC, listings ? VERSION_4 : fees ? VERSION_3 : admin ? VERSION_2 : VERSION_1,
            state.config.fingerprint());
        final EngineSnapshot writer = new EngineSnapshot(out);
        if (listings) {
            state.visitListings(writer);
        }
        state.visitCounters(writer);
        state.visitBalances(writer);
        state.visitOutstanding(writer);
        state.visitBooksWorstFirst(writer);
        state.visitOpenOrderLists(writer);
        state.visitClientOrderIds(writer);
        if (admin) {
            state.visitAdminState(writer);
        }
        if (fees) {
            state.visitFeeChanges(writer);
        }
    }

    @Override
    public void listings(final int assets, final int markets) {
        out.putInt(assets).putInt(markets);
    }

    @Override
    public void listedAsset(final Asset asset) {
        final String symbol = asset.symbol();
        out.putByte(symbol.length());
        for (int i = 0; i < symbol.length(); i++) {
            out.putByte(symbol.charAt(i));
        }
        out.putInt(asset.scale());
    }

    @Override
    public void listedMarket(final Market m) {
        out.putInt(m.base().id()).putInt(m.quote().id()).putInt(m.tickDecimals()).putLong(m.tickUnits())
            .putInt(m.lotDecimals()).putLong(m.lotUnits()).putLong(m.minSizeLots()).putLong(m.minNotional())
            .putLong(m.maxPriceTicks()).putLong(m.maxSizeLots()).putInt(m.makerFeeBps()).putInt(m.takerFeeBps())
            .putByte(m.initialStatus().code());
    }

    @Override
    public void feeChanges(final int markets) {
        out.putInt(markets);
    }

    @Override
    public void marketFees(final int marketId, final int schedules) {
        out.putInt(marketId).putInt(schedules);
    }

    @Override
    public void feeSchedule(final long fromOrderId, final int makerBps, final int takerBps) {
        out.putLong(fromOrderId).putInt(makerBps).putInt(takerBps);
    }

    @Override
    public void adminState(final int frozenAccounts, final int pendingWithdrawals, final int deposits) {
        out.putInt(frozenAccounts).putInt(pendingWithdrawals).putInt(deposits);
    }

    @Override
    public void frozenAccount(final long accountId) {
        out.putLong(accountId);
    }

    @Override
    public void pendingWithdrawal(final long withdrawalId, final long accountId, final int assetId, final long amount) {
        out.putLong(withdrawalId).putLong(accountId).putInt(assetId).putLong(amount);
    }

    @Override
    public void deposit(final long word0, final long word1, final long word2, final long word3, final long accountId,
                        final int assetId, final long amount, final long depositId) {
        out.putLong(word0).putLong(word1).putLong(word2).putLong(word3).putLong(accountId).putInt(assetId)
            .putLong(amount).putLong(depositId);
    }

    @Override
    public void counters(final long nextOrderId, final long nextTradeId, final long nextWithdrawalId) {
        out.putLong(nextOrderId).putLong(nextTradeId).putLong(nextWithdrawalId);
    }

    @Override
    public void accountCount(final int count) {
        out.putInt(count);
    }

    @Override
    public void account(final long accountId) {
        out.putLong(accountId);
    }

    @Override
    public void balance(final long spotAvailable, final long spotHold, final long marginAvailable,
                        final long earnAvailable) {
        out.putLong(spotAvailable).putLong(spotHold).putLong(marginAvailable).putLong(earnAvailable);
    }

    @Override
    public void outstanding(final long amount) {
        out.putLong(amount);
    }

    @Override
    public void market(final int marketId, final MarketStatus status, final long lastPrice) {
        out.putByte(status.code()).putLong(lastPrice);
    }

    @Override
    public void side(final int levelCount) {
        out.putInt(levelCount);
    }

    @Override
    public void level(final long price, final long totalSize, final int orderCount) {
        out.putLong(price).putInt(orderCount);
    }

    @Override
    public void order(final Order o) {
        out.putLong(o.orderId).putLong(o.accountId).putByte(o.side.code()).putByte(o.orderType.code())
            .putByte(o.timeInForce.code()).putBoolean(o.postOnly).putByte(o.selfTradePrevention.code())
            .putByte(o.status.code()).putLong(o.price).putLong(o.stopPrice).putLong(o.size).putLong(o.funds)
            .putLong(o.filled).putLong(o.createdTime).putLong(o.clientOrderId.word(0)).putLong(o.clientOrderId.word(1))
            .putLong(o.clientOrderId.word(2)).putLong(o.clientOrderId.word(3));
    }

    @Override
    public void openOrderCount(final int count) {
        out.putInt(count);
    }

    @Override
    public void openOrder(final long orderId) {
        out.putLong(orderId);
    }

    @Override
    public void clientOrderIdCount(final int count) {
        out.putInt(count);
    }

    @Override
    public void visit(final long accountId, final long word0, final long word1, final long word2, final long word3,
                      final long orderId, final long time, final long packedFields, final long price,
                      final long stopPrice, final long size, final long funds) {
        out.putLong(accountId).putLong(word0).putLong(word1).putLong(word2).putLong(word3).putLong(orderId)
            .putLong(time).putLong(packedFields).putLong(price).putLong(stopPrice).putLong(size).putLong(funds);
    }

    static void read(final EngineState e, final SnapshotInput in) {
        final int version = in.expectHeader(MAGIC, VERSION_1, VERSION_4, e.config.fingerprint(), "engine");
        if (version >= VERSION_4) {
            readListings(e, in);
        }
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
            for (final BookSide side : book.sides) {
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
        if (version >= VERSION_2) {
            readAdminState(e, in);
        }
        if (version >= VERSION_3) {
            readFeeChanges(e, in);
        }
        if (in.remaining() != 0) {
            throw new SnapshotFormatException(in.remaining() + " unexpected bytes after the engine state");
        }
    }

    private static void readListings(final EngineState e, final SnapshotInput in) {
        final int assets = in.getBounded(Integer.MAX_VALUE);
        final int markets = in.getBounded(Integer.MAX_VALUE);
        try {
            for (int i = 0; i < assets; i++) {
                final int length = in.getByte();
                if (length < 1 || length > 32) {
                    throw new SnapshotFormatException("listed asset symbol of " + length + " characters");
                }
                final char[] symbol = new char[length];
                for (int c = 0; c < symbol.length; c++) {
                    symbol[c] = (char) in.getByte();
                }
                e.listAsset(e.config.withAsset(new AssetConfig(new String(symbol), in.getInt())));
            }
            for (int i = 0; i < markets; i++) {
                e.listMarket(e.config.withMarket(Listing.marketConfig(e.config, in.getInt(), in.getInt(), in.getInt(),
                    in.getLong(), in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                    in.getInt(), in.getInt(), MarketStatus.fromCode(in.getByte()))));
            }
        } catch (final ConfigException | IllegalArgumentException ex) {
            throw new SnapshotFormatException("a listing does not resolve: " + ex.getMessage());
        }
    }

    private static void readAdminState(final EngineState e, final SnapshotInput in) {
        final int frozen = in.getBounded(Integer.MAX_VALUE);
        final int pending = in.getBounded(Integer.MAX_VALUE);
        final int deposits = in.getBounded(Integer.MAX_VALUE);
        final int assetCount = e.config.assets().size();
        for (int i = 0; i < frozen; i++) {
            final long accountId = in.getLong();
            final int index = e.accounts.index(accountId);
            if (index < 0) {
                throw new SnapshotFormatException("frozen account " + accountId + " is not among the accounts");
            }
            e.accounts.setFrozen(index, true);
        }
        for (int i = 0; i < pending; i++) {
            final long id = in.getLong();
            final long accountId = in.getLong();
            final int assetId = in.getBounded(assetCount - 1);
            final long amount = in.getLong();
            if (e.accounts.index(accountId) < 0 || id < 1 || id >= e.nextWithdrawalId) {
                throw new SnapshotFormatException("pending withdrawal " + id + " of unknown account " + accountId
                    + " or beyond the withdrawal counter");
            }
            e.custody.pending.put(id, new Custody.PendingWithdrawal(accountId, assetId, amount));
        }
        for (int i = 0; i < deposits; i++) {
            final Custody.Reference reference = new Custody.Reference(in.getLong(), in.getLong(), in.getLong(),
                in.getLong());
            e.custody.deposits.put(reference, new Custody.Deposit(in.getLong(), in.getBounded(assetCount - 1),
                in.getLong(), in.getLong()));
        }
    }

    private static void readFeeChanges(final EngineState e, final SnapshotInput in) {
        final int markets = in.getBounded(e.books.length);
        for (int m = 0; m < markets; m++) {
            final OrderBook book = e.books[in.getBounded(e.books.length - 1)];
            final int schedules = in.getBounded(Integer.MAX_VALUE);
            for (int i = 0; i < schedules; i++) {
                final long from = in.getLong();
                final int maker = in.getBounded(Market.MAX_FEE_BPS);
                final int taker = in.getBounded(Market.MAX_FEE_BPS);
                if (from <= book.feesFrom(book.feeSchedules() - 1) || from > e.nextOrderId || maker > taker) {
                    throw new SnapshotFormatException("fee schedule of " + book.market.pair() + " from order " + from
                        + " out of order, beyond the order counter or with maker above taker");
                }
                book.setFees(from, maker, taker);
            }
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
