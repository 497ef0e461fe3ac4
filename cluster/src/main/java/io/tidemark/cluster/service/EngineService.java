package io.tidemark.cluster.service;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.tidemark.cluster.protocol.ClusterCodec;
import io.tidemark.cluster.protocol.ClusterLayout;
import io.tidemark.cluster.protocol.CommandOrigin;
import io.tidemark.cluster.protocol.MemberRole;
import io.tidemark.cluster.protocol.MessageType;
import io.tidemark.cluster.protocol.StatusReport;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The matching engine hosted by Aeron Cluster: the Raft log is its sequencer and journal. Each ingress
 * COMMAND is stamped with the next sequence and the log's timestamp (cluster time, never a clock of
 * this node), applied, and then sent, stamped, to every connected gateway, which applies the same
 * sequence to its own replica and answers its clients from it. Because every node applies the same
 * log, every node's engine is the same (the state hash proves it).
 *
 * <p>A command carries its gateway's id and that gateway's increasing command id; a command whose id is
 * not above the highest applied for its gateway was re-sent after a fail-over and is not applied again.
 * That table is replicated state, in the snapshot with the engine.
 *
 * <p>The WebSocket {@code cancel_after} dead-man switch lives here too ({@link CancelAfterTimers}): a gateway's
 * CANCEL_AFTER arms an account's switch on a cluster timer ({@code cluster.scheduleTimer}) at the log's time
 * plus the timeout, and the timer's event applies a cancel-all of the account's orders as a command of the
 * cluster's own, which every gateway applies and tells the account's WebSocket sessions of. So the switch
 * survives a gateway's restart and a leader's fail-over; on a single node the gateway keeps it.
 *
 * <p>Every member, follower or leader, reports its {@link StatusReport} to every gateway five times a second
 * ({@link StatusBroadcast}): a gateway counts a member it has not heard from for a while as down.
 *
 * <p>Not thread safe: owned by the clustered service container's thread. {@link #status()} is for any thread.
 */
public final class EngineService implements ClusteredService {
    private static final Logger LOG = LoggerFactory.getLogger(EngineService.class);
    /** Commands kept in memory for gateways that missed some; older ones are read from the {@link AppliedLog}. */
    public static final int RETAINED = 1 << 16;
    private static final long STATUS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ExchangeConfig config;
    private final Command command = new Command();
    private final ClusterCodec codec = new ClusterCodec();
    private final UnsafeBuffer egress = new UnsafeBuffer(new byte[ClusterCodec.MAX_COMMAND_LENGTH]);
    /** Length of the command in {@link #egress} that {@link #sendEgress} offers to each gateway session. */
    private int egressLength;
    /** A refused offer leaves a gap that the gateway sees and asks to have re-sent. */
    private final Consumer<ClientSession> sendEgress = each -> each.offer(egress, 0, egressLength);
    private final UnsafeBuffer notice = new UnsafeBuffer(new byte[64]);
    private final Long2LongHashMap lastCommandIds = new Long2LongHashMap(0);
    private CancelAfterTimers timers = new CancelAfterTimers();
    private final CancelAfterTimers.Scheduler scheduler = new CancelAfterTimers.Scheduler() {
        @Override
        public void schedule(final long correlationId, final long deadline) {
            while (!cluster.scheduleTimer(correlationId, deadline)) {
                cluster.idleStrategy().idle(); // back-pressured towards the consensus module: it must go
            }
        }

        @Override
        public void cancel(final long correlationId) {
            while (!cluster.cancelTimer(correlationId)) {
                cluster.idleStrategy().idle();
            }
        }
    };
    private final CommandRetention retention;
    private final Path dataDir;
    private AppliedLog appliedLog;
    private Cluster cluster;
    private MatchingEngine engine;
    private long sequence;
    private long timestamp;
    private long rejected;
    private final StatusBroadcast statusBroadcast = new StatusBroadcast();
    private volatile StatusReport status = new StatusReport(-1, MemberRole.CANDIDATE, ProcessHandle.current().pid(), 0, 0, 0);
    private volatile long snapshotSequence = -1;
    private long statusDueNs;
    private boolean reportNow;
    /** The state hash of {@link #hashedSequence}: hashing walks the whole state, so only after a change. */
    private long hash;
    private long hashedSequence = -1;

