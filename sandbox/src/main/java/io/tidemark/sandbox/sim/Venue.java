package io.tidemark.sandbox.sim;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;

/**
 * One simulated trader's way into the exchange: the orders it may send and what it learns back. The
 * sandbox's is {@link RestVenue} (signed REST, like any bot); the model's tests drive a matching engine
 * directly. Prices in ticks, sizes in lots of the market.
 */
public interface Venue {
    /** A GTC limit order (a self-trade cancels the resting own order); its id while it rests, else null. */
    String rest(Market market, Side side, long price, long size);

    /** Moves a resting order to (price, size); true while it still rests, false once it is gone. */
    boolean amend(Market market, String orderId, long price, long size);

    /** An immediate-or-cancel limit order; the lots it filled. */
    long take(Market market, Side side, long limitPrice, long size);

    /** Cancels every resting order of this trader (a fresh start). */
    void cancelAll();

    /** The trader's holdings of the market's base asset (available and held), in its minor units, as last known. */
    long baseHoldings(Market market);
}
