package io.tidemark.cluster.service;

import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import org.agrona.collections.Long2LongHashMap;

/**
 * The clustered engine's snapshot (little-endian): the section header ({@code "TMCS"}, version, the
 * configuration's fingerprint), the last sequence and timestamp applied, the highest command id applied
 * per gateway (count, then pairs in ascending gateway order, so equal states write equal bytes), then
 * the engine's own snapshot format. Pinned by {@code ServiceSnapshotTest}.
 */
final class ServiceSnapshot {
    static final int MAGIC = 0x53434D54; // "TMCS"
    static final int VERSION = 1;

    private ServiceSnapshot() {
    }

    /** What a snapshot restores. */
    record Restored(long sequence, long timestamp, Long2LongHashMap lastCommandIds, MatchingEngine engine) {
    }

    static byte[] write(final ExchangeConfig config, final long sequence, final long timestamp,
                        final Long2LongHashMap lastCommandIds, final MatchingEngine engine) {
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        out.putHeader(MAGIC, VERSION, config.fingerprint());
        out.putLong(sequence).putLong(timestamp);
        final long[] gateways = new long[lastCommandIds.size()];
        int n = 0;
        final Long2LongHashMap.KeyIterator keys = lastCommandIds.keySet().iterator();
        while (keys.hasNext()) {
            gateways[n++] = keys.nextValue();
        }
        java.util.Arrays.sort(gateways);
        out.putInt(gateways.length);
        for (final long gateway : gateways) {
            out.putLong(gateway).putLong(lastCommandIds.get(gateway));
        }
        engine.writeSnapshot(out);
        return out.toByteArray();
    }

    static Restored read(final ExchangeConfig config, final EngineListener listener, final byte[] bytes) {
        final SnapshotInput in = new SnapshotInput(bytes);
        in.expectHeader(MAGIC, VERSION, config.fingerprint(), "cluster service");
        final long sequence = in.getLong();
        final long timestamp = in.getLong();
        final int gateways = in.getInt();
        final Long2LongHashMap lastCommandIds = new Long2LongHashMap(0);
        for (int i = 0; i < gateways; i++) {
            lastCommandIds.put(in.getLong(), in.getLong());
        }
        return new Restored(sequence, timestamp, lastCommandIds, MatchingEngine.fromSnapshot(config, listener, in));
    }
}
