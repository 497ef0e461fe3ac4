package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;

/**
 * The money side of orders: whether an account can pay for an order, what an order holds while it
 * rests or waits as a stop and gives back when it leaves, how many lots a budget buys, and how a fill
 * settles between taker, maker and the fee account. An order holds the most it may still need, so a
 * fill can always be paid from the hold: a buy its value plus the taker fee at its own price, a sell
 * its base. Owned by the engine thread.
 */
final class Funding {
    private final Accounts accounts;
    private final BalanceEvents balanceEvents;

    Funding(final Accounts accounts, final BalanceEvents balanceEvents) {
        this.accounts = accounts;
        this.balanceEvents = balanceEvents;
    }

    /** The asset an order holds: quote for a buy, base for a sell. */
    static int heldAsset(final Order order, final Market market) {
        return order.isBuy() ? market.quote().id() : market.base().id();
    }

    /** What a resting order holds (a buy: at the taker fee of the schedule it was placed under). */
    static long restingHold(final Order order, final OrderBook book) {
        return restingHold(order.side, book.market, order.price, order.remaining(), book.takerFeeBps(order.orderId));
    }

    /** What a resting order on {@code side} at {@code price} with {@code remaining} lots unfilled holds. */
    static long restingHold(final Side side, final Market market, final long price, final long remaining,
                            final int takerBps) {
        return side == Side.BUY ? market.buyHold(price, remaining, takerBps) : market.baseUnits(remaining);
    }

    /** What a pending stop holds until it triggers. */
    static long pendingStopHold(final Order order, final OrderBook book) {
        final Market market = book.market;
        if (!order.isBuy()) {
            return market.baseUnits(order.size);
        }
        if (order.isByFunds()) {
            return order.funds;
        }
        return market.buyHold(order.orderType == OrderType.STOP_LIMIT ? order.price : order.stopPrice, order.size,
            book.takerFeeBps(order.orderId));
    }

    /**
     * Whether the account can pay for the whole order as submitted (for a stop: what it holds while
     * pending), at the fees in force now: the ones a new order is placed under.
     */
    boolean canFund(final Command c, final int accountIndex, final OrderBook book, final long newOrderId) {
        final Market market = book.market;
        final int takerBps = book.takerFeeBps(newOrderId);
        if (c.side == Side.SELL) {
            return accounts.available(accountIndex, market.base().id()) >= market.baseUnits(c.size);
        }
        final long available = accounts.available(accountIndex, market.quote().id());
        final long required = switch (c.orderType) {
            case LIMIT, STOP_LIMIT -> market.buyHold(c.price, c.size, takerBps);
            case STOP -> c.funds > 0 ? c.funds : market.buyHold(c.stopPrice, c.size, takerBps);
            case MARKET -> c.funds > 0 ? c.funds
                : costToBuy(book, c.accountId, c.selfTradePrevention, c.size, available, takerBps);
        };
        return available >= required;
    }

    /**
     * Whether a stop-market buy by size, just triggered and its hold released, can still pay for its
     * whole size: it held funds at its stop price, and the market may now be dearer.
     */
    boolean canFundTriggeredBuy(final Order order, final OrderBook book) {
        final long available = accounts.available(order.accountIndex, book.market.quote().id());
        return costToBuy(book, order.accountId, order.selfTradePrevention, order.size, available,
            book.takerFeeBps(order.orderId)) <= available;
    }

    /** Whether the account can hold {@code newHold} instead of {@code oldHold} for an amended order. */
    boolean canRehold(final Order order, final int asset, final long oldHold, final long newHold) {
        // a hold that does not grow needs no look at the balance (a sell's re-price never does)
        return newHold <= oldHold || newHold - oldHold <= accounts.available(order.accountIndex, asset);
    }

    /** Moves {@code amount} of the order's account from available to hold; a negative amount releases. */
    void hold(final Order order, final int asset, final long amount) {
        accounts.hold(order.accountIndex, asset, amount);
    }

