package io.tidemark.cluster;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

/**
 * How every Aeron agent of a node waits when it has nothing to do: a few spins and yields, then parking
 * up to a millisecond. Busy-spinning agents would each take a core; on a shared 2-core box a node's
 * driver, archive, consensus module and service must leave the cores to each other and to the gateway.
 */
final class Idle {
    static final Supplier<IdleStrategy> BACKOFF = () -> new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);

    private Idle() {
    }
}
