package io.tidemark.cluster;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Each node a real process ({@link ClusterNodeMain}), killed with SIGKILL under load and started again. */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ProcessClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private final ExchangeConfig config = ConfigFile.defaults().exchange();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theLeaderKilledWithSigkillLosesNothingAcknowledgedAndCatchesUpWhenRestarted() throws Exception {
        final ClusterMembers members = ClusterMembers.onOneHost(3, "127.0.0.1",
            FreePorts.consecutive(3 * ClusterMembers.PORTS_PER_MEMBER));
        final Process[] nodes = new Process[3];
        try {
            for (int i = 0; i < 3; i++) {
                nodes[i] = launch(members, i);
            }
            final int leader = awaitLeader(-1);
            try (ReplicaClient client = new ReplicaClient(members, config)) {
                assertThat(client.client.awaitConnected(40, TimeUnit.SECONDS)).isTrue();
                final RandomCommandGenerator generator = new RandomCommandGenerator(17, config, 10);
                generator.fundingCommands(1_000_000_000_000L).forEach(client::submit);
                final Command command = new Command();
                for (int i = 0; i < 1_000; i++) {
                    client.submit(generator.next(command.clear()));
                }
                nodes[leader].destroyForcibly().waitFor();
                for (int i = 0; i < 1_000; i++) {
                    client.submit(generator.next(command.clear()));
                    if (i % 100 == 0) {
                        Thread.sleep(5);
                    }
                }
                client.awaitAllAcknowledged(WAIT);
                assertThat(client.appliedSequence()).isEqualTo(client.submitted.get());
                final long sequence = client.appliedSequence();
                final String hash = String.format("%016x", client.stateHash());
                assertThat(awaitLeader(leader)).isNotEqualTo(leader);
                for (int i = 0; i < 3; i++) {
                    if (i != leader) {
                        assertThat(awaitStatus(i, s -> s.sequence() == sequence).stateHash()).isEqualTo(hash);
                    }
                }
                nodes[leader] = launch(members, leader);
                final StatusFile.Status rejoined = awaitStatus(leader, s -> s.sequence() == sequence
                    && s.pid() == nodes[leader].pid());
                assertThat(rejoined.stateHash()).isEqualTo(hash);
            }
        } finally {
            for (int i = 0; i < 3; i++) {
                if (nodes[i] != null) {
                    nodes[i].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                ClusterNode.deleteAeronDirectory(dir.resolve("node-" + i));
            }
        }
    }

    private Process launch(final ClusterMembers members, final int id) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            ClusterNodeMain.class.getName(), "--id", Integer.toString(id), "--members", members.toString(),
            "--data-dir", dir.resolve("node-" + id).toString()));
        final File log = dir.resolve("node-" + id + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    }

    private Optional<StatusFile.Status> status(final int id) {
        return StatusFile.read(dir.resolve("node-" + id).resolve(StatusFile.NAME));
    }

    /** The member a live node reports leading, other than {@code not}. */
    private int awaitLeader(final int not) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 3; i++) {
                final Optional<StatusFile.Status> status = status(i);
                if (i != not && status.isPresent() && "leader".equals(status.get().role())) {
                    return i;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no leader within " + WAIT);
    }

    private StatusFile.Status awaitStatus(final int id, final Predicate<StatusFile.Status> condition)
        throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        Optional<StatusFile.Status> status = status(id);
        while (status.isEmpty() || !condition.test(status.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("node " + id + " stayed at " + status);
            }
            Thread.sleep(50);
            status = status(id);
        }
        return status.get();
    }
}
