package io.tidemark.gateway.ws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * The WebSocket side of switches a {@link CancelAfterKeeper} keeps: arms and disarms go to the keeper, and
 * when an account's switch fires, the sessions of this gateway that armed it are told what it cancelled,
 * with the same message a session's own switch sends. Thread safe.
 */
public final class KeptCancelAfter implements CancelAfterKeeper.Fired {
    private final CancelAfterKeeper keeper;
    private final ConcurrentHashMap<Long, Set<WsSession>> armedBy = new ConcurrentHashMap<>();

    public KeptCancelAfter(final CancelAfterKeeper keeper) {
        this.keeper = keeper;
        keeper.onFired(this);
    }

    /** See {@link CancelAfterKeeper#set}; {@code session} hears of the firing while the switch stays armed. */
    boolean set(final WsSession session, final long accountId, final long timeoutMillis, final Executor executor,
                final LongConsumer then) {
        if (!keeper.set(accountId, timeoutMillis, executor, then)) {
            return false;
        }
        if (timeoutMillis > 0) {
            armedBy.computeIfAbsent(accountId, account -> ConcurrentHashMap.newKeySet()).add(session);
        } else {
            armedBy.remove(accountId); // one switch per account: disarmed for all its sessions
        }
        return true;
    }

    /** A closed session hears of nothing more (the switch itself stays armed: that is what it is for). */
    void forget(final WsSession session, final long accountId) {
        armedBy.computeIfPresent(accountId, (account, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    @Override
    public void onFired(final long accountId, final long[] cancelledOrderIds) {
        final Set<WsSession> sessions = armedBy.remove(accountId);
        if (sessions != null) {
            sessions.forEach(session -> session.cancelAfterFired(cancelledOrderIds));
        }
    }
}
