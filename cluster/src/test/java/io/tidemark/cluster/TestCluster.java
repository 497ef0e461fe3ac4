package io.tidemark.cluster;

import io.tidemark.cluster.protocol.MemberRole;
import io.tidemark.cluster.protocol.StatusReport;
import io.tidemark.engine.config.ExchangeConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** Consensus nodes in this JVM on loopback, each on its own data directory; "killing" one closes it. */
final class TestCluster implements AutoCloseable {
    final ClusterMembers members;
    private final Path dir;
    private final ExchangeConfig config;
    private final ClusterNode[] nodes;

    TestCluster(final int size, final Path dir, final ExchangeConfig config) {
        this.members = ClusterMembers.onOneHost(size, "127.0.0.1", FreePorts.consecutive(size * ClusterMembers.PORTS_PER_MEMBER));
        this.dir = dir;
        this.config = config;
        this.nodes = new ClusterNode[size];
    }

    TestCluster startAll() {
        for (int i = 0; i < nodes.length; i++) {
            start(i);
        }
        return this;
    }

    void start(final int id) {
        nodes[id] = ClusterNode.launch(new ClusterNode.Context().memberId(id).members(members)
            .dataDir(dir.resolve("node-" + id)).config(config));
    }

    void kill(final int id) {
        nodes[id].close();
        nodes[id] = null;
    }

    void killAll() {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                kill(i);
            }
        }
    }

    ClusterNode node(final int id) {
        return nodes[id];
    }

    int size() {
        return nodes.length;
    }

    /** The id of the node whose service reports leading, waiting up to {@code timeout}. */
    int awaitLeader(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] != null && nodes[i].status().role() == MemberRole.LEADER) {
                    return i;
                }
            }
            pause();
        }
        throw new AssertionError("no leader within " + timeout);
    }

    /** Waits until node {@code id}'s status satisfies {@code condition}; returns that status. */
    StatusReport await(final int id, final Predicate<StatusReport> condition, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        StatusReport status = nodes[id].status();
        while (!condition.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("node " + id + " stayed at " + status);
            }
            pause();
            status = nodes[id].status();
        }
        return status;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        killAll();
    }
}
