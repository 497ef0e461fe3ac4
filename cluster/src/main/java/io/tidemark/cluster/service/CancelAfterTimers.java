package io.tidemark.cluster.service;

import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * The WebSocket {@code cancel_after} dead-man switches as replicated state: per account, the deadline (in
 * cluster time) and the correlation id of the cluster timer that fires it. Each arm takes a new correlation
 * id from a counter kept here, so a timer of an earlier arm that fires anyway is recognised and ignored.
 * Everything here is decided from the log (the arm's timestamp, the timer events), so every node holds the
 * same switches; they go into the service snapshot (the consensus module snapshots the timers themselves).
 *
 * <p>Not thread safe: owned by the service thread.
 */
final class CancelAfterTimers {
    private static final long NONE = -1;

    /** The cluster's timers (Cluster.scheduleTimer / cancelTimer). */
    interface Scheduler {
        void schedule(long correlationId, long deadline);

        void cancel(long correlationId);
    }

    private final Long2LongHashMap deadlineByAccount = new Long2LongHashMap(NONE);
    private final Long2LongHashMap timerByAccount = new Long2LongHashMap(NONE);
    private final Long2LongHashMap accountByTimer = new Long2LongHashMap(NONE);
    private long lastTimerId;

    /**
     * Arms the account's switch to fire {@code timeout} after {@code now} (both in cluster time units),
     * replacing any armed before; a timeout of 0 disarms. Returns the deadline, 0 when disarmed.
     */
    long set(final Scheduler scheduler, final long accountId, final long now, final long timeout) {
        final long previous = timerByAccount.remove(accountId);
        if (previous != NONE) {
            accountByTimer.remove(previous);
            deadlineByAccount.remove(accountId);
            scheduler.cancel(previous);
        }
        if (timeout <= 0) {
            return 0;
        }
        final long timerId = ++lastTimerId;
        final long deadline = now + timeout;
        timerByAccount.put(accountId, timerId);
        accountByTimer.put(timerId, accountId);
        deadlineByAccount.put(accountId, deadline);
        scheduler.schedule(timerId, deadline);
        return deadline;
    }

    /** The account's deadline, 0 when its switch is not armed. */
    long deadline(final long accountId) {
        final long deadline = deadlineByAccount.get(accountId);
        return deadline == NONE ? 0 : deadline;
    }

    /**
     * The account whose switch timer {@code correlationId} fires, now disarmed; -1 when that timer is not
     * (any more) an armed switch's.
     */
    long fired(final long correlationId) {
        final long accountId = accountByTimer.remove(correlationId);
        if (accountId != NONE) {
            timerByAccount.remove(accountId);
            deadlineByAccount.remove(accountId);
        }
        return accountId;
    }

    int armed() {
        return timerByAccount.size();
    }

    /** The last correlation id, then the count and each (account, deadline, timer) in account order. */
    void write(final SnapshotOutput out) {
        out.putLong(lastTimerId);
        final long[] accounts = new long[timerByAccount.size()];
        int n = 0;
        final Long2LongHashMap.KeyIterator keys = timerByAccount.keySet().iterator();
        while (keys.hasNext()) {
            accounts[n++] = keys.nextValue();
        }
        Arrays.sort(accounts);
        out.putInt(accounts.length);
        for (final long account : accounts) {
            out.putLong(account).putLong(deadlineByAccount.get(account)).putLong(timerByAccount.get(account));
        }
    }

    static CancelAfterTimers read(final SnapshotInput in) {
        final CancelAfterTimers timers = new CancelAfterTimers();
        timers.lastTimerId = in.getLong();
        final int count = in.getBounded(Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            final long account = in.getLong();
            final long deadline = in.getLong();
            final long timer = in.getLong();
            timers.deadlineByAccount.put(account, deadline);
            timers.timerByAccount.put(account, timer);
            timers.accountByTimer.put(timer, account);
        }
        return timers;
    }
}
