package io.tidemark.node.golden;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/** The engine's event bytes for a whole journal, reduced to one checksum that pins the event layout. */
final class GoldenEvents {
    private GoldenEvents() {
    }

    static long crc32cOfReplay(final Path dataDir, final ExchangeConfig config) {
        final EventEncoder encoder = new EventEncoder();
        final ExpandableDirectByteBuffer events = new ExpandableDirectByteBuffer(4_096);
        final MatchingEngine engine = new MatchingEngine(config, encoder, 4_096, 65_536);
        final CRC32C crc = new CRC32C();
        JournalReader.replay(new JournalDirectory(dataDir.resolve("journal")), config.fingerprint(), 0, 0, 0, 0,
            command -> {
                encoder.wrap(events);
                engine.process(command);
                crc.update(events.byteBuffer().duplicate().position(0).limit(encoder.length()));
            });
        return crc.getValue();
    }
}
