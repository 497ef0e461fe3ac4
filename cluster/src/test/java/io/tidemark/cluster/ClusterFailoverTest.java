package io.tidemark.cluster;

import io.tidemark.cluster.protocol.MemberRole;
import io.tidemark.cluster.protocol.StatusReport;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three consensus nodes in this JVM, a client keeping a replica of the engine from the egress stream:
 * nodes are closed under a load of commands and started again on their data directories.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    @TempDir
    Path dir;

    @Test
    void killingTheLeaderUnderLoadLosesNoAcknowledgedCommandAndTheRestartedNodeCatchesUp() throws Exception {
        try (TestCluster cluster = new TestCluster(3, dir, config).startAll();
             ReplicaClient client = new ReplicaClient(cluster.members, config)) {
            final int leader = cluster.awaitLeader(WAIT);
            assertThat(client.client.awaitConnected(30, TimeUnit.SECONDS)).isTrue();
            final RandomCommandGenerator generator = new RandomCommandGenerator(7, config, 20);
            generator.fundingCommands(1_000_000_000_000L).forEach(client::submit);
            final Command command = new Command();
            for (int i = 0; i < 1_500; i++) {
                client.submit(generator.next(command.clear()));
            }
            // the leader goes while commands are in flight; more keep coming during the election
            cluster.kill(leader);
            for (int i = 0; i < 1_500; i++) {
                client.submit(generator.next(command.clear()));
                if (i % 100 == 0) {
                    Thread.sleep(5);
                }
            }
            client.awaitAllAcknowledged(WAIT);

            assertThat(client.acceptedOrders).isNotEmpty();
            // every command re-sent after the fail-over that had been committed was not applied again
            assertThat(client.appliedSequence()).isEqualTo(client.submitted.get());
            final long sequence = client.appliedSequence();
            final long hash = client.stateHash();
            final int newLeader = cluster.awaitLeader(WAIT);
            assertThat(newLeader).isNotEqualTo(leader);
            for (int i = 0; i < 3; i++) {
                if (i != leader) {
                    final StatusReport status = cluster.await(i, s -> s.sequence() == sequence, WAIT);
                    assertThat(status.stateHash()).as("node %d", i).isEqualTo(hash);
                }
            }
            cluster.start(leader);
            final StatusReport rejoined = cluster.await(leader, s -> s.sequence() == sequence, WAIT);
            assertThat(rejoined.stateHash()).isEqualTo(hash);
            assertThat(rejoined.role()).isEqualTo(MemberRole.FOLLOWER);
        }
    }

    @Test
    void aFollowerKilledAndRestartedCatchesUpWhileTheClusterKeepsAcknowledging() throws Exception {
        try (TestCluster cluster = new TestCluster(3, dir, config).startAll();
             ReplicaClient client = new ReplicaClient(cluster.members, config)) {
            final int leader = cluster.awaitLeader(WAIT);
            final int follower = (leader + 1) % 3;
            assertThat(client.client.awaitConnected(30, TimeUnit.SECONDS)).isTrue();
            final RandomCommandGenerator generator = new RandomCommandGenerator(11, config, 10);
            generator.fundingCommands(1_000_000_000_000L).forEach(client::submit);
            final Command command = new Command();
            for (int i = 0; i < 500; i++) {
                client.submit(generator.next(command.clear()));
            }
            cluster.kill(follower);
            for (int i = 0; i < 500; i++) {
                client.submit(generator.next(command.clear()));
            }
            client.awaitAllAcknowledged(WAIT);
            assertThat(client.appliedSequence()).isEqualTo(client.submitted.get());
            cluster.start(follower);
            final long sequence = client.appliedSequence();
            final StatusReport rejoined = cluster.await(follower, s -> s.sequence() == sequence, WAIT);
            assertThat(rejoined.stateHash()).isEqualTo(client.stateHash());
            assertThat(cluster.awaitLeader(WAIT)).isEqualTo(leader);
        }
    }

    @Test
    void aSnapshotThenAFullRestartOfAllNodesRecoversTheSameStateAndKeepsGoing() throws Exception {
        final TestCluster cluster = new TestCluster(3, dir, config).startAll();
        final long sequence;
        final long hash;
        final ReplicaClient before = new ReplicaClient(cluster.members, config);
        try {
            final int leader = cluster.awaitLeader(WAIT);
            assertThat(before.client.awaitConnected(30, TimeUnit.SECONDS)).isTrue();
            final RandomCommandGenerator generator = new RandomCommandGenerator(13, config, 10);
            generator.fundingCommands(1_000_000_000_000L).forEach(before::submit);
            final Command command = new Command();
            for (int i = 0; i < 500; i++) {
                before.submit(generator.next(command.clear()));
            }
            before.awaitAllAcknowledged(WAIT);
            final long snapshotAt = before.appliedSequence();
            assertThat(cluster.node(leader).takeSnapshot()).isTrue();
            for (int i = 0; i < 3; i++) {
                final ClusterNode node = cluster.node(i);
                awaitTrue(() -> node.snapshotSequence() == snapshotAt);
            }
            // commands after the snapshot are recovered from the log
            for (int i = 0; i < 300; i++) {
                before.submit(generator.next(command.clear()));
            }
            before.awaitAllAcknowledged(WAIT);
            sequence = before.appliedSequence();
            hash = before.stateHash();
        } finally {
            before.close();
            cluster.killAll();
        }

        try (TestCluster restarted = cluster) {
            restarted.startAll();
            restarted.awaitLeader(WAIT);
            for (int i = 0; i < 3; i++) {
                final StatusReport status = restarted.await(i, s -> s.sequence() == sequence, WAIT);
                assertThat(status.stateHash()).as("node %d", i).isEqualTo(hash);
                assertThat(restarted.node(i).snapshotSequence()).isGreaterThan(0);
            }
            try (ReplicaClient after = new ReplicaClient(restarted.members, before.replica, sequence)) {
                assertThat(after.client.awaitConnected(30, TimeUnit.SECONDS)).isTrue();
                final Command deposit = new Command().deposit(1, TestConfigs.USD, 1_000);
                after.submit(deposit);
                after.awaitAllAcknowledged(WAIT);
                assertThat(after.appliedSequence()).isEqualTo(sequence + 1);
                final long next = after.appliedSequence();
                final StatusReport leaderStatus = restarted.await(restarted.awaitLeader(WAIT), s -> s.sequence() == next, WAIT);
                assertThat(leaderStatus.stateHash()).isEqualTo(after.stateHash());
            }
        }
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", WAIT).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
