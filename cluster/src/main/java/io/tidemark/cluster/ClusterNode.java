package io.tidemark.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.tidemark.cluster.protocol.MemberRole;
import io.tidemark.cluster.protocol.StatusReport;
import io.tidemark.cluster.service.EngineService;
import io.tidemark.engine.config.ExchangeConfig;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One consensus node: a media driver, the archive that records the Raft log (the journal in this mode),
 * the consensus module and the container running the {@link EngineService}, all in this process on its
 * data directory. Every agent shares threads and backs off when idle, so a 2-core box holds three
 * nodes and a gateway. Fail-over is tuned down from Aeron's defaults: a leader silent for
 * {@link Context#leaderHeartbeatTimeout} (2 s) is replaced, instead of after 10 s.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    /** In the data directory: the path of the node's Aeron directory (in /dev/shm, outside the data directory). */
    public static final String AERON_DIR_FILE = "aeron-dir";

    private final Context context;
    private final EngineService service;
    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final ScheduledExecutorService housekeeping;

    /** What a node needs; {@link #conclude()} fills defaults and validates once. */
    public static final class Context {
        private int memberId = -1;
        private ClusterMembers members;
        private Path dataDir;
        private ExchangeConfig config;
        private Duration leaderHeartbeatTimeout = Duration.ofSeconds(2);
        private Duration leaderHeartbeatInterval = Duration.ofMillis(200);
        private Duration electionTimeout = Duration.ofMillis(500);
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private Duration snapshotInterval = Duration.ofMinutes(5);
        private int retainedCommands = EngineService.RETAINED;

        public Context memberId(final int value) {
            memberId = value;
            return this;
        }

        public Context members(final ClusterMembers value) {
            members = value;
            return this;
        }

        public Context dataDir(final Path value) {
            dataDir = value;
            return this;
        }

        public Context config(final ExchangeConfig value) {
            config = value;
            return this;
        }

        /** How long followers wait for the leader before electing another (default 2 s). */
        public Context leaderHeartbeatTimeout(final Duration value) {
            leaderHeartbeatTimeout = value;
            return this;
        }

        /** How long a gateway may be silent before its session is closed (default 10 s). */
        public Context sessionTimeout(final Duration value) {
            sessionTimeout = value;
            return this;
        }

        /**
         * How often the leader has the cluster take a snapshot (default 5 min; zero: only on demand). A node
         * then recovers from its newest snapshot and the log after it instead of the whole log.
         */
        public Context snapshotInterval(final Duration value) {
            snapshotInterval = value;
            return this;
        }

        /**
         * How many of the newest applied commands the service keeps in memory for gateways that missed some
         * (default 65,536, a power of two); a gateway further behind is served from the node's applied log.
         */
        public Context retainedCommands(final int value) {
            retainedCommands = value;
            return this;
        }

        Context conclude() {
            Objects.requireNonNull(members, "members");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(config, "config");
            members.member(memberId);
            if (leaderHeartbeatTimeout.compareTo(leaderHeartbeatInterval.multipliedBy(4)) < 0) {
                throw new IllegalArgumentException("leader heartbeat timeout must be at least 4 heartbeat intervals");
            }
            return this;
        }
    }

    private ClusterNode(final Context context, final EngineService service, final ClusteredMediaDriver driver,
                        final ClusteredServiceContainer container) {
        this.context = context;
        this.service = service;
        this.driver = driver;
        this.container = container;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "tidemark-cluster-node-" + context.memberId);
            thread.setDaemon(true);
            return thread;
        });
        final long interval = context.snapshotInterval.toMillis();
        if (interval > 0) {
            housekeeping.scheduleWithFixedDelay(this::scheduledSnapshot, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts the node; it joins (or with the others forms) the cluster and recovers from its data directory. */
    public static ClusterNode launch(final Context context) {
        final Context ctx = context.conclude();
        final ClusterMembers.Member self = ctx.members.member(ctx.memberId);
        final Path dir = ctx.dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (final java.io.IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        NodeLock.acquire(dir);
        final String aeronDir = aeronDirectory(dir);
        try {
            // whoever kills this node with SIGKILL (which leaves the directory behind) can remove it
            Files.writeString(dir.resolve(AERON_DIR_FILE), aeronDir);
        } catch (final java.io.IOException e) {
            throw new IllegalStateException("cannot write " + dir.resolve(AERON_DIR_FILE), e);
        }
        final ErrorHandler errors = error -> LOG.warn("event=aeron_error member={} error={}", ctx.memberId, error.toString());
        final String localControl = "aeron:ipc?term-length=64k";

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(Idle.BACKOFF.get())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(4 * 1024 * 1024)
            .ipcTermBufferLength(8 * 1024 * 1024)
            .errorHandler(errors);

        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(dir.resolve("archive").toFile())
            .controlChannel("aeron:udp?endpoint=" + self.endpoint(ClusterMembers.ARCHIVE))
            .localControlChannel(localControl)
            .replicationChannel("aeron:udp?endpoint=" + self.host() + ":0")
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + self.host() + ":0"))
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(Idle.BACKOFF)
            .errorHandler(errors);

        final AeronArchive.Context localArchive = new AeronArchive.Context()
            .controlRequestChannel(localControl)
            .controlResponseChannel(localControl)
            .aeronDirectoryName(aeronDir);

        final ConsensusModule.Context consensus = new ConsensusModule.Context()
            .clusterMemberId(ctx.memberId)
            .clusterMembers(ctx.members.consensusMembers())
            .clusterDir(dir.resolve("cluster").toFile())
            .aeronDirectoryName(aeronDir)
            .archiveContext(localArchive.clone())
            .ingressChannel("aeron:udp")
            .logChannel("aeron:udp?term-length=16m")
            .replicationChannel("aeron:udp?endpoint=" + self.host() + ":0")
            .clusterClock(new NanosecondClusterClock())
            .leaderHeartbeatTimeoutNs(ctx.leaderHeartbeatTimeout.toNanos())
            .leaderHeartbeatIntervalNs(ctx.leaderHeartbeatInterval.toNanos())
            .electionTimeoutNs(ctx.electionTimeout.toNanos())
            .startupCanvassTimeoutNs(ctx.leaderHeartbeatTimeout.multipliedBy(2).toNanos())
            .sessionTimeoutNs(ctx.sessionTimeout.toNanos())
            .idleStrategySupplier(Idle.BACKOFF)
            .errorHandler(errors);

        final EngineService service = new EngineService(ctx.config, dir, ctx.retainedCommands);
        ClusteredMediaDriver driver = null;
        try {
            driver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensus);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(
                new ClusteredServiceContainer.Context()
                    .aeronDirectoryName(aeronDir)
                    .archiveContext(localArchive.clone())
                    .clusterDir(dir.resolve("cluster").toFile())
                    .clusteredService(service)
                    .idleStrategySupplier(Idle.BACKOFF)
                    .errorHandler(errors));
            LOG.info("event=cluster_node_started member={} members={} data_dir={}", ctx.memberId, ctx.members, dir);
            return new ClusterNode(ctx, service, driver, container);
        } catch (final RuntimeException e) {
            CloseHelper.quietClose(driver);
            throw e;
        }
    }

    /**
     * The node's Aeron directory: in shared memory when the machine has it (the log buffers are written on
     * every command), one per data directory and member, so a node restarted after a crash replaces its own.
     */
    private static String aeronDirectory(final Path dataDir) {
        final File shm = new File("/dev/shm");
        final String name = "tidemark-aeron-" + Integer.toHexString(dataDir.toString().hashCode());
        return shm.isDirectory() && shm.canWrite() ? new File(shm, name).getPath() : dataDir.resolve("aeron").toString();
    }

    /**
     * Removes the Aeron directory of a node on {@code dataDir} that is not running (killed with SIGKILL, it
     * stays in shared memory; a node started again on the data directory replaces it itself).
     */
    public static void deleteAeronDirectory(final Path dataDir) {
        final Path pointer = dataDir.toAbsolutePath().resolve(AERON_DIR_FILE);
        try {
            if (Files.exists(pointer)) {
                final File aeron = new File(Files.readString(pointer).trim());
                if (aeron.getName().startsWith("tidemark-aeron-")) {
                    org.agrona.IoUtil.delete(aeron, true);
                }
            }
        } catch (final java.io.IOException e) {
            LOG.warn("event=aeron_dir_not_deleted data_dir={} error={}", dataDir, e.toString());
        }
    }

    public int memberId() {
        return context.memberId;
    }

    public ClusterMembers members() {
        return context.members;
    }

    /** What this node last reported to the gateways (refreshed by the service thread every 200 ms). */
    public StatusReport status() {
        return service.status();
    }

    /** The position in the log this node knows to be committed (held by a majority). */
    public long commitPosition() {
        return driver.consensusModule().context().commitPositionCounter().get();
    }

    /** The sequence of the last snapshot this node took or recovered from; -1 when none. */
    public long snapshotSequence() {
        return service.snapshotSequence();
    }

    /**
     * Asks the cluster to take a snapshot now; only the leader's request is acted on (every node then writes
     * its own). False when this node is not the leader or a request is already in progress.
     */
    public boolean takeSnapshot() {
        return status().role() == MemberRole.LEADER
            && ClusterControl.ToggleState.SNAPSHOT.toggle(driver.consensusModule().context().controlToggleCounter());
    }

    private void scheduledSnapshot() {
        try {
            takeSnapshot();
        } catch (final RuntimeException e) {
            LOG.warn("event=snapshot_request_failed error={}", e.toString());
        }
    }

    /** Stops the node; a stopped node recovers from its data directory when launched again. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        CloseHelper.closeAll(container, driver);
        service.closeFiles();
        LOG.info("event=cluster_node_stopped member={}", context.memberId);
    }
}
