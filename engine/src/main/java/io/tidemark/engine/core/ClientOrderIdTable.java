package io.tidemark.engine.core;

import io.tidemark.engine.api.ClientOrderId;

import java.util.Arrays;

/**
 * The client_order_id table: for each (account, id) the order it created and that order's fields,
 * so a retry with identical fields replays and one with different fields conflicts.
 *
 * <p>Entries sit in a FIFO ring in insertion (= command time) order, so eviction is deterministic and
 * amortised O(1): when an entry is added, entries older than the retention are dropped from the head,
 * except that an entry whose order is still open is moved to the tail instead, so an open order can
 * always be found by its client id. An entry therefore lives at least the retention period; it may
 * live longer until the next insert. Lookups go through an open-addressing index of ring slots
 * (linear probing, backward-shift deletion). Struct-of-arrays, no allocation except when growing.
 * Owned by the engine thread.
 */
final class ClientOrderIdTable {
    static final long RETENTION_NANOS = 24L * 3600 * 1_000_000_000L;
    static final int NOT_FOUND = -1;
    private static final int EMPTY = -1;

    /** Tells whether an order is still open; the table does not own orders. */
    interface OpenOrders {
        boolean isOpen(long orderId);
    }

    private int mask;
    private long head;
    private long tail;
    private long[] account;
    private long[] w0;
    private long[] w1;
    private long[] w2;
    private long[] w3;
    private long[] orderId;
    private long[] time;
    private long[] fields;
    private long[] price;
    private long[] stopPrice;
    private long[] size;
    private long[] funds;
    private int[] index;
    private int indexMask;

    ClientOrderIdTable(final int initialCapacity) {
        allocate(Integer.highestOneBit(Math.max(16, initialCapacity - 1)) << 1);
    }

    int size() {
        return (int) (tail - head);
    }

    /** The ring slot of the entry for (account, id), or {@link #NOT_FOUND}. */
    int find(final long accountId, final ClientOrderId id) {
        int probe = (int) id.hash(accountId) & indexMask;
        while (true) {
            final int slot = index[probe];
            if (slot == EMPTY) {
                return NOT_FOUND;
            }
            if (account[slot] == accountId && id.equalsWords(w0[slot], w1[slot], w2[slot], w3[slot])) {
                return slot;
            }
            probe = (probe + 1) & indexMask;
        }
    }

    long orderId(final int slot) {
        return orderId[slot];
    }

    boolean sameFields(final int slot, final long packedFields, final long priceTicks, final long stopTicks,
                       final long sizeLots, final long fundsUnits) {
        return fields[slot] == packedFields && price[slot] == priceTicks && stopPrice[slot] == stopTicks
            && size[slot] == sizeLots && funds[slot] == fundsUnits;
    }

    /** Adds an entry at {@code now}, first evicting what has expired. The id must not be present. */
    void add(final long now, final OpenOrders openOrders, final long accountId, final ClientOrderId id, final long order,
             final long packedFields, final long priceTicks, final long stopTicks, final long sizeLots, final long fundsUnits) {
        evictExpired(now, openOrders);
        append(accountId, id.word(0), id.word(1), id.word(2), id.word(3), order, now, packedFields, priceTicks,
            stopTicks, sizeLots, fundsUnits);
    }

    /** Restores an entry exactly as written by a snapshot (in FIFO order). */
    void restore(final long accountId, final long word0, final long word1, final long word2, final long word3,
                 final long order, final long at, final long packedFields, final long priceTicks, final long stopTicks,
                 final long sizeLots, final long fundsUnits) {
        append(accountId, word0, word1, word2, word3, order, at, packedFields, priceTicks, stopTicks, sizeLots, fundsUnits);
    }

    /** Visits every entry in FIFO order (for snapshots and the state hash). */
    void forEach(final EntryVisitor visitor) {
        for (long n = head; n < tail; n++) {
            final int s = (int) n & mask;
            visitor.visit(account[s], w0[s], w1[s], w2[s], w3[s], orderId[s], time[s], fields[s], price[s],
                stopPrice[s], size[s], funds[s]);
        }
    }

