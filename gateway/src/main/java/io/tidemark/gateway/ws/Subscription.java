package io.tidemark.gateway.ws;

/**
 * One connection's interest in one channel. Registered and delivered to on the view thread; ended
 * from the connection's event loop by clearing {@link #active}, after which the view thread drops it
 * the next time it passes (so ending never needs the ring).
 */
final class Subscription {
    final Outbox outbox;
    final StreamChannel channel;
    /** The account of a private channel, else 0. */
    final long accountId;
    volatile boolean active = true;

    Subscription(final Outbox outbox, final StreamChannel channel, final long accountId) {
        this.outbox = outbox;
        this.channel = channel;
        this.accountId = accountId;
    }

    boolean live() {
        return active && !outbox.isCut();
    }
}
