package io.tidemark.cluster.client;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.protocol.ClusterCodec;
import io.tidemark.cluster.protocol.ClusterLayout;
import io.tidemark.cluster.protocol.CommandOrigin;
import io.tidemark.cluster.protocol.StatusReport;
import io.aeron.logbuffer.FragmentHandler;
import io.tidemark.cluster.protocol.MessageType;
import io.tidemark.engine.api.Command;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gateway's connection to the clustered engine. Commands go in as ingress, each with this client's
 * random id and an increasing command id; every command the cluster applied comes back on the egress
 * stream, in sequence order, and is handed to the {@link Applied} listener — with the submitter's handle
 * when it is one of ours. A command is thereby answered only once the cluster has committed it.
 *
 * <p>Fail-over: when a new leader is announced (or the session had to be opened again) the client asks
 * for everything after the last sequence it applied — a dying leader may have applied a command without
 * delivering it — and re-sends every command not yet seen applied, in order. The service applies a
 * command id at most once per client, so a re-sent command that had been committed is not created twice.
 * A gap in the stream (an egress message lost to back-pressure) is asked for the same way.
 *
 * <p>Every member reports its status on a second stream to the same egress endpoint (so the endpoint's
 * port is chosen here, not left to the driver: a wildcard port could not be shared by two subscriptions);
 * {@link #statuses()} has what each last said.
 *
 * <p>One thread, started here, owns the Aeron client and calls the listener; {@link #submit} may be
 * called from any thread.
 */
public final class ClusterClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);
    private static final long KEEP_ALIVE_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long RESEND_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long STATUS_FRESH_NS = TimeUnit.SECONDS.toNanos(2);

    /** Told, on the client's thread and in sequence order, of each command the cluster applied. */
    public interface Applied {
        /**
         * @param command the command as applied (sequence, timestamp, result fields unset: replay it)
         * @param handle  what {@link #submit} was given, when this client sent it; else null
         * @param origin  a gateway's command, or the cancel-all of an account's cancel_after switch firing
         */
        void onApplied(Command command, Object handle, CommandOrigin origin);

        /**
         * The cluster applied this client's {@link #cancelAfter}: the account's switch now fires at
         * {@code deadlineNanos} (cluster time, nanoseconds since the epoch), or is disarmed (0).
         */
        default void onCancelAfterSet(final Object handle, final long accountId, final long deadlineNanos) {
        }

        /** The cluster no longer retains commands this client missed: its replica cannot continue. */
        default void onUnrecoverableGap(final long from, final long oldestRetained) {
        }
    }

    /** Outcome of {@link #submit}. */
    public enum Submit {
        QUEUED,
        /** Too many commands waiting to be sent: nothing was submitted. */
        BUSY,
        STOPPED
    }

    private final ClusterMembers members;
    private final String egressHost;
    private final Applied applied;
    private final long clientId = new SecureRandom().nextLong() & Long.MAX_VALUE;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final ManyToOneConcurrentArrayQueue<Outgoing> queue = new ManyToOneConcurrentArrayQueue<>(16_384);
    private final Object submitLock = new Object();
    /** Encodes submitted commands, under the submit lock (the client thread decodes with its own). */
    private final ClusterCodec submitCodec = new ClusterCodec();
    private final UnsafeBuffer submitScratch = new UnsafeBuffer(new byte[ClusterCodec.MAX_COMMAND_LENGTH]);
    private final Thread thread;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Egress egress = new Egress();
    private final String egressChannel;
    private final Subscription statusSubscription;
    private final MemberStatuses statuses;
    private final FragmentHandler onStatus;

    // owned by the client thread
    private final ClusterCodec codec = new ClusterCodec();
    private final Command scratch = new Command();
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[64]);
    private final UnsafeBuffer outgoing = new UnsafeBuffer(new byte[0]);
    private final Long2ObjectHashMap<Outgoing> unanswered = new Long2ObjectHashMap<>();
    /** Every command not seen applied yet, in command id order. */
    private final ArrayDeque<Outgoing> inOrder = new ArrayDeque<>();
    /** Those still to offer (new ones, and after a new leader all unanswered again), in command id order. */
    private final ArrayDeque<Outgoing> toSend = new ArrayDeque<>();
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 200_000);
    private AeronCluster cluster;
    private long expected;
    private boolean resendAsked;
    private long resendAskedNs;
    private long progressNs = System.nanoTime();
    private boolean leaderChanged;
    private long lastKeepAliveNs;
    private long nextCommandId = 1;
    private volatile int leaderMemberId = -1;
    private volatile long appliedSequence;
    private volatile boolean running = true;
    private volatile boolean unrecoverable;

    private static final class Outgoing {
        final long commandId;
        final byte[] message;
        final Object handle;

        Outgoing(final long commandId, final byte[] message, final Object handle) {
            this.commandId = commandId;
            this.message = message;
            this.handle = handle;
        }
    }

    /**
     * Starts the client's media driver and thread; it connects (and keeps reconnecting) to the cluster and
     * first asks for every command after {@code lastApplied}, the last sequence the caller's replica has.
     */
    public ClusterClient(final ClusterMembers members, final String egressHost, final long lastApplied,
                         final Applied applied) {
        this.members = Objects.requireNonNull(members, "members");
        this.egressHost = Objects.requireNonNull(egressHost, "egressHost");
        this.applied = Objects.requireNonNull(applied, "applied");
        this.expected = lastApplied + 1;
        this.appliedSequence = lastApplied;
        final File shm = new File("/dev/shm");
        final String dir = new File(shm.isDirectory() && shm.canWrite() ? shm : new File(System.getProperty("java.io.tmpdir")),
            "tidemark-aeron-client-" + Long.toHexString(clientId)).getPath();
        this.driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 200_000))
            .termBufferSparseFile(true)
            .publicationTermBufferLength(4 * 1024 * 1024)
            .ipcTermBufferLength(4 * 1024 * 1024));
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        this.statuses = new MemberStatuses(members.size());
        this.onStatus = (buffer, offset, length, header) -> {
            final StatusReport report = ClusterCodec.decodeStatus(buffer, offset, length);
            if (report != null) {
                statuses.record(report, System.nanoTime());
            }
        };
        Subscription subscription = null;
        String channel = null;
        for (int attempt = 1; subscription == null; attempt++) {
            channel = "aeron:udp?endpoint=" + egressHost + ":" + freeUdpPort(egressHost);
            try {
                subscription = aeron.addSubscription(channel, ClusterLayout.STATUS_STREAM_ID);
            } catch (final AeronException e) {
                if (attempt == 5) {
                    CloseHelper.closeAll(aeron, driver);
                    throw e; // taken between the probe and the bind five times over: not a race any more
                }
            }
        }
        this.egressChannel = channel;
        this.statusSubscription = subscription;
        this.thread = new Thread(this::run, "tidemark-cluster-client");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the first session with the cluster is open. */
    public boolean awaitConnected(final long timeout, final TimeUnit unit) throws InterruptedException {
        return connected.await(timeout, unit);
    }

    /**
     * Queues {@code command} (encoded now: the caller may reuse it) to be sent; {@code handle} comes back with
     * it in {@link Applied#onApplied} once the cluster applied it.
     */
    public Submit submit(final Command command, final Object handle) {
        if (!running || unrecoverable) {
            return Submit.STOPPED;
        }
        synchronized (submitLock) {
            final long commandId = nextCommandId++;
            return enqueue(commandId, submitCodec.encodeCommand(submitScratch, clientId, commandId, command), handle);
        }
    }

    /**
     * Queues the arming ({@code timeoutMillis} above 0) or disarming (0) of the account's cancel_after switch,
     * kept by the cluster; {@code handle} comes back in {@link Applied#onCancelAfterSet} once it is applied.
     */
    public Submit cancelAfter(final long accountId, final long timeoutMillis, final Object handle) {
        if (!running || unrecoverable) {
            return Submit.STOPPED;
        }
        synchronized (submitLock) {
            final long commandId = nextCommandId++;
            return enqueue(commandId,
                ClusterCodec.encodeCancelAfter(submitScratch, clientId, commandId, accountId, timeoutMillis), handle);
        }
    }

    /**
     * Queues the message just encoded in the submit scratch, under the submit lock. It is copied out, because it
     * is kept until the cluster is seen to have applied it: it may have to go again to a new leader.
     */
    private Submit enqueue(final long commandId, final int length, final Object handle) {
        final byte[] message = new byte[length];
        submitScratch.getBytes(0, message);
        return queue.offer(new Outgoing(commandId, message, handle)) ? Submit.QUEUED : Submit.BUSY;
    }

    /** The member that leads the cluster as this client last heard, or -1. */
    public int leaderMemberId() {
        return leaderMemberId;
    }

    /** The last sequence handed to the listener. */
    public long appliedSequence() {
        return appliedSequence;
    }

    public long clientId() {
        return clientId;
    }

    public ClusterMembers members() {
        return members;
    }

    /** What each member last reported of itself, and when. */
    public MemberStatuses statuses() {
        return statuses;
    }

    private static int freeUdpPort(final String host) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(host, 0))) {
            return probe.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("no free UDP port on " + host, e);
        }
    }

    private void run() {
        while (running) {
            try {
                if (cluster == null || cluster.isClosed()) {
                    connect();
                    continue;
                }
                int work = cluster.pollEgress() + statusSubscription.poll(onStatus, 16);
                final long now = System.nanoTime();
                if (leaderChanged) {
                    leaderChanged = false;
                    askResend(now);
                    resendUnanswered();
                }
                work += sendQueued();
                if (resendAsked && now - resendAskedNs > RESEND_RETRY_NS) {
                    askResend(now);
                } else if (!resendAsked && !unrecoverable && now - progressNs > RESEND_RETRY_NS && behind(now)) {
                    // a resend cut short by back-pressure, or a last command lost: the members' reports say so
                    progressNs = now;
                    askResend(now);
                }
                if (now - lastKeepAliveNs > KEEP_ALIVE_NS && cluster.sendKeepAlive()) {
                    lastKeepAliveNs = now;
                }
                idle.idle(work);
            } catch (final AeronException | IllegalStateException e) {
                if (running) {
                    LOG.warn("event=cluster_client_error error={}", e.toString());
                    CloseHelper.quietClose(cluster);
                    cluster = null;
                }
            }
        }
        CloseHelper.quietClose(cluster);
    }

    private void connect() {
        try {
            cluster = AeronCluster.connect(new AeronCluster.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .ingressChannel("aeron:udp")
                .ingressEndpoints(members.ingressEndpoints())
                .egressChannel(egressChannel)
                .egressListener(egress)
                .messageTimeoutNs(TimeUnit.SECONDS.toNanos(5)));
            leaderMemberId = cluster.leaderMemberId();
            LOG.info("event=cluster_connected session={} leader={} client={}", cluster.clusterSessionId(),
                leaderMemberId, Long.toHexString(clientId));
            leaderChanged = true;
            connected.countDown();
        } catch (final RuntimeException e) {
            LOG.info("event=cluster_connect_failed error={}", e.toString());
            cluster = null;
            sleepQuietly();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private int sendQueued() {
        Outgoing out;
        while ((out = queue.poll()) != null) {
            unanswered.put(out.commandId, out);
            inOrder.addLast(out);
            toSend.addLast(out);
        }
        // in command id order: one that could not be offered holds back those behind it
        int sent = 0;
        while ((out = toSend.peekFirst()) != null) {
            if (unanswered.containsKey(out.commandId)) {
                outgoing.wrap(out.message);
                if (cluster.offer(outgoing, 0, out.message.length) < 0) {
                    return sent;
                }
                sent++;
            }
            toSend.pollFirst();
        }
        return sent;
    }

    /** After a new leader (or session): whatever the old one may have dropped goes again, oldest first. */
    private void resendUnanswered() {
        toSend.clear();
        for (final Outgoing out : inOrder) {
            if (unanswered.containsKey(out.commandId)) {
                toSend.addLast(out);
            }
        }
        LOG.info("event=cluster_resend unanswered={} from_sequence={}", toSend.size(), expected);
    }

    private void askResend(final long now) {
        final int length = ClusterCodec.encodeResend(control, clientId, expected);
        if (cluster.offer(control, 0, length) > 0) {
            resendAsked = true;
            resendAskedNs = now;
        }
    }

    private void onCommand(final DirectBuffer buffer, final int offset, final int length) {
        if (!codec.decodeCommand(buffer, offset, length, scratch)) {
            LOG.error("event=cluster_egress_damaged error={}", codec.lastError());
            return;
        }
        if (scratch.sequence < expected) {
            return; // a resend overlapping what was already applied
        }
        if (scratch.sequence > expected) {
            if (!resendAsked) {
                askResend(System.nanoTime());
            }
            return;
        }
        final CommandOrigin origin = ClusterCodec.origin(buffer, offset);
        if (origin == null) {
            LOG.error("event=cluster_egress_unknown_origin sequence={}", scratch.sequence);
            return; // a newer service than this gateway: its replica cannot follow
        }
        Object handle = null;
        if (origin == CommandOrigin.GATEWAY && ClusterCodec.gateway(buffer, offset) == clientId) {
            handle = answered(ClusterCodec.commandId(buffer, offset));
        }
        applied.onApplied(scratch, handle, origin);
        appliedSequence = expected;
        expected++;
        resendAsked = false;
        progressNs = System.nanoTime();
    }

    /** Whether a member heard from lately has applied commands this client has not. */
    private boolean behind(final long now) {
        for (int id = 0; id < members.size(); id++) {
            final MemberStatuses.Heard heard = statuses.of(id).orElse(null);
            if (heard != null && heard.within(now, STATUS_FRESH_NS) && heard.report().sequence() >= expected) {
                return true;
            }
        }
        return false;
    }

    /** The handle of our message {@code commandId}, now answered (null if it was not waiting). */
    private Object answered(final long commandId) {
        final Outgoing out = unanswered.remove(commandId);
        while (!inOrder.isEmpty() && !unanswered.containsKey(inOrder.peekFirst().commandId)) {
            inOrder.pollFirst();
        }
        return out == null ? null : out.handle;
    }

    private void onCancelAfterSet(final DirectBuffer buffer, final int offset, final int length) {
        if (length < ClusterLayout.CANCEL_AFTER_LENGTH || ClusterCodec.gateway(buffer, offset) != clientId) {
            return;
        }
        final long commandId = ClusterCodec.commandId(buffer, offset);
        final boolean waiting = unanswered.containsKey(commandId);
        final Object handle = answered(commandId);
        if (waiting) {
            applied.onCancelAfterSet(handle, ClusterCodec.account(buffer, offset), ClusterCodec.deadline(buffer, offset));
        }
    }

    private final class Egress implements EgressListener {
        @Override
        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
                              final int offset, final int length, final Header header) {
            final MessageType type = ClusterCodec.type(buffer, offset, length);
            if (type == null) {
                return;
            }
            switch (type) {
                case COMMAND -> onCommand(buffer, offset, length);
                case CANCEL_AFTER_SET -> onCancelAfterSet(buffer, offset, length);
                case RESEND_UNAVAILABLE -> {
                    if (ClusterCodec.gateway(buffer, offset) == clientId && !unrecoverable) {
                        unrecoverable = true;
                        LOG.error("event=cluster_unrecoverable_gap from={} oldest_retained={}",
                            ClusterCodec.fromSequence(buffer, offset), ClusterCodec.oldestRetained(buffer, offset));
                        applied.onUnrecoverableGap(ClusterCodec.fromSequence(buffer, offset),
                            ClusterCodec.oldestRetained(buffer, offset));
                    }
                }
                case RESEND, STATUS, CANCEL_AFTER -> {
                }
            }
        }

        @Override
        public void onSessionEvent(final long correlationId, final long clusterSessionId, final long leadershipTermId,
                                   final int leaderMemberId, final EventCode code, final String detail) {
            if (code == EventCode.ERROR || code == EventCode.CLOSED) {
                LOG.warn("event=cluster_session_event code={} detail={}", code, detail);
            }
        }

        @Override
        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
                                final String ingressEndpoints) {
            LOG.info("event=cluster_new_leader leader={} term={}", leaderMemberId, leadershipTermId);
            ClusterClient.this.leaderMemberId = leaderMemberId;
            leaderChanged = true;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CloseHelper.closeAll(aeron, driver);
    }
}
