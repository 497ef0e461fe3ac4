package io.tidemark.node;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.node.pipeline.ReadModel;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.SnapshotTask;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.snapshot.SnapshotStore;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots are written from the snapshot thread's replica, which follows the journal: they never hold the
 * core thread, and each is exactly the live state at its sequence.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NodeSnapshotTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    private Node start(final Path dir, final Topology topology, final ReadModelSet.Factory extra) throws Exception {
        final Node.Context context = new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO)
            .topology(topology);
        if (extra != null) {
            context.readModel(extra);
        }
        return Node.start(context);
    }

    private static void feed(final NodeClient client, final RandomCommandGenerator generator, final int count) {
        final Command command = new Command();
        for (int i = 0; i < count; i++) {
            generator.next(command);
            generator.observe(client.submit(command));
        }
    }

    /** The live state's sections at the pipeline's current sequence, taken through the ring as close() does. */
    private static Map<String, byte[]> liveSections(final Node node) throws Exception {
        final CompletableFuture<SnapshotTask> ready = new CompletableFuture<>();
        assertThat(node.pipeline().requestSnapshot(new SnapshotTask(ready::complete))).isEqualTo(Pipeline.Submit.PUBLISHED);
        final SnapshotTask task = ready.get(30, TimeUnit.SECONDS);
        final Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put(SnapshotStore.ENGINE_SECTION, task.engine().toByteArray());
        for (final Map.Entry<String, SnapshotOutput> model : task.readModels().entrySet()) {
            sections.put(model.getKey(), model.getValue().toByteArray());
        }
        sections.put("sequence", Long.toString(task.sequence()).getBytes());
        return sections;
    }

    private static Map<String, byte[]> fileSections(final Path file, final long fingerprint) throws Exception {
        final SnapshotStore.Snapshot snapshot = SnapshotStore.read(file, fingerprint);
        final Map<String, byte[]> sections = new LinkedHashMap<>(snapshot.sections());
        sections.put("sequence", Long.toString(snapshot.sequence()).getBytes());
        return sections;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void aSnapshotHoldsExactlyTheLiveStateAtItsSequence(final Topology topology, @TempDir final Path dir) throws Exception {
        final RandomCommandGenerator generator = new RandomCommandGenerator(51, config, 20);
        try (Node node = start(dir, topology, null)) {
            final NodeClient client = new NodeClient(node);
            generator.fundingCommands(50_000_000_000L).forEach(client::submit);
            feed(client, generator, 5_000);
            final Path first = node.snapshot().get(30, TimeUnit.SECONDS);
            feed(client, generator, 5_000);
            final Path second = node.snapshot().get(30, TimeUnit.SECONDS);

            assertThat(first).isNotNull();
            assertThat(second).isNotNull().isNotEqualTo(first);
            final Map<String, byte[]> live = liveSections(node);
            final Map<String, byte[]> written = fileSections(second, config.fingerprint());
            assertThat(written.keySet()).containsExactlyElementsOf(live.keySet());
            for (final String section : live.keySet()) {
                assertThat(written.get(section)).as(section).isEqualTo(live.get(section));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void nothingJournaledSinceTheLastSnapshotWritesNone(final Topology topology, @TempDir final Path dir) throws Exception {
        final RandomCommandGenerator generator = new RandomCommandGenerator(52, config, 5);
        try (Node node = start(dir, topology, null)) {
            final NodeClient client = new NodeClient(node);
            generator.fundingCommands(1_000_000_000L).forEach(client::submit);
            assertThat(node.snapshot().get(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(node.snapshot().get(30, TimeUnit.SECONDS)).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void commandsAreAnsweredWhileASnapshotIsBeingWritten(final Topology topology, @TempDir final Path dir) throws Exception {
        // the replica's copy of this model holds its snapshot until released; the live one writes at once
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final RandomCommandGenerator generator = new RandomCommandGenerator(53, config, 10);
        try (Node node = start(dir, topology, set -> new QuietModel() {
            @Override
            public void writeSnapshot(final SnapshotOutput out) {
                if (!set.live()) {
                    writing.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                out.putInt(1);
            }

            @Override
            public void readSnapshot(final SnapshotInput in) {
                in.getInt();
            }
        })) {
            final NodeClient client = new NodeClient(node);
            generator.fundingCommands(1_000_000_000L).forEach(client::submit);
            feed(client, generator, 1_000);
            final CompletableFuture<Path> snapshot = node.snapshot();
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

            final List<Command> answered = new ArrayList<>();
            final Command command = new Command();
            for (int i = 0; i < 2_000; i++) {
                generator.next(command);
                answered.add(client.submit(command));
            }
            assertThat(snapshot).isNotDone();
            assertThat(answered).hasSize(2_000).allSatisfy(reply -> assertThat(reply.sequence).isPositive());

            release.countDown();
            final Path file = snapshot.get(30, TimeUnit.SECONDS);
            final long snapshotSequence = SnapshotStore.read(file, config.fingerprint()).sequence();
            assertThat(snapshotSequence).isLessThan(answered.get(0).sequence);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Topology.class, names = {"FUSED", "STAGED"})
    void snapshotsTakenUnderLoadRestoreToTheStateAtTheirSequence(final Topology topology, @TempDir final Path dir,
                                                                @TempDir final Path kept) throws Exception {
        final RandomCommandGenerator generator = new RandomCommandGenerator(54, config, 20);
        final List<CompletableFuture<Path>> taken = new ArrayList<>();
        final long engineHash;
        try (Node node = start(dir, topology, null)) {
            final NodeClient client = new NodeClient(node);
            generator.fundingCommands(50_000_000_000L).forEach(client::submit);
            for (int round = 0; round < 4; round++) {
                // requested while the commands below are being answered; kept aside before a later one prunes it
                // (null: a request that ran after the one before it with nothing journaled in between)
                taken.add(node.snapshot().thenApply(file -> file == null ? null : copy(file, kept.resolve(file.getFileName()))));
                feed(client, generator, 3_000);
            }
            for (final CompletableFuture<Path> snapshot : taken) {
                snapshot.get(30, TimeUnit.SECONDS);
            }
            taken.removeIf(snapshot -> snapshot.join() == null);
            assertThat(taken).isNotEmpty();
            node.close();
            engineHash = node.engineAfterClose().stateHash();
        }
        // each snapshot alone, with the journal after it, comes back to the same final state
        for (final CompletableFuture<Path> snapshot : taken) {
            final Path copy = kept.resolve("restore-" + snapshot.get().getFileName());
            copy(dir.resolve("journal"), copy.resolve("journal"));
            copy(snapshot.get(), copy.resolve("snapshots").resolve(snapshot.get().getFileName()));
            try (Node node = start(copy, topology, null)) {
                assertThat(node.recovery().snapshot().getFileName()).isEqualTo(snapshot.get().getFileName());
                assertThat(node.recovery().engineStateHash()).isEqualTo(engineHash);
            }
        }
    }

    /** A model that reads no event; the test gives it its snapshot section. */
    private abstract static class QuietModel extends IgnoringListener implements ReadModel {
        @Override
        public String name() {
            return "slow";
        }
    }

    /** Copies a file or a directory tree; returns the target. */
    private static Path copy(final Path from, final Path to) {
        try (var paths = Files.walk(from)) {
            for (final Path path : (Iterable<Path>) paths::iterator) {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target);
                }
            }
            return to;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
