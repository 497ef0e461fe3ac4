package io.tidemark.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterCounters;
import io.aeron.exceptions.AeronException;
import io.tidemark.cluster.protocol.ClusterCodec;
import io.tidemark.cluster.protocol.ClusterLayout;
import io.tidemark.cluster.protocol.MemberRole;
import io.tidemark.cluster.protocol.StatusReport;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this member's {@link StatusReport} to every connected gateway. Every member knows every client
 * session and its response channel (sessions are opened through the log), but only the leader's session
 * publications leave the node; so each member opens its own publication to each gateway's egress endpoint,
 * on {@link ClusterLayout#STATUS_STREAM_ID}, and a gateway hears followers as well as the leader with no
 * port of its own beyond its egress. Not replicated state: what is sent depends on this node's clock.
 *
 * <p>Not thread safe: owned by the service thread.
 */
final class StatusBroadcast implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusBroadcast.class);
    private static final int NOT_FOUND = -1;

    private final long pid = ProcessHandle.current().pid();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ClusterLayout.STATUS_LENGTH]);
    private final Long2ObjectHashMap<ExclusivePublication> bySession = new Long2ObjectHashMap<>();
    private final LongHashSet unreachable = new LongHashSet();
    private final LongHashSet present = new LongHashSet();
    private int commitPositionCounter = NOT_FOUND;

    /** The report this member would send now. */
    StatusReport report(final Cluster cluster, final long sequence, final long stateHash) {
        return new StatusReport(cluster.memberId(), MemberRole.of(cluster.role()), pid,
            commitPosition(cluster), sequence, stateHash);
    }

    /** Sends {@code report} to every gateway session, opening publications to new ones and closing those gone. */
    void send(final Cluster cluster, final StatusReport report) {
        final int length = ClusterCodec.encodeStatus(buffer, report);
        present.clear();
        for (final ClientSession session : cluster.clientSessions()) {
            present.add(session.id());
            final ExclusivePublication publication = publication(cluster, session);
            if (publication != null) {
                // a refused offer (not connected yet, back-pressured) is made good by the next report
                publication.offer(buffer, 0, length);
            }
        }
        bySession.entrySet().removeIf(entry -> {
            if (present.contains(entry.getKey())) {
                return false;
            }
            CloseHelper.quietClose(entry.getValue());
            return true;
        });
        unreachable.removeIf(id -> !present.contains(id));
    }

    private ExclusivePublication publication(final Cluster cluster, final ClientSession session) {
        ExclusivePublication publication = bySession.get(session.id());
        if (publication == null && !unreachable.contains(session.id())) {
            try {
                publication = cluster.aeron().addExclusivePublication(session.responseChannel(),
                    ClusterLayout.STATUS_STREAM_ID);
                bySession.put(session.id(), publication);
            } catch (final AeronException | IllegalArgumentException e) {
                unreachable.add(session.id());
                LOG.warn("event=status_channel_refused session={} channel={} error={}", session.id(),
                    session.responseChannel(), e.toString());
            }
        }
        return publication;
    }

    /** The log position this member's consensus module knows committed (0 until its counter exists). */
    private long commitPosition(final Cluster cluster) {
        final CountersReader counters = cluster.aeron().countersReader();
        if (commitPositionCounter == NOT_FOUND) {
            commitPositionCounter = ClusterCounters.find(counters, ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID,
                cluster.context().clusterId());
            if (commitPositionCounter == NOT_FOUND) {
                return 0;
            }
        }
        return counters.getCounterValue(commitPositionCounter);
    }

    @Override
    public void close() {
        bySession.values().forEach(CloseHelper::quietClose);
        bySession.clear();
    }
}