    /**
     * @param dataDir  the node's data directory, for the {@link AppliedLog}
     * @param retained how many of the newest commands to keep in memory (a power of two)
     */
    public EngineService(final ExchangeConfig config, final Path dataDir, final int retained) {
        this.config = config;
        this.dataDir = dataDir;
        this.retention = new CommandRetention(retained, ClusterCodec.MAX_COMMAND_LENGTH);
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshot) {
        this.cluster = cluster;
        appliedLog = AppliedLog.open(dataDir); // on this thread: its appender is the service thread's
        if (snapshot == null) {
            engine = new MatchingEngine(config, Listener.NONE);
        } else {
            restore(SnapshotChunks.read(snapshot, cluster.idleStrategy()));
        }
        retention.restart(sequence);
        snapshotSequence = snapshot == null ? -1 : sequence;
        LOG.info("event=service_started sequence={} from_snapshot={}", sequence, snapshot != null);
        status = statusBroadcast.report(cluster, sequence, engine.stateHash());
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp) {
        LOG.info("event=gateway_session_opened session={}", session.id());
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason) {
        LOG.info("event=gateway_session_closed session={} reason={}", session.id(), closeReason);
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long logTimestamp, final DirectBuffer buffer,
                                 final int offset, final int length, final Header header) {
        final MessageType type = ClusterCodec.type(buffer, offset, length);
        if (type == null) {
            rejected++;
            return;
        }
        switch (type) {
            case COMMAND -> apply(buffer, offset, length, logTimestamp);
            case RESEND -> resend(session, ClusterCodec.gateway(buffer, offset), ClusterCodec.fromSequence(buffer, offset));
            case CANCEL_AFTER -> cancelAfter(session, buffer, offset, length, logTimestamp);
            case RESEND_UNAVAILABLE, STATUS, CANCEL_AFTER_SET -> rejected++; // the service's own messages
        }
    }

    private void cancelAfter(final ClientSession session, final DirectBuffer buffer, final int offset, final int length,
                             final long logTimestamp) {
        if (length < ClusterLayout.CANCEL_AFTER_LENGTH) {
            rejected++;
            return;
        }
        final long gateway = ClusterCodec.gateway(buffer, offset);
        final long commandId = ClusterCodec.commandId(buffer, offset);
        final long accountId = ClusterCodec.account(buffer, offset);
        final long timeoutMillis = ClusterCodec.timeoutMillis(buffer, offset);
        // re-sent after a fail-over and already applied, or refused: answered with the switch as it is
        if (commandId > lastCommandIds.get(gateway) && timeoutMillis >= 0) {
            lastCommandIds.put(gateway, commandId);
            timers.set(scheduler, accountId, logTimestamp, cluster.timeUnit().convert(timeoutMillis, TimeUnit.MILLISECONDS));
        } else if (timeoutMillis < 0) {
            rejected++;
        }
        final long deadline = cluster.timeUnit().toNanos(timers.deadline(accountId));
        final int messageLength = ClusterCodec.encodeCancelAfterSet(notice, gateway, commandId, accountId, deadline);
        session.offer(notice, 0, messageLength); // lost with a dying leader: the gateway sends it again
    }

    private void apply(final DirectBuffer buffer, final int offset, final int length, final long logTimestamp) {
        final long gateway = ClusterCodec.gateway(buffer, offset);
        final long commandId = ClusterCodec.commandId(buffer, offset);
        if (commandId <= lastCommandIds.get(gateway)) {
            return; // re-sent after a fail-over, already applied: the gateway hears of it from the resend
        }
        if (!codec.decodeCommand(buffer, offset, length, command)) {
            // the gateway encoded it: a damaged record is refused without a sequence, everywhere alike
            rejected++;
            return;
        }
        lastCommandIds.put(gateway, commandId);
        applyAndSend(CommandOrigin.GATEWAY, gateway, commandId, logTimestamp);
    }

