package io.tidemark.gateway.auth;

/**
 * The nonces one key used within its timestamp window. A nonce only needs remembering while a request
 * with its timestamp could still be accepted, so each is kept until its timestamp leaves the window;
 * an expired entry's slot is reused and the table is rebuilt from the live entries when it fills, so
 * memory is bounded by the requests the rate limit lets in per window. Only nonces of correctly signed
 * requests are recorded, so garbage cannot fill it. Each nonce newly recorded is told to a
 * {@link Recorder} before {@link #use} returns (the {@link NonceLog}, so that it outlives a restart),
 * and entries read back after a restart come in through {@link #restore}. Thread safe.
 *
 * <p>Entries are a 128-bit hash of the nonce (two independent 64-bit hashes) and its expiry, in one
 * open-addressing {@code long[]}: no object per nonce. A nonce lives for seconds, as long as the gaps
 * between young collections, so a map of strings, boxed longs and deque nodes made every collection
 * copy the whole window (hundreds of thousands of entries at the REST benchmark's rates). Two different
 * nonces are taken for the same only if both hashes collide: for honest clients about 2^-128 per pair;
 * a client crafting collisions can only get its own requests refused.
 */
final class NonceWindow {
    /** Told each nonce as it is recorded, under the window's lock, before the request it came with goes on. */
    @FunctionalInterface
    interface Recorder {
        void recorded(long a, long b, long expiresAtMillis, long nowMillis);
    }

    private static final int FIELDS = 3;
    private static final int MIN_SLOTS = 64;
    /** Expiry of a slot never used; a used slot's expiry is at least 1. */
    private static final long EMPTY = 0;

    private final Recorder recorder;
    private long[] table = new long[MIN_SLOTS * FIELDS];
    private int mask = MIN_SLOTS - 1;
    /** Slots ever filled since the last rebuild, live or expired. */
    private int filled;

    NonceWindow(final Recorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Records {@code nonce} as used until {@code expiresAtMillis}; false when it was already used and is
     * still remembered.
     */
    synchronized boolean use(final String nonce, final long nowMillis, final long expiresAtMillis) {
        final long a = hash(nonce, 0x9E3779B97F4A7C15L);
        final long b = hash(nonce, 0xC2B2AE3D27D4EB4FL);
        final long expiry = Math.max(expiresAtMillis, 1);
        if (!put(a, b, nowMillis, expiry)) {
            return false;
        }
        recorder.recorded(a, b, expiry, nowMillis);
        return true;
    }

    /** Puts back an entry recorded before a restart (the log has it already). */
    synchronized void restore(final long a, final long b, final long nowMillis, final long expiresAtMillis) {
        put(a, b, nowMillis, expiresAtMillis);
    }

    private boolean put(final long a, final long b, final long nowMillis, final long expiry) {
        int reusable = -1;
        int slot = (int) a & mask;
        while (true) {
            final long slotExpiry = table[slot * FIELDS + 2];
            if (slotExpiry == EMPTY) {
                break;
            }
            if (table[slot * FIELDS] == a && table[slot * FIELDS + 1] == b) {
                if (slotExpiry >= nowMillis) {
                    return false;
                }
                table[slot * FIELDS + 2] = expiry;
                return true;
            }
            if (reusable < 0 && slotExpiry < nowMillis) {
                reusable = slot;
            }
            slot = (slot + 1) & mask;
        }
        if (reusable < 0) {
            reusable = slot;
            filled++;
        }
        table[reusable * FIELDS] = a;
        table[reusable * FIELDS + 1] = b;
        table[reusable * FIELDS + 2] = expiry;
        if (filled * 2 > mask + 1) {
            rebuild(nowMillis);
        }
        return true;
    }

    /** Keeps the live entries only, in a table four times their number (at least {@link #MIN_SLOTS}). */
    private void rebuild(final long nowMillis) {
        final long[] old = table;
        int live = 0;
        for (int i = 2; i < old.length; i += FIELDS) {
            if (old[i] >= nowMillis) {
                live++;
            }
        }
        final int slots = Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(live, 1) * 4 - 1) << 1);
        table = new long[slots * FIELDS];
        mask = slots - 1;
        filled = live;
        for (int i = 0; i < old.length; i += FIELDS) {
            if (old[i + 2] >= nowMillis) {
                int slot = (int) old[i] & mask;
                while (table[slot * FIELDS + 2] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, i, table, slot * FIELDS, FIELDS);
            }
        }
    }

    /** Slots in the table (for tests of the memory bound). */
    synchronized int capacity() {
        return mask + 1;
    }

    /** A 64-bit hash of the characters, seeded, with a strong final mix (Stafford's variant 13). */
    static long hash(final String text, final long seed) {
        long h = seed ^ text.length();
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0xFF51AFD7ED558CCDL;
            h ^= h >>> 29;
        }
        h ^= h >>> 30;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 27;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
