package io.tidemark.cluster.gateway;

import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.client.ClusterClient;
import io.tidemark.engine.api.Command;
import io.tidemark.node.Node;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import io.tidemark.node.pipeline.Sequencer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway's commands sequenced by the cluster: each goes out as ingress, and every command the
 * cluster applied (this gateway's and others') comes back in the log's order and is fed to the
 * gateway's own node, a replica whose engine decides exactly as the cluster's did and whose read models,
 * history and streams are built as on a single node. A request is answered when its command reaches the
 * replica: after the cluster committed it.
 */
public final class ClusterSequencer implements Sequencer, ClusterClient.Applied {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSequencer.class);
    private static final ReplyHandler NOBODY = slot -> { };

    private final Pipeline pipeline;
    private final ClusterClient client;
    private volatile boolean failed;

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

    /** On the client's thread: into the replica, waiting for ring space (the log's order must be kept whole). */
    @Override
    public void onApplied(final Command command, final Object handle) {
        final ReplyHandler handler = handle instanceof ReplyHandler waiting ? waiting : NOBODY;
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
    public void onUnrecoverableGap(final long from, final long oldestRetained) {
        failed = true;
        LOG.error("event=replica_behind_retention from={} oldest_retained={}: the cluster no longer retains the "
            + "commands this gateway's replica needs; it takes no commands", from, oldestRetained);
    }

    @Override
    public void close() {
        client.close();
    }
}
