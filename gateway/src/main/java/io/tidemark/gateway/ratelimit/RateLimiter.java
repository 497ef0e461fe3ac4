package io.tidemark.gateway.ratelimit;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Weighted request budgets, one per principal (a key, or a client address for requests made without
 * one) and budget (order entry and data are separate). Each is a token bucket that holds at most its
 * limit and refills continuously at the limit per minute: there is no window boundary to spend a
 * budget twice across, so in any span of t ms a principal gets at most limit × (1 + t / 60,000).
 * Some calls are charged but never refused (cancels: a bot must always be able to pull its quotes).
 * Buckets that have refilled to full say nothing a new one would not, so they are swept once there are
 * many, which keeps per-address state bounded.
 *
 * <p>Nothing is allocated per call once a principal has its bucket: the outcome is written into a
 * {@link Decision} the caller owns, and principals are the key's id or the client's address object as
 * they are. Thread safe; each bucket is locked only while it is charged.
 */
public final class RateLimiter {
    /** A limit is weight per this many ms; tokens are counted in 1/this of a weight, so refill is exact. */
    private static final long WINDOW_MILLIS = 60_000;
    private static final int SWEEP_ABOVE = 50_000;
    private static final long SWEEP_INTERVAL_MILLIS = 1_000;

    private final LongSupplier clockMillis;
    /** Per budget (by ordinal), the buckets by principal. */
    private final Budgets[] budgets = new Budgets[Budget.values().length];

    public RateLimiter(final LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        for (int i = 0; i < budgets.length; i++) {
            budgets[i] = new Budgets();
        }
    }

    /** The principal of a key's budgets: its id as it is. */
    public static Object keyPrincipal(final String keyId) {
        return keyId;
    }

    /** The principal of a client's budgets when it acts without a key: its address (never equal to a key id). */
    public static Object addressPrincipal(final InetAddress client) {
        return client;
    }

    /**
     * Charges {@code weight} to {@code principal}'s bucket of {@code limit} per minute and writes the
     * outcome to {@code out}; returns whether the request may go on. {@code neverRefuse} charges even an
     * empty bucket, overdrawing it by at most one whole limit, so a flood of cancels delays later orders
     * by about a minute at most.
     */
    public boolean charge(final Object principal, final Budget budget, final int limit, final int weight,
                          final boolean neverRefuse, final Decision out) {
        final long now = clockMillis.getAsLong();
        final Budgets buckets = budgets[budget.ordinal()];
        buckets.sweepIfLarge(now);
        final long capacity = limit * WINDOW_MILLIS;
        final long cost = weight * WINDOW_MILLIS;
        while (true) {
            final Bucket bucket = buckets.get(principal, capacity, now);
            synchronized (bucket) {
                if (bucket.swept) {
                    continue; // taken out as full while we reached for it: a fresh one is just as full
                }
                final long level = bucket.refill(limit, now);
                final boolean allowed = level >= cost || neverRefuse;
                if (allowed) {
                    bucket.level = Math.max(level - cost, -capacity);
                }
                final long retryAfter = allowed ? 0 : secondsUntil(Math.min(cost, capacity) - level, limit);
                out.set(allowed, limit, bucket.level, retryAfter, now);
                return allowed;
            }
        }
    }

    /** Writes {@code principal}'s budget to {@code out} without charging it (for answers that cost nothing). */
    public void peek(final Object principal, final Budget budget, final int limit, final Decision out) {
        final long now = clockMillis.getAsLong();
        final long capacity = limit * WINDOW_MILLIS;
        final Bucket bucket = budgets[budget.ordinal()].map.get(principal);
        long level = capacity;
        if (bucket != null) {
            synchronized (bucket) {
                level = bucket.swept ? capacity : bucket.levelAt(limit, now);
            }
        }
        out.set(true, limit, level, 0, now);
    }

    /** Principals with a bucket in {@code budget} (for tests of the memory bound). */
    int size(final Budget budget) {
        return budgets[budget.ordinal()].map.size();
    }

    /** Whole seconds (at least 1) until a bucket refilling {@code limit} per minute gains {@code tokens}. */
    private static long secondsUntil(final long tokens, final int limit) {
        final long perSecond = limit * 1_000L;
        return Math.max(1, (tokens + perSecond - 1) / perSecond);
    }

