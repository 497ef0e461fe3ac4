package io.tidemark.cluster.gateway;

import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.client.ClusterClient;
import io.tidemark.cluster.protocol.CommandOrigin;
import io.tidemark.engine.api.Command;
import io.tidemark.gateway.api.OrderOps;
import io.tidemark.gateway.ws.CancelAfterKeeper;
import io.tidemark.node.Node;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import io.tidemark.node.pipeline.Sequencer;
import io.tidemark.node.pipeline.SlotFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The gateway's commands sequenced by the cluster: each goes out as ingress, and every command the
 * cluster applied (this gateway's and others') comes back in the log's order and is fed to the
 * gateway's own node, a replica whose engine decides exactly as the cluster's did and whose read models,
 * history and streams are built as on a single node. A request is answered when its command reaches the
 * replica: after the cluster committed it.
 *
 * <p>It also keeps the WebSocket cancel_after switches in the cluster ({@link CancelAfterKeeper}): arms go
 * out as ingress, and the cancel-all of a switch that fired comes back as a command of the cluster's own,
 * which the replica applies and whose cancelled orders the account's sessions are told of.
 */
public final class ClusterSequencer implements Sequencer, ClusterClient.Applied, CancelAfterKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSequencer.class);
    private static final ReplyHandler NOBODY = slot -> { };

    private final Pipeline pipeline;
    private final ClusterClient client;
    private volatile boolean failed;
    private volatile String behind;
    private volatile Fired fired = (account, orders) -> { };

    public ClusterSequencer(final Node node, final ClusterMembers members, final String egressHost) {
        this.pipeline = node.pipeline();
        this.client = new ClusterClient(members, egressHost, node.recovery().lastSequence(), this);
    }

    /** Waits until the first session with the cluster is open. */
    public boolean awaitConnected(final long timeout, final TimeUnit unit) throws InterruptedException {
        return client.awaitConnected(timeout, unit);
    }

    public ClusterClient client() {
        return client;
    }

    @Override
    public Pipeline.Submit submit(final Command command, final ReplyHandler handler) {
        if (failed) {
            return Pipeline.Submit.STOPPED;
        }
        return switch (client.submit(command, handler)) {
            case QUEUED -> Pipeline.Submit.PUBLISHED;
            case BUSY -> Pipeline.Submit.BUSY;
            case STOPPED -> Pipeline.Submit.STOPPED;
        };
    }

    @Override
    public boolean set(final long accountId, final long timeoutMillis, final Executor executor, final LongConsumer then) {
        return !failed && client.cancelAfter(accountId, timeoutMillis, new SwitchSet(executor, then))
            == ClusterClient.Submit.QUEUED;
    }

    @Override
    public void onFired(final Fired listener) {
        fired = listener;
    }

    @Override
    public void onCancelAfterSet(final Object handle, final long accountId, final long deadlineNanos) {
        if (handle instanceof SwitchSet set) {
            set.executor.execute(() -> set.then.accept(TimeUnit.NANOSECONDS.toMillis(deadlineNanos)));
        }
    }

    /** On the client's thread: into the replica, waiting for ring space (the log's order must be kept whole). */
    @Override
    public void onApplied(final Command command, final Object handle, final CommandOrigin origin) {
        final ReplyHandler handler = switch (origin) {
            case GATEWAY -> handle instanceof ReplyHandler waiting ? waiting : NOBODY;
            case CANCEL_AFTER_TIMER -> new SwitchFired(command.accountId, fired);
        };
        while (true) {
            switch (pipeline.submit(command, handler)) {
                case PUBLISHED -> {
                    return;
                }
                case BUSY -> LockSupport.parkNanos(20_000);
                case STOPPED -> {
                    if (!failed) {
                        failed = true;
                        LOG.error("event=replica_stopped sequence={} reason={}", command.sequence, pipeline.stopReason());
                    }
                    return;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    @Override
    public String unavailable() {
        return behind;
    }

    @Override
    public void onUnrecoverableGap(final long from, final long oldestRetained) {
        behind = "this gateway's copy of the exchange is at sequence " + (from - 1) + " and the cluster no longer has "
            + "the commands after it (its members' logs begin at " + oldestRetained + "): it serves nothing until its "
            + "data directory's replica is rebuilt";
        failed = true;
        LOG.error("event=replica_behind_retention from={} oldest_retained={}: the cluster no longer retains the "
            + "commands this gateway's replica needs; it takes no commands", from, oldestRetained);
    }

    @Override
    public void close() {
        client.close();
    }

    /** Who waits for an arm or disarm to be in force. */
    private record SwitchSet(Executor executor, LongConsumer then) {
    }

    /** The replica applying a switch's cancel-all: collects what it cancelled, then tells the sessions. */
    private static final class SwitchFired implements ReplyHandler {
        private final long accountId;
        private final Fired fired;
        private long[] cancelled = new long[0];

        SwitchFired(final long accountId, final Fired fired) {
            this.accountId = accountId;
            this.fired = fired;
        }

        @Override
        public boolean readsEvents() {
            return true;
        }

        @Override
        public void onViews(final CommandSlot slot) {
            if (slot.failure() == SlotFailure.NONE) {
                cancelled = OrderOps.cancelledOrders(accountId, slot);
            }
        }

        @Override
        public void onReply(final CommandSlot slot) {
            LOG.info("event=cancel_after_fired account={} cancelled={}", accountId, cancelled.length);
            fired.onFired(accountId, cancelled);
        }
    }
}
