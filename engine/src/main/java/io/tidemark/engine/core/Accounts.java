package io.tidemark.engine.core;

import io.tidemark.engine.api.Wallet;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Every account's balances and open orders. Accounts get a dense index on first use (index 0 is the
 * fee account), and balances live in flat arrays indexed by account × asset, so settlement is plain
 * array arithmetic. Account ids are handed out densely from 1, so ids below {@link #DIRECT_IDS} find
 * their index in a plain array; others (never expected, but allowed) go through a primitive map.
 * Only the spot wallet has holds. Also tracks, per asset, what is outstanding (deposits −
 * withdrawals), which bounds every balance. Owned by the engine thread.
 */
final class Accounts {
    static final long FEE_ACCOUNT_ID = 0;
    static final int FEE_ACCOUNT_INDEX = 0;

    static final int DIRECT_IDS = 1 << 22;

    /** Balance columns per account; one more per listed asset. */
    private int assetCount;
    private final Long2LongHashMap indexById = new Long2LongHashMap(-1);
    /** Index by id for ids below DIRECT_IDS, -1 where none; grows with the largest such id seen. */
    private int[] directIndex = new int[0];
    private long[] ids;
    private long[] available;
    private long[] hold;
    private long[] margin;
    private long[] earn;
    private Order[] openHead;
    private Order[] openTail;
    /** Frozen by an operator: no new orders, no withdrawals. */
    private boolean[] frozen;
    private int count;
    private long[] outstanding;

    Accounts(final int assetCount, final int initialCapacity) {
        this.assetCount = assetCount;
        final int capacity = Math.max(2, initialCapacity);
        ids = new long[capacity];
        available = new long[capacity * assetCount];
        hold = new long[capacity * assetCount];
        margin = new long[capacity * assetCount];
        earn = new long[capacity * assetCount];
        openHead = new Order[capacity];
        openTail = new Order[capacity];
        frozen = new boolean[capacity];
        outstanding = new long[assetCount];
        getOrCreate(FEE_ACCOUNT_ID);
    }

    int count() {
        return count;
    }

    /** The account's index, or -1 if it has never been credited. */
    int index(final long accountId) {
        if (accountId >= 0 && accountId < DIRECT_IDS) {
            return accountId < directIndex.length ? directIndex[(int) accountId] : -1;
        }
        return (int) indexById.get(accountId);
    }

    int getOrCreate(final long accountId) {
        final int existing = index(accountId);
        if (existing >= 0) {
            return existing;
        }
        if (count == ids.length) {
            grow();
        }
        final int index = count++;
        ids[index] = accountId;
        if (accountId >= 0 && accountId < DIRECT_IDS) {
            if (accountId >= directIndex.length) {
                final int oldLength = directIndex.length;
                directIndex = Arrays.copyOf(directIndex, (int) Math.min(DIRECT_IDS, Math.max(64, (accountId + 1) * 2)));
                Arrays.fill(directIndex, oldLength, directIndex.length, -1);
            }
            directIndex[(int) accountId] = index;
        } else {
            indexById.put(accountId, index);
        }
        return index;
    }

    long id(final int index) {
        return ids[index];
    }

    long available(final int index, final int asset) {
        return available[index * assetCount + asset];
    }

    /** Spot available of an account that may not exist (then zero). */
    long availableOf(final long accountId, final int asset) {
        final int index = index(accountId);
        return index < 0 ? 0 : available(index, asset);
    }

    long hold(final int index, final int asset) {
        return hold[index * assetCount + asset];
    }

    long walletAvailable(final int index, final int asset, final Wallet wallet) {
        return walletArray(wallet)[index * assetCount + asset];
    }

    /** Hold of a wallet: only spot holds funds. */
    long walletHold(final int index, final int asset, final Wallet wallet) {
        return wallet == Wallet.SPOT ? hold(index, asset) : 0;
    }

    void addAvailable(final int index, final int asset, final long delta) {
        available[index * assetCount + asset] += delta;
    }

    void addWallet(final int index, final int asset, final Wallet wallet, final long delta) {
        walletArray(wallet)[index * assetCount + asset] += delta;
    }

    /** Moves {@code amount} from available to hold. */
    void hold(final int index, final int asset, final long amount) {
        final int slot = index * assetCount + asset;
        available[slot] -= amount;
        hold[slot] += amount;
    }

    /** Moves {@code amount} from hold back to available. */
    void release(final int index, final int asset, final long amount) {
        final int slot = index * assetCount + asset;
        hold[slot] -= amount;
        available[slot] += amount;
    }

    /** Takes {@code amount} out of hold (it was spent). */
    void spendHold(final int index, final int asset, final long amount) {
        hold[index * assetCount + asset] -= amount;
    }

    /** Sets every wallet of one asset of one account, when restoring a snapshot. */
    void restore(final int index, final int asset, final long spotAvailable, final long spotHold, final long marginAvailable,
                 final long earnAvailable) {
        final int slot = index * assetCount + asset;
        available[slot] = spotAvailable;
        hold[slot] = spotHold;
        margin[slot] = marginAvailable;
        earn[slot] = earnAvailable;
    }

    void restoreOutstanding(final int asset, final long value) {
        outstanding[asset] = value;
    }

    long outstanding(final int asset) {
        return outstanding[asset];
    }

    void addOutstanding(final int asset, final long delta) {
        outstanding[asset] += delta;
    }

    /** Appends an order to its account's open-order list (time order). */
    void linkOrder(final Order order) {
        final int index = order.accountIndex;
        final Order tail = openTail[index];
        order.accountNext = null;
        order.accountPrev = tail;
        if (tail == null) {
            openHead[index] = order;
        } else {
            tail.accountNext = order;
        }
        openTail[index] = order;
    }

    void unlinkOrder(final Order order) {
        final int index = order.accountIndex;
        final Order prev = order.accountPrev;
        final Order next = order.accountNext;
        if (prev == null) {
            openHead[index] = next;
        } else {
            prev.accountNext = next;
        }
        if (next == null) {
            openTail[index] = prev;
        } else {
            next.accountPrev = prev;
        }
        order.accountPrev = null;
        order.accountNext = null;
    }

    boolean isFrozen(final int index) {
        return frozen[index];
    }

    void setFrozen(final int index, final boolean value) {
        frozen[index] = value;
    }

    Order firstOpenOrder(final int index) {
        return openHead[index];
    }

    private long[] walletArray(final Wallet wallet) {
        return switch (wallet) {
            case SPOT -> available;
            case MARGIN -> margin;
            case EARN -> earn;
        };
    }

    /** Adds a balance column (zero for every account) for a newly listed asset. */
    void addAsset() {
        final int columns = assetCount + 1;
        available = widen(available, columns);
        hold = widen(hold, columns);
        margin = widen(margin, columns);
        earn = widen(earn, columns);
        outstanding = Arrays.copyOf(outstanding, columns);
        assetCount = columns;
    }

    private long[] widen(final long[] balances, final int columns) {
        final int capacity = ids.length;
        final long[] wider = new long[capacity * columns];
        for (int index = 0; index < capacity; index++) {
            System.arraycopy(balances, index * assetCount, wider, index * columns, assetCount);
        }
        return wider;
    }

    private void grow() {
        final int capacity = ids.length * 2;
        ids = Arrays.copyOf(ids, capacity);
        available = Arrays.copyOf(available, capacity * assetCount);
        hold = Arrays.copyOf(hold, capacity * assetCount);
        margin = Arrays.copyOf(margin, capacity * assetCount);
        earn = Arrays.copyOf(earn, capacity * assetCount);
        openHead = Arrays.copyOf(openHead, capacity);
        openTail = Arrays.copyOf(openTail, capacity);
        frozen = Arrays.copyOf(frozen, capacity);
    }
}
