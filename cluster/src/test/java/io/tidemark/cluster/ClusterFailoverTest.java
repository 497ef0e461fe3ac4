package io.tidemark.cluster;

import io.tidemark.cluster.service.NodeStatus;
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
            final long sequence = client.appliedSequence();
            final long hash = client.stateHash();
            final int newLeader = cluster.awaitLeader(WAIT);
            assertThat(newLeader).isNotEqualTo(leader);
            for (int i = 0; i < 3; i++) {
                if (i != leader) {
                    final NodeStatus status = cluster.await(i, s -> s.sequence() == sequence, WAIT);
                    assertThat(status.stateHash()).as("node %d", i).isEqualTo(hash);
                }
            }
            cluster.start(leader);
            final NodeStatus rejoined = cluster.await(leader, s -> s.sequence() == sequence, WAIT);
            assertThat(rejoined.stateHash()).isEqualTo(hash);
            assertThat(rejoined.role()).isEqualTo("follower");
        }
    }
}
