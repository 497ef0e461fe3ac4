package io.tidemark.gateway.ratelimit;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Weighted request budgets per minute, one per principal (a key, or a client address for public
 * endpoints) and budget (order entry and data are separate). Fixed windows aligned to the minute, so
 * {@code RateLimit-Reset} is simply the time to the next minute. Some calls are charged but never
 * refused (cancels: a bot must always be able to pull its quotes). Windows of principals idle past
 * their minute are swept, so per-address state stays bounded. Thread safe.
 */
public final class RateLimiter {
    private static final long WINDOW_MILLIS = 60_000;
    private static final int SWEEP_ABOVE = 50_000;

    private final LongSupplier clockMillis;
    /** Per budget, the windows by principal: no key is built per request (it was two string concatenations). */
    private final Map<Budget, Map<String, Window>> windows = new EnumMap<>(Budget.class);

    /** The outcome of charging a request, and what the RateLimit-* headers say. */
    public record Decision(boolean allowed, int limit, int remaining, long resetsAtMillis, long nowMillis) {
        public long resetSeconds() {
            return Math.max(1, (resetsAtMillis - nowMillis + 999) / 1000);
        }

        public String policy() {
            return limit + ";w=60";
        }
    }

    public RateLimiter(final LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        for (final Budget budget : Budget.values()) {
            windows.put(budget, new ConcurrentHashMap<>());
        }
    }

    /** The principal of a key's budgets: its id as it is (key ids never begin with "ip:"). */
    public static String keyPrincipal(final String keyId) {
        return keyId;
    }

    /** The principal of an unauthenticated client's budgets. */
    public static String addressPrincipal(final InetAddress client) {
        return "ip:" + client.getHostAddress();
    }

    /** Charges {@code weight} against {@code principal}'s budget of {@code limit} per minute. */
    public Decision charge(final String principal, final Budget budget, final int limit, final int weight,
                           final boolean neverRefuse) {
        final long now = clockMillis.getAsLong();
        final long windowStart = now - Math.floorMod(now, WINDOW_MILLIS);
        final Map<String, Window> budgetWindows = windows.get(budget);
        if (budgetWindows.size() > SWEEP_ABOVE) {
            budgetWindows.values().removeIf(window -> window.start < windowStart);
        }
        final Window window = budgetWindows.computeIfAbsent(principal, k -> new Window());
        synchronized (window) {
            if (window.start != windowStart) {
                window.start = windowStart;
                window.used = 0;
            }
            final boolean allowed = window.used + weight <= limit || neverRefuse;
            if (allowed) {
                window.used += weight;
            }
            return new Decision(allowed, limit, Math.max(0, limit - window.used), windowStart + WINDOW_MILLIS, now);
        }
    }

    /** Reads a budget without charging it (for responses that cost nothing, such as ping). */
    public Decision peek(final String principal, final Budget budget, final int limit) {
        final long now = clockMillis.getAsLong();
        final long windowStart = now - Math.floorMod(now, WINDOW_MILLIS);
        final Window window = windows.get(budget).get(principal);
        int used = 0;
        if (window != null) {
            synchronized (window) {
                used = window.start == windowStart ? window.used : 0;
            }
        }
        return new Decision(true, limit, Math.max(0, limit - used), windowStart + WINDOW_MILLIS, now);
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

    private static final class Window {
        long start;
        int used;
    }
}
