package io.tidemark.gateway.ws;

import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * Where the WebSocket {@code cancel_after} dead-man switches are kept when this gateway does not keep them:
 * a clustered engine holds them in its replicated state, one per account, so that a switch outlives the
 * gateway that armed it and a fail-over. Without a keeper each WebSocket session keeps its own switch on
 * its event loop (a single node).
 */
public interface CancelAfterKeeper {
    /** Told that an account's switch fired, with the ids of the orders it cancelled. */
    @FunctionalInterface
    interface Fired {
        void onFired(long accountId, long[] cancelledOrderIds);
    }

    /**
     * Arms (timeout above 0) or disarms (0) the account's switch; once that is in force {@code then} runs on
     * {@code executor} with the deadline in epoch milliseconds (0: disarmed). False when it was not taken
     * (busy or stopped): nothing changed.
     */
    boolean set(long accountId, long timeoutMillis, Executor executor, LongConsumer then);

    /** Whom to tell when a switch fires (once, before the gateway serves). */
    void onFired(Fired fired);
}
