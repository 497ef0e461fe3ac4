package io.tidemark.cluster.service;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.testkit.TestConfigs;
import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clustered engine's snapshot: its own head pinned, the engine's part in the engine's (pinned) format. */
class ServiceSnapshotTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    private MatchingEngine engineWithAnOrder() {
        final MatchingEngine engine = new MatchingEngine(config, new IgnoringListener() { });
        final Command c = new Command().deposit(1, TestConfigs.USD, 1_000_000_000);
        c.sequence = 1;
        c.timestamp = 1_000;
        engine.process(c);
        c.placeOrder(1, TestConfigs.BTC_USD, Side.BUY, OrderType.LIMIT, 5_000_000, 10);
        c.sequence = 2;
        c.timestamp = 2_000;
        engine.process(c);
        return engine;
    }

    /** Two switches armed: accounts 9 then 4, deadlines 5,000 and 7,000, timers 1 and 2. */
    private static CancelAfterTimers twoSwitches() {
        final CancelAfterTimers timers = new CancelAfterTimers();
        final CancelAfterTimersTest.RecordingScheduler scheduler = new CancelAfterTimersTest.RecordingScheduler();
        timers.set(scheduler, 9, 1_000, 4_000);
        timers.set(scheduler, 4, 2_000, 5_000);
        return timers;
    }

    @Test
    void theHeadIsPinnedWithTheSwitchesAndEqualStatesWriteEqualBytes() {
        final Long2LongHashMap ids = new Long2LongHashMap(0);
        ids.put(0x20, 7);
        ids.put(0x10, 3);
        final byte[] bytes = ServiceSnapshot.write(config, 2, 2_000, ids, twoSwitches(), engineWithAnOrder());
        final String fingerprint = HexFormat.of().formatHex(longLe(config.fingerprint()));
        assertThat(HexFormat.of().formatHex(bytes, 0, 128)).isEqualTo("544d4353" + "02000000" + fingerprint
            + "0200000000000000" + "d007000000000000" + "02000000"
            + "1000000000000000" + "0300000000000000" + "2000000000000000" + "0700000000000000"
            // the switches: last timer id 2, two of them in account order (account, deadline, timer)
            + "0200000000000000" + "02000000"
            + "0400000000000000" + "581b000000000000" + "0200000000000000"
            + "0900000000000000" + "8813000000000000" + "0100000000000000");
        final Long2LongHashMap reordered = new Long2LongHashMap(0);
        reordered.put(0x10, 3);
        reordered.put(0x20, 7);
        assertThat(ServiceSnapshot.write(config, 2, 2_000, reordered, twoSwitches(), engineWithAnOrder())).isEqualTo(bytes);
    }

    @Test
    void aVersion1SnapshotFromBeforeTheSwitchesIsStillRead() {
        final Long2LongHashMap ids = new Long2LongHashMap(0);
        ids.put(0x10, 3);
        final MatchingEngine engine = engineWithAnOrder();
        final byte[] current = ServiceSnapshot.write(config, 2, 2_000, ids, new CancelAfterTimers(), engine);
        // version 1 is version 2 without the switches' section (last timer id and count, 12 bytes when empty)
        final int switches = 16 + 16 + 4 + 16;
        final byte[] version1 = new byte[current.length - 12];
        System.arraycopy(current, 0, version1, 0, switches);
        System.arraycopy(current, switches + 12, version1, switches, current.length - switches - 12);
        version1[4] = 1;
        assertThat(HexFormat.of().formatHex(version1, 0, 52)).startsWith("544d4353" + "01000000");
        final ServiceSnapshot.Restored restored = ServiceSnapshot.read(config, new IgnoringListener() { }, version1);
        assertThat(restored.sequence()).isEqualTo(2);
        assertThat(restored.lastCommandIds().get(0x10)).isEqualTo(3);
        assertThat(restored.timers().armed()).isZero();
        assertThat(restored.engine().stateHash()).isEqualTo(engine.stateHash());
    }

    @Test
    void whatIsWrittenIsRestored() {
        final Long2LongHashMap ids = new Long2LongHashMap(0);
        ids.put(5, 9);
        final MatchingEngine engine = engineWithAnOrder();
        final ServiceSnapshot.Restored restored = ServiceSnapshot.read(config, new IgnoringListener() { },
            ServiceSnapshot.write(config, 2, 2_000, ids, twoSwitches(), engine));
        assertThat(restored.sequence()).isEqualTo(2);
        assertThat(restored.timestamp()).isEqualTo(2_000);
        assertThat(restored.lastCommandIds().get(5)).isEqualTo(9);
        assertThat(restored.engine().stateHash()).isEqualTo(engine.stateHash());
        assertThat(restored.timers().deadline(9)).isEqualTo(5_000);
        assertThat(restored.timers().deadline(4)).isEqualTo(7_000);
        assertThat(restored.timers().fired(2)).isEqualTo(4);
        // and the next arm takes a timer id after the restored ones
        final CancelAfterTimersTest.RecordingScheduler scheduler = new CancelAfterTimersTest.RecordingScheduler();
        restored.timers().set(scheduler, 11, 3_000, 1_000);
        assertThat(scheduler.scheduled).containsExactly(3L);
    }

    @Test
    void aSnapshotOfAnotherConfigurationIsRefused() {
        final byte[] bytes = ServiceSnapshot.write(config, 2, 2_000, new Long2LongHashMap(0), new CancelAfterTimers(),
            engineWithAnOrder());
        final ExchangeConfig other = io.tidemark.node.config.ConfigFile.defaults().exchange();
        assertThatThrownBy(() -> ServiceSnapshot.read(other, new IgnoringListener() { }, bytes))
            .hasMessageContaining("cluster service");
    }

    private static byte[] longLe(final long value) {
        final byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }
}
