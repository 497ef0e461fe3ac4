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
 * per gateway (count, then pairs in ascending gateway order, so equal states write equal bytes), from
 * version 2 the cancel_after switches ({@link CancelAfterTimers#write}), then the engine's own snapshot
 * format. Version 1 (no switches) is still read. Pinned by {@code ServiceSnapshotTest}.
 */
final class ServiceSnapshot {
    static final int MAGIC = 0x53434D54; // "TMCS"
    static final int VERSION = 2;
    private static final int WITHOUT_TIMERS = 1;

    private ServiceSnapshot() {
    }

    /** What a snapshot restores. */
    record Restored(long sequence, long timestamp, Long2LongHashMap lastCommandIds, CancelAfterTimers timers,
                    MatchingEngine engine) {
    }

    static byte[] write(final ExchangeConfig config, final long sequence, final long timestamp,
                        final Long2LongHashMap lastCommandIds, final CancelAfterTimers timers,
                        final MatchingEngine engine) {
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
        timers.write(out);
        engine.writeSnapshot(out);
        return out.toByteArray();
    }

    static Restored read(final ExchangeConfig config, final EngineListener listener, final byte[] bytes) {
        final SnapshotInput in = new SnapshotInput(bytes);
        final int version = in.expectHeader(MAGIC, WITHOUT_TIMERS, VERSION, config.fingerprint(), "cluster service");
        final long sequence = in.getLong();
        final long timestamp = in.getLong();
        final int gateways = in.getInt();
        final Long2LongHashMap lastCommandIds = new Long2LongHashMap(0);
        for (int i = 0; i < gateways; i++) {
            lastCommandIds.put(in.getLong(), in.getLong());
        }
        final CancelAfterTimers timers = version == WITHOUT_TIMERS ? new CancelAfterTimers() : CancelAfterTimers.read(in);
        return new Restored(sequence, timestamp, lastCommandIds, timers, MatchingEngine.fromSnapshot(config, listener, in));
    }
}