    /** Which budget a request draws on. */
    public enum Budget {
        /** Placing, cancelling and amending orders; transfers and withdrawals. */
        ORDERS,
        /** Reads: market data and account data. */
        DATA,
        /** Sandbox sign-ups, per address. */
        SIGNUP
    }

    /**
     * What one charge decided, and what the {@code RateLimit-*} headers say: reused, filled in place by
     * {@link #charge} and {@link #peek}. Not thread safe; owned by one request or one WebSocket session.
     */
    public static final class Decision {
        private boolean allowed;
        private int limit;
        private int remaining;
        private long resetSeconds;
        private long retryAfterSeconds;
        private long nowMillis;

        void set(final boolean allowed, final int limit, final long level, final long retryAfterSeconds,
                 final long nowMillis) {
            this.allowed = allowed;
            this.limit = limit;
            this.remaining = (int) Math.max(0, level / WINDOW_MILLIS);
            this.resetSeconds = level >= limit * WINDOW_MILLIS ? 0
                : secondsUntil(limit * WINDOW_MILLIS - level, limit);
            this.retryAfterSeconds = retryAfterSeconds;
            this.nowMillis = nowMillis;
        }

        /** Whether a charge or peek has filled it in. */
        public boolean isSet() {
            return limit > 0;
        }

        public boolean allowed() {
            return allowed;
        }

        /** Weight per minute. */
        public int limit() {
            return limit;
        }

        /** Whole weight left now. */
        public int remaining() {
            return remaining;
        }

        /** {@code RateLimit-Reset}: seconds until the budget is full again (0 when it is). */
        public long resetSeconds() {
            return resetSeconds;
        }

        /** {@code Retry-After} of a refusal: seconds until the refused weight is available. */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** {@code resets_at} of a refusal: now plus {@link #retryAfterSeconds()}. */
        public long retryAtMillis() {
            return nowMillis + retryAfterSeconds * 1_000;
        }

        /** {@code RateLimit-Policy}. */
        public String policy() {
            return limit + ";w=60";
        }
    }

    /** One budget's buckets by principal. */
    private static final class Budgets {
        final Map<Object, Bucket> map = new ConcurrentHashMap<>();
        private volatile long nextSweepMillis;

        Bucket get(final Object principal, final long capacity, final long now) {
            final Bucket bucket = map.get(principal);
            return bucket != null ? bucket : map.computeIfAbsent(principal, k -> new Bucket(capacity, now));
        }

        void sweepIfLarge(final long now) {
            if (map.size() > SWEEP_ABOVE && now >= nextSweepMillis) {
                nextSweepMillis = now + SWEEP_INTERVAL_MILLIS;
                map.values().removeIf(bucket -> bucket.sweepIfFull(now));
            }
        }
    }

    /** Tokens in 1/60,000 of a weight, so that a limit per minute refills exactly limit of them per ms. */
    private static final class Bucket {
        long level;
        long updatedMillis;
        /** The limit of the last charge: what it refills at when the sweep looks at it. */
        int limit;
        boolean swept;

        Bucket(final long capacity, final long now) {
            this.level = capacity;
            this.updatedMillis = now;
        }

        /** Refills up to {@code now} and returns the level; a clock that stepped back refills nothing. */
        long refill(final int limit, final long now) {
            level = levelAt(limit, now);
            updatedMillis = Math.max(updatedMillis, now);
            this.limit = limit;
            return level;
        }

        long levelAt(final int limit, final long now) {
            final long capacity = limit * WINDOW_MILLIS;
            final long elapsed = Math.max(0, now - updatedMillis);
            // two windows refill even an overdrawn bucket, and keep elapsed × limit far from overflowing
            return elapsed >= WINDOW_MILLIS * 2 ? capacity : Math.min(capacity, level + elapsed * limit);
        }

        synchronized boolean sweepIfFull(final long now) {
            if (limit > 0 && levelAt(limit, now) >= limit * WINDOW_MILLIS) {
                swept = true;
            }
            return swept;
        }
    }
}
