package io.tidemark.engine.event;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.RecordingListener;
import io.tidemark.engine.testkit.TestConfigs;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventCodecTest {
    @Test
    void decodingWhatWasEncodedGivesBackEveryEventExactly() {
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final RecordingListener direct = new RecordingListener();
        final RecordingListener decoded = new RecordingListener();
        final EventEncoder encoder = new EventEncoder();
        final EventDecoder decoder = new EventDecoder();
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(64);
        final MatchingEngine reference = new MatchingEngine(config, direct);
        final MatchingEngine encoding = new MatchingEngine(config, encoder);
        final RandomCommandGenerator generator = new RandomCommandGenerator(31, config, 30);
        final Command a = new Command();
        final Command b = new Command();
        for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
            reference.process(a.copyFrom(deposit));
            encoder.wrap(buffer);
            encoding.process(b.copyFrom(deposit));
            decoder.decode(buffer, encoder.length(), b, decoded);
        }
        for (int i = 0; i < 100_000; i++) {
            generator.next(a);
            b.copyFrom(a);
            reference.process(a);
            encoder.wrap(buffer);
            encoding.process(b);
            decoder.decode(buffer, encoder.length(), b, decoded);
            generator.observe(a);
        }
        assertThat(decoded.events()).hasSameSizeAs(direct.events()).isEqualTo(direct.events());
        assertThat(direct.events().size()).isGreaterThan(300_000);
    }

    @Test
    void anEmptyStreamStillReportsTheCommand() {
        final RecordingListener listener = new RecordingListener();
        final Command command = new Command().deposit(1, 0, 5);
        new EventDecoder().decode(new ExpandableDirectByteBuffer(8), 0, command, listener);
        assertThat(listener.events()).hasSize(1);
    }
}