    /** Moves {@code amount} of the order's account from hold back to available. */
    void release(final Order order, final int asset, final long amount) {
        accounts.release(order.accountIndex, asset, amount);
    }

    /**
     * Settles a fill of {@code quantity} lots worth {@code notional}, once both orders have counted it,
     * and reports the changed balances. The buyer pays value plus its fee, the seller gets value minus
     * its fee, the fee account gets both fees. The maker pays out of its hold; a buying maker held a
     * taker-rate fee at its own price, so whatever of the freed hold it did not pay goes back to available.
     *
     * @param makerHeldBefore what the maker held before this fill
     */
    void settle(final long now, final OrderBook book, final Order taker, final Order maker, final long quantity,
                final long notional, final long takerFee, final long makerFee, final long makerHeldBefore) {
        final Market market = book.market;
        final long baseUnits = market.baseUnits(quantity);
        final int base = market.base().id();
        final int quote = market.quote().id();
        final int makerIndex = maker.accountIndex;
        final int takerIndex = taker.accountIndex;
        if (taker.side == Side.BUY) {
            accounts.spendHold(makerIndex, base, baseUnits);
            accounts.addAvailable(makerIndex, quote, notional - makerFee);
            accounts.addAvailable(takerIndex, base, baseUnits);
            accounts.addAvailable(takerIndex, quote, -(notional + takerFee));
        } else {
            final long freed = makerHeldBefore - (maker.remaining() == 0 ? 0 : restingHold(maker, book));
            final long paid = notional + makerFee;
            accounts.spendHold(makerIndex, quote, freed);
            accounts.addAvailable(makerIndex, quote, freed - paid);
            accounts.addAvailable(makerIndex, base, baseUnits);
            accounts.addAvailable(takerIndex, base, -baseUnits);
            accounts.addAvailable(takerIndex, quote, notional - takerFee);
        }
        accounts.addAvailable(Accounts.FEE_ACCOUNT_INDEX, quote, takerFee + makerFee);
        balanceEvents.spotChanged(now, makerIndex, base);
        balanceEvents.spotChanged(now, makerIndex, quote);
        balanceEvents.spotChanged(now, takerIndex, base);
        balanceEvents.spotChanged(now, takerIndex, quote);
        if (takerFee + makerFee > 0) {
            balanceEvents.spotChanged(now, Accounts.FEE_ACCOUNT_INDEX, quote);
        }
    }

    /**
     * Exactly what a market buy of {@code size} lots would spend now (value plus per-fill taker fees),
     * walking the asks as matching would; stops early once it exceeds {@code budget}.
     */
    private static long costToBuy(final OrderBook book, final long accountId, final SelfTradePrevention stp,
                                  final long size, final long budget, final int takerBps) {
        final BookSide asks = book.asks;
        final Market market = book.market;
        long need = size;
        long cost = 0;
        for (PriceLevel level = asks.best(); level != null; level = asks.next(level)) {
            for (Order maker = level.head; maker != null; maker = maker.next) {
                if (maker.accountId == accountId) {
                    if (stp != SelfTradePrevention.CANCEL_MAKER) {
                        return cost;
                    }
                    continue;
                }
                final long quantity = Math.min(need, maker.remaining());
                final long notional = market.notional(level.price, quantity);
                cost += notional + Market.fee(notional, takerBps);
                need -= quantity;
                if (need == 0 || cost > budget) {
                    return cost;
                }
            }
        }
        return cost;
    }

    /** The most lots that {@code funds} buys at {@code price}, taker fee ({@code takerBps}) included. */
    static long affordableLots(final Market market, final long funds, final long price, final int takerBps) {
        final long unit = market.notional(price, 1);
        long high = funds / unit;
        if (high == 0 || cost(unit, high, takerBps) <= funds) {
            return high;
        }
        long low = 0;
        while (high - low > 1) {
            final long mid = (low + high) >>> 1;
            if (cost(unit, mid, takerBps) <= funds) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static long cost(final long unit, final long lots, final int takerBps) {
        final long notional = unit * lots;
        return notional + Market.fee(notional, takerBps);
    }
}