    /** Stamps {@link #command} with the next sequence and the log's time, applies it and sends it to every gateway. */
    private void applyAndSend(final CommandOrigin origin, final long gateway, final long commandId, final long logTimestamp) {
        command.sequence = sequence + 1;
        command.timestamp = Math.max(cluster.timeUnit().toNanos(logTimestamp), timestamp);
        engine.process(command);
        sequence = command.sequence;
        timestamp = command.timestamp;
        final int messageLength = codec.encodeCommand(egress, origin, gateway, commandId, command);
        retention.add(sequence, egress, 0, messageLength);
        appliedLog.append(sequence, egress, 0, messageLength);
        egressLength = messageLength;
        cluster.forEachClientSession(sendEgress); // no iterator per command
    }

    private void resend(final ClientSession session, final long gateway, final long from) {
        if (from < retention.oldest() && appliedLog.covers(from)) {
            // further behind than memory keeps: from disk (back-pressured: the gateway asks again from where it got)
            appliedLog.resend(from, (buffer, offset, length) -> session.offer(buffer, offset, length) > 0);
            return;
        }
        if (from < retention.oldest()) {
            final long oldest = appliedLog.first() > 0 ? Math.min(appliedLog.first(), retention.oldest()) : retention.oldest();
            final int length = ClusterCodec.encodeResendUnavailable(notice, gateway, from, oldest);
            session.offer(notice, 0, length);
            return;
        }
        for (long s = from; s <= retention.newest(); s++) {
            if (session.offer(retention.buffer(), retention.offset(s), retention.length(s)) < 0) {
                return; // back-pressured: the gateway asks again
            }
        }
    }

    /** A cancel_after switch's deadline: its account's orders are cancelled, as the gateway would on a single node. */
    @Override
    public void onTimerEvent(final long correlationId, final long timestamp) {
        final long accountId = timers.fired(correlationId);
        if (accountId < 0) {
            return; // re-armed or disarmed since this timer was scheduled
        }
        command.clear().cancelAll(accountId, Command.ALL_MARKETS);
        applyAndSend(CommandOrigin.CANCEL_AFTER_TIMER, 0, correlationId, timestamp);
        LOG.info("event=cancel_after_fired account={} sequence={}", accountId, sequence);
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication publication) {
        final byte[] bytes = ServiceSnapshot.write(config, sequence, timestamp, lastCommandIds, timers, engine);
        SnapshotChunks.write(publication, bytes, cluster.idleStrategy());
        snapshotSequence = sequence;
        LOG.info("event=snapshot_taken sequence={} bytes={}", sequence, bytes.length);
    }

    private void restore(final byte[] bytes) {
        final ServiceSnapshot.Restored restored = ServiceSnapshot.read(config, Listener.NONE, bytes);
        sequence = restored.sequence();
        timestamp = restored.timestamp();
        lastCommandIds.clear();
        lastCommandIds.putAll(restored.lastCommandIds());
        timers = restored.timers();
        engine = restored.engine();
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole) {
        LOG.info("event=role_changed role={}", newRole);
        reportNow = true; // tell the gateways at once
    }

    @Override
    public void onTerminate(final Cluster cluster) {
        LOG.info("event=service_terminated sequence={}", sequence);
        statusBroadcast.close();
    }

    /** Closes what the service holds open on disk, once its thread has stopped. */
    public void closeFiles() {
        if (appliedLog != null) {
            appliedLog.close();
        }
    }

    @Override
    public int doBackgroundWork(final long nowNs) {
        if (!reportNow && nowNs - statusDueNs < 0 || engine == null) {
            return 0;
        }
        reportNow = false;
        statusDueNs = nowNs + STATUS_INTERVAL_NS;
        if (hashedSequence != sequence) {
            hash = engine.stateHash();
            hashedSequence = sequence;
        }
        status = statusBroadcast.report(cluster, sequence, hash);
        statusBroadcast.send(cluster, status);
        return 1;
    }

    /** What this member last reported to the gateways (refreshed every 200 ms). */
    public StatusReport status() {
        return status;
    }

    /** The sequence of the last snapshot this node took or started from; -1 when none. */
    public long snapshotSequence() {
        return snapshotSequence;
    }

    /** Ingress messages refused (unknown type, damaged record), for tests and metrics. */
    long rejected() {
        return rejected;
    }

    /** The service keeps no events: gateways rebuild them from the applied commands. */
    private static final class Listener extends IgnoringListener {
        static final Listener NONE = new Listener();
    }
}
