package io.tidemark.engine.core;

import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.Market;

/**
 * Folds the whole engine state into a 64-bit digest (xxHash64-style rounds over a sequence of longs;
 * order matters): the id counters, the books best level first, each account's balances and open-order
 * list, what is outstanding, the client_order_id table, and, only when there is any, the operator's
 * state (frozen accounts, pending withdrawals, deposit references), fee changes and run-time listings, so that the hashes recorded for
 * journals from before it existed still hold. Reused across calls, so hashing allocates
 * nothing; not for the hot path. Owned by the engine thread.
 */
final class StateHasher implements StateVisitor {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private long acc;
    private long count;

    long hash(final EngineState state) {
        acc = P3;
        count = 0;
        state.visitCounters(this);
        state.visitBooksBestFirst(this);
        state.visitBalancesAndOpenOrders(this);
        state.visitOutstanding(this);
        state.visitClientOrderIds(this);
        if (state.hasAdminState()) {
            state.visitAdminState(this);
        }
        if (state.hasFeeChanges()) {
            state.visitFeeChanges(this);
        }
        if (state.config.hasListings()) {
            state.visitListings(this);
        }
        return digest();
    }

    @Override
    public void counters(final long nextOrderId, final long nextTradeId, final long nextWithdrawalId) {
        add(nextOrderId).add(nextTradeId).add(nextWithdrawalId);
    }

    @Override
    public void accountCount(final int accounts) {
        add(accounts);
    }

    @Override
    public void account(final long accountId) {
        add(accountId);
    }

    @Override
    public void balance(final long spotAvailable, final long spotHold, final long marginAvailable,
                        final long earnAvailable) {
        add(spotAvailable).add(spotHold).add(marginAvailable).add(earnAvailable);
    }

    @Override
    public void outstanding(final long amount) {
        add(amount);
    }

    @Override
    public void market(final int marketId, final MarketStatus status, final long lastPrice) {
        add(marketId).add(status.code()).add(lastPrice);
    }

    @Override
    public void side(final int levelCount) {
        add(levelCount);
    }

    @Override
    public void level(final long price, final long totalSize, final int orderCount) {
        add(price).add(totalSize).add(orderCount);
    }

    @Override
    public void order(final Order o) {
        add(o.orderId).add(o.accountId).add(o.marketId).add(o.side.code()).add(o.orderType.code())
            .add(o.timeInForce.code()).add(o.postOnly ? 1 : 0).add(o.selfTradePrevention.code()).add(o.price)
            .add(o.stopPrice).add(o.size).add(o.funds).add(o.filled).add(o.createdTime).add(o.status.code())
            .add(o.clientOrderId.word(0)).add(o.clientOrderId.word(1)).add(o.clientOrderId.word(2))
            .add(o.clientOrderId.word(3));
    }

    @Override
    public void openOrder(final long orderId) {
        add(orderId);
    }

    @Override
    public void clientOrderIdCount(final int entries) {
        add(entries);
    }

    @Override
    public void visit(final long accountId, final long word0, final long word1, final long word2, final long word3,
                      final long orderId, final long time, final long packedFields, final long price,
                      final long stopPrice, final long size, final long funds) {
        add(accountId).add(word0).add(word1).add(word2).add(word3).add(orderId).add(time).add(packedFields)
            .add(price).add(stopPrice).add(size).add(funds);
    }

    @Override
    public void adminState(final int frozenAccounts, final int pendingWithdrawals, final int deposits) {
        add(frozenAccounts).add(pendingWithdrawals).add(deposits);
    }

    @Override
    public void frozenAccount(final long accountId) {
        add(accountId);
    }

    @Override
    public void feeChanges(final int markets) {
        add(markets);
    }

    @Override
    public void marketFees(final int marketId, final int schedules) {
        add(marketId).add(schedules);
    }

    @Override
    public void feeSchedule(final long fromOrderId, final int makerBps, final int takerBps) {
        add(fromOrderId).add(makerBps).add(takerBps);
    }

    @Override
    public void pendingWithdrawal(final long withdrawalId, final long accountId, final int assetId, final long amount) {
        add(withdrawalId).add(accountId).add(assetId).add(amount);
    }

    @Override
    public void deposit(final long word0, final long word1, final long word2, final long word3, final long accountId,
                        final int assetId, final long amount, final long depositId) {
        add(word0).add(word1).add(word2).add(word3).add(accountId).add(assetId).add(amount).add(depositId);
    }

    private StateHasher add(final long value) {
        acc = Long.rotateLeft(acc ^ Long.rotateLeft(value * P2, 31) * P1, 27) * P1 + P3;
        count++;
        return this;
    }

    private long digest() {
        long h = acc ^ count;
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    @Override
    public void listings(final int assets, final int markets) {
        add(assets).add(markets);
    }

    @Override
    public void listedAsset(final Asset asset) {
        add(asset.id()).add(asset.scale());
        final String symbol = asset.symbol();
        for (int i = 0; i < symbol.length(); i++) {
            add(symbol.charAt(i));
        }
    }

    @Override
    public void listedMarket(final Market m) {
        add(m.id()).add(m.base().id()).add(m.quote().id()).add(m.tickDecimals()).add(m.tickUnits()).add(m.lotDecimals())
            .add(m.lotUnits()).add(m.minSizeLots()).add(m.minNotional()).add(m.maxPriceTicks()).add(m.maxSizeLots())
            .add(m.makerFeeBps()).add(m.takerFeeBps()).add(m.initialStatus().code());
    }
}
