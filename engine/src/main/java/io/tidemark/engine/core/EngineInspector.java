package io.tidemark.engine.core;

import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;

import java.util.function.Consumer;

/**
 * Read-only questions about an engine's state, for tests, benchmarks and tools: production reads come
 * from the read models, never from the engine. Reads the live state, so ask on the thread that owns
 * the engine, between commands.
 */
public final class EngineInspector {
    private final EngineState state;

    public EngineInspector(final MatchingEngine engine) {
        this.state = engine.state;
    }

    /** Spot available of an account (0 if unknown). */
    public long available(final long accountId, final int assetId) {
        return state.accounts.availableOf(accountId, assetId);
    }

    public long hold(final long accountId, final int assetId) {
        final int index = state.accounts.index(accountId);
        return index < 0 ? 0 : state.accounts.hold(index, assetId);
    }

    public long walletAvailable(final long accountId, final int assetId, final Wallet wallet) {
        final int index = state.accounts.index(accountId);
        return index < 0 ? 0 : state.accounts.walletAvailable(index, assetId, wallet);
    }

    /** Deposits minus withdrawals of an asset: what all wallets of all accounts (fees included) must add up to. */
    public long outstanding(final int assetId) {
        return state.accounts.outstanding(assetId);
    }

    /** Whether an operator froze the account. */
    public boolean isFrozen(final long accountId) {
        final int index = state.accounts.index(accountId);
        return index >= 0 && state.accounts.isFrozen(index);
    }

    /** Withdrawals held for an operator to complete or reject. */
    public int pendingWithdrawalCount() {
        return state.custody.pending.size();
    }

    public int accountCount() {
        return state.accounts.count();
    }

    public long accountId(final int index) {
        return state.accounts.id(index);
    }

    public boolean isOpen(final long orderId) {
        return state.isOpen(orderId);
    }

    public long openOrderCount() {
        return state.openOrders.size();
    }

    public long nextOrderId() {
        return state.nextOrderId;
    }

    public long nextTradeId() {
        return state.nextTradeId;
    }

    /** Visits the resting levels of one side of a market, best first. */
    public void forEachLevel(final int marketId, final Side side, final LevelVisitor visitor) {
        final BookSide bookSide = state.books[marketId].restingSide(side);
        for (PriceLevel level = bookSide.best(); level != null; level = bookSide.next(level)) {
            visitor.visit(level.price, level.totalSize, level.orderCount);
        }
    }

    /** Receives one price level: price in ticks, total size in lots, number of orders. */
    @FunctionalInterface
    public interface LevelVisitor {
        void visit(long price, long totalSize, int orderCount);
    }

    /** Visits every open order (resting, then pending stops) of one market in priority order. */
    public void forEachOpenOrder(final int marketId, final Consumer<OrderView> visitor) {
        for (final BookSide side : state.books[marketId].sides) {
            for (PriceLevel level = side.best(); level != null; level = side.next(level)) {
                for (Order order = level.head; order != null; order = order.next) {
                    visitor.accept(order);
                }
            }
        }
    }

    /** Best resting price of one side of a market in ticks, or 0 when that side is empty. */
    public long bestPrice(final int marketId, final Side side) {
        final PriceLevel best = state.books[marketId].restingSide(side).best();
        return best == null ? 0 : best.price;
    }

    public MarketStatus marketStatus(final int marketId) {
        return state.books[marketId].status;
    }

    public long lastPrice(final int marketId) {
        return state.books[marketId].lastPrice;
    }
}
