package io.tidemark.history.writer;

import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.history.store.HistoryStore;
import io.tidemark.history.store.LedgerEntry;
import io.tidemark.history.store.LedgerType;
import io.tidemark.node.view.OrderRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The history writer's thread: takes batches from the {@link HandOff}, turns wallet totals into ledger
 * entries, and writes up to {@link #MAX_BATCHES} commands per transaction together with the journal
 * sequence reached. Whatever the hand-off dropped, and whatever happened before the store's sequence
 * at start, it reads back from the journal ({@link JournalCatchUp}). Between batches it runs retention
 * in small steps. Readers wait on {@link #reached()}.
 *
 * <p>Threading: {@link #run} is the writer thread's loop; {@link #reached()}, {@link #lag()} and
 * {@link #awaitReached} are safe from any thread.
 */
public final class HistoryWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    static final int MAX_BATCHES = 16_384;
    /**
     * How long the writer lets batches gather after the first before it writes them (unless a reader waits or
     * the transaction is full). Each SQLite commit rewrites every page it touched into the WAL, and a writer that
     * wakes for every command pays that per command, and wakes the view thread's hand-off each time; a few
     * milliseconds of gathering turn that into one commit per a few hundred commands (20 ms against 5: the
     * writer's CPU per REST request 2.7 against 3.8-5.1 µs). Readers lose nothing:
     * {@link #awaitReached} wakes the writer at once.
     */
    static final long GATHER_NANOS = 20_000_000L;
    private static final int RETENTION_ROWS = 500;
    private static final long RETENTION_EVERY_NANOS = 60_000_000_000L;
    /** How long the catch-up's replica outlives the last catch-up: a writer that fell behind once often does again. */
    private static final long REPLICA_KEPT_NANOS = 10_000_000_000L;

    private final HistoryStore store;
    private final HandOff handOff;
    private final JournalCatchUp journal;
    private final long retentionNanos;
    private final LongSupplier clockNanos;
    private long lastCatchUpNanos;
    private final Map<HistoryStore.WalletKey, Long> totals;
    private final HistoryStore.WriteSet set = new HistoryStore.WriteSet();
    private final List<Batch> taken = new ArrayList<>(MAX_BATCHES);
    private long nextLedgerId;
    private volatile long reached;
    private volatile long startAt = -1;
    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile Throwable failure;
    /** Readers in {@link #awaitReached}: while any waits, the writer writes what it has without gathering. */
    private final AtomicInteger readersWaiting = new AtomicInteger();
    private long pendingCommands;
    private long nextRetention;
    private volatile long rowsWritten;

    /**
     * @param dataDir    the node's data directory, whose journal and snapshots a catch-up reads
     * @param clockNanos wall-clock epoch nanoseconds (the engine's timestamps), for retention
     */
    public HistoryWriter(final HistoryStore store, final HandOff handOff, final Path dataDir, final ExchangeConfig config,
                         final long retentionNanos, final LongSupplier clockNanos) {
        this.store = store;
        this.handOff = handOff;
        this.journal = new JournalCatchUp(dataDir, config);
        this.retentionNanos = retentionNanos;
        this.clockNanos = clockNanos;
        final long[] progress = store.progress();
        this.reached = progress[0];
        this.nextLedgerId = progress[1];
        this.totals = store.totals();
    }

    /** Starts the thread once the node has recovered to {@code recoveredSequence}. */
    public void start(final long recoveredSequence) {
        startAt = recoveredSequence;
        handOff.recovered(recoveredSequence);
        final Thread t = new Thread(this, "tidemark-history-writer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** The journal sequence whose history is all in the store (or needs nothing). */
    public long reached() {
        return reached;
    }

    /** Commands the store is behind the views. */
    public long lag() {
        return Math.max(0, handOff.viewsSequence() - reached);
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    /** Waits until the store has everything up to {@code sequence}; false on timeout or when the writer failed. */
    public boolean awaitReached(final long sequence, final long timeoutNanos) {
        if (reached >= sequence) {
            return true;
        }
        final long deadline = System.nanoTime() + timeoutNanos;
        readersWaiting.incrementAndGet();
        try {
            LockSupport.unpark(thread);
            while (reached < sequence) {
                if (failure != null || System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(200_000);
            }
            return true;
        } finally {
            readersWaiting.decrementAndGet();
        }
    }

    @Override
    public void run() {
        try {
            catchUp(startAt);
            while (!stopping || !handOff.isEmpty()) {
                final Batch first = handOff.poll(20);
                if (first != null) {
                    taken.add(first);
                    gather();
                    for (final Batch batch : taken) {
                        if (batch.lostBefore() && batch.sequence() - 1 > reached) {
                            flush();
                            catchUp(batch.sequence() - 1);
                        }
                        if (batch.sequence() > reached) {
                            apply(batch);
                        }
                    }
                    taken.clear();
                    flush();
                } else {
                    idle();
                }
            }
            flush();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Throwable e) {
            failure = e;
            LOG.error("event=history_writer_failed the history store stops here; a restart catches it up from the journal", e);
        }
    }

    /** Takes what the hand-off holds, for up to {@link #GATHER_NANOS} after the first batch (see there). */
    private void gather() {
        final long until = System.nanoTime() + GATHER_NANOS;
        handOff.drainTo(taken, MAX_BATCHES - taken.size());
        long left;
        while (taken.size() < MAX_BATCHES && readersWaiting.get() == 0 && !stopping && !handOff.lost()
            && (left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            handOff.drainTo(taken, MAX_BATCHES - taken.size());
        }
    }

    private void idle() {
        final long covered = handOff.covered();
        if (handOff.lost()) {
            if (handOff.viewsSequence() > reached) {
                catchUp(handOff.viewsSequence());
            }
        } else if (handOff.isEmpty() && covered > reached) {
            reached = covered; // commands without history: nothing to write, stored with the next batch
        }
        if (journal.holdsReplica() && !handOff.lost() && System.nanoTime() - lastCatchUpNanos > REPLICA_KEPT_NANOS) {
            journal.release();
        }
        final long now = clockNanos.getAsLong();
        if (now >= nextRetention) {
            nextRetention = now + RETENTION_EVERY_NANOS;
            retention(now);
        }
    }

    private void catchUp(final long upTo) {
        if (upTo <= reached) {
            return;
        }
        final long from = reached;
        lastCatchUpNanos = System.nanoTime();
        final long got = journal.replay(from, upTo, batch -> {
            apply(batch);
            if (pendingCommands >= MAX_BATCHES) {
                flush();
            }
        });
        if (got > reached) {
            flushAt(got); // sets reached once written: readers waiting on it then find the rows
        }
    }

    private void apply(final Batch batch) {
        for (final OrderRecord order : batch.orders()) {
            set.order(order);
        }
        for (final Batch.Fill fill : batch.fills()) {
            set.fill(fill.accountId(), fill.fill());
        }
        for (final Batch.Balance b : batch.balances()) {
            final HistoryStore.WalletKey key = new HistoryStore.WalletKey(b.accountId(), b.assetId(), b.wallet());
            final long before = totals.getOrDefault(key, 0L);
            final long change = b.total() - before;
            if (change == 0) {
                continue;
            }
            if (b.tradeId() != 0) {
                if (b.feeIncome()) {
                    entry(b, LedgerType.FEE, change, b.total(), b.tradeId());
                } else {
                    final long traded = change + b.fee();
                    if (traded != 0) {
                        entry(b, LedgerType.TRADE, traded, before + traded, b.tradeId());
                    }
                    if (b.fee() != 0) {
                        entry(b, LedgerType.FEE, -b.fee(), b.total(), b.tradeId());
                    }
                }
            } else {
                entry(b, typeOf(batch.type()), change, b.total(),
                    batch.resultId() != 0 ? batch.resultId() : batch.sequence());
            }
            totals.put(key, b.total());
            set.total(key, b.total());
        }
        pendingCommands++;
        pendingSequence = batch.sequence();
    }

    private long pendingSequence;

    private static LedgerType typeOf(final CommandType type) {
        if (type == null) {
            return LedgerType.DEPOSIT;
        }
        return switch (type) {
            case DEPOSIT -> LedgerType.DEPOSIT;
            case FAUCET -> LedgerType.FAUCET;
            case WITHDRAW, REQUEST_WITHDRAWAL, COMPLETE_WITHDRAWAL -> LedgerType.WITHDRAWAL;
            case REJECT_WITHDRAWAL -> LedgerType.WITHDRAWAL_REFUND;
            case TRANSFER -> LedgerType.TRANSFER;
            case PLACE_ORDER, CANCEL_ORDER, CANCEL_ALL, AMEND_ORDER, SET_MARKET_STATUS, FREEZE_ACCOUNT, UNFREEZE_ACCOUNT,
                 SET_MARKET_FEES, LIST_ASSET, LIST_MARKET -> LedgerType.TRADE;
        };
    }

    private void entry(final Batch.Balance b, final LedgerType type, final long amount, final long after, final long ref) {
        set.ledger(new LedgerEntry(nextLedgerId++, b.accountId(), b.assetId(), b.wallet(), amount, after, type, ref,
            b.time()));
    }

    private void flush() {
        if (pendingCommands == 0) {
            return;
        }
        flushAt(Math.max(pendingSequence, reached));
    }

    private void flushAt(final long sequence) {
        set.progress(sequence, nextLedgerId);
        final int rows = set.rows();
        store.write(set);
        set.clear();
        pendingCommands = 0;
        rowsWritten += rows;
        if (sequence > reached) {
            reached = sequence;
        }
    }

    private void retention(final long now) {
        if (retentionNanos <= 0) {
            return;
        }
        final long cutoff = now - retentionNanos;
        int orders = 0;
        int fills = 0;
        int wallets = 0;
        // small steps: the queue is looked at between them, so a burst waits at most one step
        int step;
        do {
            step = store.deleteClosedOrdersBefore(cutoff, RETENTION_ROWS);
            orders += step;
        } while (step == RETENTION_ROWS && handOff.isEmpty());
        do {
            step = store.deleteFillsBefore(cutoff, RETENTION_ROWS);
            fills += step;
        } while (step == RETENTION_ROWS && handOff.isEmpty());
        do {
            step = store.carryForward(cutoff, RETENTION_ROWS / 10);
            wallets += step;
        } while (step == RETENTION_ROWS / 10 && handOff.isEmpty());
        if (orders + fills + wallets > 0) {
            LOG.info("event=history_retention orders={} fills={} wallets_carried_forward={}", orders, fills, wallets);
        }
        if (!handOff.isEmpty()) {
            nextRetention = 0; // not done: continue at the next idle moment
        }
    }

    /** Runs retention now (tests, operators); on the caller's thread, so only while the writer is idle or stopped. */
    public void retentionNow() {
        retention(clockNanos.getAsLong());
    }

    public Throwable failure() {
        return failure;
    }

    /** Writes what is queued, then stops the thread. */
    public void close() {
        stopping = true;
        final Thread t = thread;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
