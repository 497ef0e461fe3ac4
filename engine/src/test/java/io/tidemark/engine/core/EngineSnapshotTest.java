package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.RecordingListener;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineSnapshotTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    @Test
    void aRestoredEngineHasTheSameStateAndBehavesIdentically() {
        final RecordingListener originalEvents = new RecordingListener();
        final MatchingEngine original = new MatchingEngine(config, originalEvents);
        final RandomCommandGenerator generator = new RandomCommandGenerator(77, config, 40);
        final Command a = new Command();
        for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
            original.process(a.copyFrom(deposit));
        }
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 30_000; i++) {
                generator.next(a);
                original.process(a);
                generator.observe(a);
            }
            final SnapshotOutput out = new SnapshotOutput(1024);
            original.writeSnapshot(out);
            final RecordingListener restoredEvents = new RecordingListener();
            final MatchingEngine restored = MatchingEngine.fromSnapshot(config, restoredEvents,
                new SnapshotInput(out.toByteArray()));
            assertThat(restored.stateHash()).as("round %d", round).isEqualTo(original.stateHash());
            assertThat(new EngineInspector(restored).openOrderCount())
                .isEqualTo(new EngineInspector(original).openOrderCount());

            // the same next commands produce the same events from both
            final RandomCommandGenerator fork = new RandomCommandGenerator(1000 + round, config, 40);
            final Command b = new Command();
            final Command c = new Command();
            originalEvents.clear();
            final MatchingEngine copy = MatchingEngine.fromSnapshot(config, originalEvents,
                new SnapshotInput(out.toByteArray()));
            for (int i = 0; i < 5_000; i++) {
                fork.next(b);
                c.copyFrom(b);
                copy.process(b);
                restored.process(c);
                fork.observe(b);
            }
            assertThat(restoredEvents.events()).isEqualTo(originalEvents.events());
            originalEvents.clear();
        }
    }

    @Test
    void aSnapshotOfAnotherConfigurationIsRefused() {
        final MatchingEngine engine = new MatchingEngine(config, new RecordingListener());
        final SnapshotOutput out = new SnapshotOutput(64);
        engine.writeSnapshot(out);
        final ExchangeConfig other = ExchangeConfig.of(List.of(new AssetConfig("BTC", 8), new AssetConfig("USD", 6)),
            List.of(new MarketConfig("BTC-USD", "0.01", "0.0001", "0.0001", "1", 10, 25)));
        assertThatThrownBy(() -> MatchingEngine.fromSnapshot(other, new RecordingListener(),
            new SnapshotInput(out.toByteArray()))).isInstanceOf(SnapshotFormatException.class)
            .hasMessageContaining("configuration");
    }

    @Test
    void aTruncatedSnapshotIsRefused() {
        final MatchingEngine engine = new MatchingEngine(config, new RecordingListener());
        engine.process(new Command().deposit(1, 0, 100));
        final SnapshotOutput out = new SnapshotOutput(64);
        engine.writeSnapshot(out);
        final byte[] bytes = out.toByteArray();
        final byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 9);
        assertThatThrownBy(() -> MatchingEngine.fromSnapshot(config, new RecordingListener(), new SnapshotInput(truncated)))
            .isInstanceOf(SnapshotFormatException.class);
    }
}
