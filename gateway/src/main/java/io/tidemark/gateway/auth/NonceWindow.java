package io.tidemark.gateway.auth;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The nonces one key used within its timestamp window. A nonce only needs remembering while a request
 * with its timestamp could still be accepted, so each is kept until its timestamp leaves the window and
 * then evicted in arrival order: memory is bounded by the requests the rate limit lets in per window.
 * Only nonces of correctly signed requests are recorded, so garbage cannot fill it. Thread safe.
 */
final class NonceWindow {
    private final Map<String, Long> expiries = new HashMap<>();
    private final ArrayDeque<String> order = new ArrayDeque<>();
    private final ArrayDeque<Long> orderExpiry = new ArrayDeque<>();

    /**
     * Records {@code nonce} as used until {@code expiresAtMillis}; false when it was already used and is
     * still remembered.
     */
    synchronized boolean use(final String nonce, final long nowMillis, final long expiresAtMillis) {
        while (!orderExpiry.isEmpty() && orderExpiry.peekFirst() < nowMillis) {
            orderExpiry.pollFirst();
            final String expired = order.pollFirst();
            final Long at = expiries.get(expired);
            if (at != null && at < nowMillis) {
                expiries.remove(expired);
            }
        }
        final Long previous = expiries.get(nonce);
        if (previous != null && previous >= nowMillis) {
            return false;
        }
        expiries.put(nonce, expiresAtMillis);
        order.addLast(nonce);
        orderExpiry.addLast(expiresAtMillis);
        return true;
    }

    synchronized int size() {
        return expiries.size();
    }
}
