package io.tidemark.engine.core;

import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;

import java.util.Arrays;

/**
 * One market's state: resting bids and asks, pending stops ordered by trigger price, the last trade
 * price that stops trigger on, and the trading status. Owned by the engine thread.
 */
final class OrderBook {
    final Market market;
    final BookSide bids;
    final BookSide asks;
    /** Buy stops trigger when the last price rises to them: lowest trigger first. */
    final BookSide buyStops;
    /** Sell stops trigger when the last price falls to them: highest trigger first. */
    final BookSide sellStops;
    /** All four sides in the order every whole-book walk takes them: bids, asks, buy stops, sell stops. */
    final BookSide[] sides;
    MarketStatus status;
    /** Price of the last trade in ticks; 0 before the first trade. */
    long lastPrice;
    /**
     * The fee schedules of the market, oldest first: schedule i applies to orders with ids from
     * {@code feesFrom[i]} on. An order pays, and holds for, the fees in force when it was placed, so an
     * operator's fee change never leaves a resting order holding less than it may owe. The first comes
     * from the configuration; each change adds one (rare: plain arrays, grown on change only).
     */
    private long[] feesFrom = {0};
    private int[] makerFees;
    private int[] takerFees;
    private int feeSchedules = 1;

    OrderBook(final Market market, final Pools pools) {
        this.market = market;
        this.bids = new BookSide(true, pools);
        this.asks = new BookSide(false, pools);
        this.buyStops = new BookSide(false, pools, BookSide.STOP_WINDOW);
        this.sellStops = new BookSide(true, pools, BookSide.STOP_WINDOW);
        this.sides = new BookSide[] {bids, asks, buyStops, sellStops};
        this.status = market.initialStatus();
        this.makerFees = new int[] {market.makerFeeBps()};
        this.takerFees = new int[] {market.takerFeeBps()};
    }

    /** The maker fee (bps) of the order with this id: the schedule it was placed under. */
    int makerFeeBps(final long orderId) {
        return makerFees[schedule(orderId)];
    }

    /** The taker fee (bps) of the order with this id; also what its buy hold covers. */
    int takerFeeBps(final long orderId) {
        return takerFees[schedule(orderId)];
    }

    private int schedule(final long orderId) {
        int i = feeSchedules - 1;
        while (i > 0 && feesFrom[i] > orderId) {
            i--;
        }
        return i;
    }

    int feeSchedules() {
        return feeSchedules;
    }

    long feesFrom(final int schedule) {
        return feesFrom[schedule];
    }

    int makerFeeOf(final int schedule) {
        return makerFees[schedule];
    }

    int takerFeeOf(final int schedule) {
        return takerFees[schedule];
    }

    /** New fees for orders with ids from {@code fromOrderId} on; replaces the newest schedule if no order came under it. */
    void setFees(final long fromOrderId, final int makerBps, final int takerBps) {
        if (feesFrom[feeSchedules - 1] < fromOrderId) {
            if (feeSchedules == feesFrom.length) {
                feesFrom = Arrays.copyOf(feesFrom, feeSchedules * 2);
                makerFees = Arrays.copyOf(makerFees, feeSchedules * 2);
                takerFees = Arrays.copyOf(takerFees, feeSchedules * 2);
            }
            feeSchedules++;
        }
        feesFrom[feeSchedules - 1] = fromOrderId;
        makerFees[feeSchedules - 1] = makerBps;
        takerFees[feeSchedules - 1] = takerBps;
    }

    BookSide restingSide(final Side side) {
        return side == Side.BUY ? bids : asks;
    }

    BookSide stopSide(final Side side) {
        return side == Side.BUY ? buyStops : sellStops;
    }

    /** True if a taker on {@code takerSide} limited at {@code limitPrice} may trade at {@code makerPrice}. */
    static boolean crosses(final Side takerSide, final long limitPrice, final long makerPrice) {
        return takerSide == Side.BUY ? limitPrice >= makerPrice : limitPrice <= makerPrice;
    }

    /** True if a stop on {@code side} at {@code stopPrice} triggers at {@code tradePrice}. */
    static boolean triggers(final Side side, final long stopPrice, final long tradePrice) {
        return tradePrice > 0 && (side == Side.BUY ? tradePrice >= stopPrice : tradePrice <= stopPrice);
    }
}
