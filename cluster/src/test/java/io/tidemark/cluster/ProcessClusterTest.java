package io.tidemark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.cluster.gateway.ClusterView;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each node a real process ({@link ClusterNodeMain}), killed with SIGKILL under load and started again; what
 * the nodes have reached is read as a gateway reads it, from the members' own reports ({@link ClusterView}).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ProcessClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private final ExchangeConfig config = ConfigFile.defaults().exchange();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theLeaderKilledWithSigkillLosesNothingAcknowledgedAndAKilledFollowerShowsDownUntilItRejoins() throws Exception {
        final ClusterMembers members = ClusterMembers.onOneHost(3, "127.0.0.1",
            FreePorts.consecutive(3 * ClusterMembers.PORTS_PER_MEMBER));
        final Process[] nodes = new Process[3];
        try {
            for (int i = 0; i < 3; i++) {
                nodes[i] = launch(members, i);
            }
            try (ReplicaClient client = new ReplicaClient(members, config)) {
                assertThat(client.client.awaitConnected(40, TimeUnit.SECONDS)).isTrue();
                final ClusterView view = new ClusterView(client.client);
                final int leader = awaitView(view, v -> v.path("leader").asInt() >= 0 && upCount(v) == 3).path("leader").asInt();
                final RandomCommandGenerator generator = new RandomCommandGenerator(17, config, 10);
                generator.fundingCommands(1_000_000_000_000L).forEach(client::submit);
                final Command command = new Command();
                for (int i = 0; i < 1_000; i++) {
                    client.submit(generator.next(command.clear()));
                }
                client.awaitAllAcknowledged(WAIT);
                // every member's own figures: its process, its commit position, its engine at the replica's sequence
                final long before = client.appliedSequence();
                final String beforeHash = String.format("%016x", client.stateHash());
                final JsonNode up = awaitView(view, v -> allAt(v, before, beforeHash));
                for (int i = 0; i < 3; i++) {
                    assertThat(up.path("members").get(i).path("pid").asLong()).isEqualTo(nodes[i].pid());
                    assertThat(up.path("members").get(i).path("commit_position").asLong()).isPositive();
                }
                assertThat(up.path("members").get(leader).path("role").asText()).isEqualTo("leader");

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
                final JsonNode failedOver = awaitView(view, v -> v.path("leader").asInt() >= 0
                    && v.path("leader").asInt() != leader && "down".equals(role(v, leader)));
                for (int i = 0; i < 3; i++) {
                    if (i != leader) {
                        final int id = i;
                        final JsonNode at = awaitView(view, v -> sequence(v, id) == sequence);
                        assertThat(at.path("members").get(i).path("state_hash").asText()).isEqualTo(hash);
                        // the survivors' commit positions moved on with the commands after the kill
                        assertThat(at.path("members").get(i).path("commit_position").asLong())
                            .isGreaterThan(up.path("members").get(i).path("commit_position").asLong());
                    }
                }
                nodes[leader] = launch(members, leader);
                final JsonNode rejoined = awaitView(view, v -> allAt(v, sequence, hash));
                assertThat(rejoined.path("members").get(leader).path("pid").asLong()).isEqualTo(nodes[leader].pid());
                assertThat(role(rejoined, leader)).isEqualTo("follower");

                // a follower killed: down within a few seconds, and a follower again at the leader's hash once restarted
                final int newLeader = failedOver.path("leader").asInt();
                final int follower = 3 - newLeader - leader; // never led
                assertThat(role(rejoined, follower)).isEqualTo("follower");
                nodes[follower].destroyForcibly().waitFor();
                final long killedAt = System.nanoTime();
                awaitView(view, v -> "down".equals(role(v, follower)));
                assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
                client.submit(new Command().deposit(1, config.assetBySymbol("USD").id(), 1_000));
                client.awaitAllAcknowledged(WAIT);
                final long last = client.appliedSequence();
                final String lastHash = String.format("%016x", client.stateHash());
                nodes[follower] = launch(members, follower);
                final JsonNode back = awaitView(view, v -> allAt(v, last, lastHash));
                assertThat(role(back, follower)).isEqualTo("follower");
                assertThat(back.path("members").get(follower).path("pid").asLong()).isEqualTo(nodes[follower].pid());
                assertThat(back.path("leader").asInt()).isEqualTo(newLeader);
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

    private static String role(final JsonNode view, final int id) {
        return view.path("members").get(id).path("role").asText();
    }

    private static long sequence(final JsonNode view, final int id) {
        return "down".equals(role(view, id)) ? -1 : view.path("members").get(id).path("sequence").asLong();
    }

    private static int upCount(final JsonNode view) {
        int up = 0;
        for (final JsonNode member : view.path("members")) {
            up += "down".equals(member.path("role").asText()) ? 0 : 1;
        }
        return up;
    }

    /** Every member up, at {@code sequence} with {@code hash}, and a leader known. */
    private static boolean allAt(final JsonNode view, final long sequence, final String hash) {
        for (final JsonNode member : view.path("members")) {
            if ("down".equals(member.path("role").asText()) || member.path("sequence").asLong() != sequence
                || !hash.equals(member.path("state_hash").asText())) {
                return false;
            }
        }
        return view.path("leader").asInt() >= 0;
    }

    private static JsonNode awaitView(final ClusterView view, final Predicate<JsonNode> condition) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode seen = view.view();
        while (!condition.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cluster view stayed at " + seen);
            }
            Thread.sleep(50);
            seen = view.view();
        }
        return seen;
    }
}
