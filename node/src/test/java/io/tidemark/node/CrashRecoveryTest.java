package io.tidemark.node;

import io.tidemark.engine.testkit.Seeds;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import io.tidemark.node.pipeline.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} a real node process at random moments while it accepts commands, restart it on the
 * same data directory, and check: every acknowledged command is in the journal exactly as sent, the
 * recovered state equals a fresh replay of the journal, and the node accepts new commands.
 * {@code -Dtidemark.crash.kills=N} for a longer soak of the fused topology, {@code -Dtidemark.crash.staged.kills=N}
 * of the staged one.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {
    /** One run of the child process. */
    private static final class Child {
        final Process process;
        final CountDownLatch recovered = new CountDownLatch(1);
        final AtomicReference<long[]> recovery = new AtomicReference<>();
        final AtomicLong acks = new AtomicLong();
        final Thread reader;

        Child(final Process process, final Map<Long, Long> acked) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        final String[] parts = line.split(" ");
                        if (parts[0].equals("RECOVERED")) {
                            recovery.set(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                                Long.parseLong(parts[3])});
                            recovered.countDown();
                        } else if (parts[0].equals("ACK") && parts.length == 3) {
                            acked.put(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                            acks.incrementAndGet();
                        }
                    }
                } catch (final Exception e) {
                    // the process was killed mid-line: what was read completely counts
                }
            });
            reader.start();
        }
    }

    private static Child start(final Path dataDir, final long seed, final boolean verify, final Path log,
                               final Map<Long, Long> acked, final Topology topology) throws Exception {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : System.getProperty("tidemark.jvm.flags", "").split("\\s+")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.add("-Xmx256m");
        command.add("-D" + CrashNodeMain.TOPOLOGY + "=" + topology.name());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashNodeMain.class.getName());
        command.add(dataDir.toString());
        command.add(Long.toString(seed));
        if (verify) {
            command.add("verify");
        }
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        return new Child(process, acked);
    }

    /** The default topology on small machines, the full run. */
    @Test
    void killNineAtRandomMomentsNeverLosesAnAcknowledgedCommandFused(@TempDir final Path dir) throws Exception {
        killNineAtRandomMoments(dir, Topology.FUSED, Seeds.count("tidemark.crash.kills", 10));
    }

    /** A thread per stage: a short run (the fast tests run both topologies in full). */
    @Test
    void killNineAtRandomMomentsNeverLosesAnAcknowledgedCommandStaged(@TempDir final Path dir) throws Exception {
        killNineAtRandomMoments(dir, Topology.STAGED, Seeds.count("tidemark.crash.staged.kills", 3));
    }

    private static void killNineAtRandomMoments(final Path dir, final Topology topology, final int kills)
        throws Exception {
        final long seed = Seeds.seed(20261121);
        final SplittableRandom random = new SplittableRandom(seed);
        final Path dataDir = dir.resolve("data");
        final Path log = dir.resolve("child.log");
        final Map<Long, Long> acked = new ConcurrentHashMap<>();
        long maxAckedBefore = 0;
        int fromSnapshot = 0;
        for (int kill = 0; kill < kills; kill++) {
            final Child child = start(dataDir, seed, false, log, acked, topology);
            assertThat(child.recovered.await(90, TimeUnit.SECONDS)).as("run %d recovered (log %s)", kill, log).isTrue();
            final long[] recovery = child.recovery.get();
            if (recovery[2] > 0) {
                fromSnapshot++;
            }
            assertThat(recovery[0]).as("run %d recovered every command acknowledged before", kill)
                .isGreaterThanOrEqualTo(maxAckedBefore);
            // let it accept commands, then kill it at a random moment
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (child.acks.get() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(child.acks.get()).as("run %d accepts new commands after recovering", kill).isGreaterThan(0);
            // half the runs die soon, half live long enough to write snapshots first
            Thread.sleep(kill % 2 == 0 ? random.nextInt(600) : 1_500 + random.nextInt(1_000));
            child.process.destroyForcibly();
            child.process.waitFor(30, TimeUnit.SECONDS);
            child.reader.join(10_000);

            final Map<Long, Long> journal = new ConcurrentHashMap<>();
            JournalReader.replay(new JournalDirectory(dataDir.resolve("journal")), CrashNodeMain.CONFIG.fingerprint(),
                0, 0, 0, 0, command -> journal.put(command.sequence, CrashNodeMain.digest(command)));
            for (final Map.Entry<Long, Long> ack : acked.entrySet()) {
                assertThat(journal.get(ack.getKey())).as("acknowledged sequence %d after kill %d", ack.getKey(), kill)
                    .isEqualTo(ack.getValue());
            }
            assertThat(Replay.replay(dataDir, CrashNodeMain.CONFIG, recovery[0]).stateHash())
                .as("run %d: recovered state equals a fresh replay up to sequence %d", kill, recovery[0])
                .isEqualTo(recovery[1]);
            maxAckedBefore = acked.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf("crash run %d (%s): recovered to sequence %d (snapshot at %d + journal), then %d acknowledged "
                + "before kill -9; journal holds %d commands%n", kill, topology.wireName(), recovery[0], recovery[2], child.acks.get(),
                journal.size());
        }
        final Child last = start(dataDir, seed, true, log, acked, topology);
        assertThat(last.recovered.await(90, TimeUnit.SECONDS)).isTrue();
        assertThat(last.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final long[] recovery = last.recovery.get();
        assertThat(recovery[0]).isGreaterThanOrEqualTo(maxAckedBefore);
        assertThat(Replay.replay(dataDir, CrashNodeMain.CONFIG).stateHash()).isEqualTo(recovery[1]);
        assertThat(acked.size()).as("commands acknowledged across %d kills", kills).isGreaterThan(kills * 100);
        assertThat(fromSnapshot).as("runs that recovered from a snapshot plus the journal after it")
            .isGreaterThanOrEqualTo(kills / 2);
        final String keepLog = System.getProperty("tidemark.crash.log");
        if (keepLog != null) {
            java.nio.file.Files.copy(log, Path.of(keepLog), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