    interface EntryVisitor {
        void visit(long accountId, long word0, long word1, long word2, long word3, long orderId, long time,
                   long packedFields, long price, long stopPrice, long size, long funds);
    }

    private void evictExpired(final long now, final OpenOrders openOrders) {
        final long cutoff = now - RETENTION_NANOS;
        final long end = tail;
        while (head < end) {
            final int slot = (int) head & mask;
            if (time[slot] >= cutoff) {
                return;
            }
            unindex(slot);
            head++;
            if (openOrders.isOpen(orderId[slot])) {
                append(account[slot], w0[slot], w1[slot], w2[slot], w3[slot], orderId[slot], now, fields[slot],
                    price[slot], stopPrice[slot], size[slot], funds[slot]);
            }
        }
    }

    private void append(final long accountId, final long word0, final long word1, final long word2, final long word3,
                        final long order, final long at, final long packedFields, final long priceTicks,
                        final long stopTicks, final long sizeLots, final long fundsUnits) {
        if (tail - head == mask + 1) {
            grow();
        }
        final int slot = (int) tail & mask;
        tail++;
        account[slot] = accountId;
        w0[slot] = word0;
        w1[slot] = word1;
        w2[slot] = word2;
        w3[slot] = word3;
        orderId[slot] = order;
        time[slot] = at;
        fields[slot] = packedFields;
        price[slot] = priceTicks;
        stopPrice[slot] = stopTicks;
        size[slot] = sizeLots;
        funds[slot] = fundsUnits;
        int probe = (int) ClientOrderId.hash(accountId, word0, word1, word2, word3) & indexMask;
        while (index[probe] != EMPTY) {
            probe = (probe + 1) & indexMask;
        }
        index[probe] = slot;
    }

    private int homeOf(final int slot) {
        return (int) ClientOrderId.hash(account[slot], w0[slot], w1[slot], w2[slot], w3[slot]) & indexMask;
    }

    private void unindex(final int slot) {
        int probe = homeOf(slot);
        while (index[probe] != slot) {
            probe = (probe + 1) & indexMask;
        }
        // backward-shift deletion keeps every probe chain unbroken without tombstones
        int gap = probe;
        int next = (gap + 1) & indexMask;
        while (index[next] != EMPTY) {
            final int home = homeOf(index[next]);
            final boolean movable = gap <= next ? (home <= gap || home > next) : (home <= gap && home > next);
            if (movable) {
                index[gap] = index[next];
                gap = next;
            }
            next = (next + 1) & indexMask;
        }
        index[gap] = EMPTY;
    }

    private void grow() {
        final long oldHead = head;
        final long oldTail = tail;
        final int oldMask = mask;
        final long[][] old = {account, w0, w1, w2, w3, orderId, time, fields, price, stopPrice, size, funds};
        allocate((mask + 1) * 2);
        for (long n = oldHead; n < oldTail; n++) {
            final int s = (int) n & oldMask;
            append(old[0][s], old[1][s], old[2][s], old[3][s], old[4][s], old[5][s], old[6][s], old[7][s],
                old[8][s], old[9][s], old[10][s], old[11][s]);
        }
    }

    private void allocate(final int capacity) {
        mask = capacity - 1;
        head = 0;
        tail = 0;
        account = new long[capacity];
        w0 = new long[capacity];
        w1 = new long[capacity];
        w2 = new long[capacity];
        w3 = new long[capacity];
        orderId = new long[capacity];
        time = new long[capacity];
        fields = new long[capacity];
        price = new long[capacity];
        stopPrice = new long[capacity];
        size = new long[capacity];
        funds = new long[capacity];
        index = new int[capacity * 2];
        indexMask = capacity * 2 - 1;
        Arrays.fill(index, EMPTY);
    }
}
