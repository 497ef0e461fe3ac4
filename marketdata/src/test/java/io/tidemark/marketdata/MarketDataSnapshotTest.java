package io.tidemark.marketdata;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.Seeds;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A snapshot restores everything, and the restored model then behaves exactly as the original. */
class MarketDataSnapshotTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    private static byte[] snapshot(final MarketData md) {
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        md.writeSnapshot(out);
        return out.toByteArray();
    }

    private static MarketData restore(final MarketData into, final byte[] bytes) {
        into.readSnapshot(new SnapshotInput(bytes));
        return into;
    }

    @Test
    void aRestoredModelIsEqualAndPublishesExactlyWhatTheOriginalDoesAfterwards() {
        final long seed = Seeds.seed(7_003);
        final MarketData original = new MarketData(config);
        final Tee tee = new Tee(original);
        final RandomStream stream = new RandomStream(seed, config, tee);
        for (int i = 0; i < 15_000; i++) {
            stream.step();
        }
        final MarketData restored = restore(new MarketData(config), snapshot(original));

        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
        assertThat(Published.describe(restored)).isEqualTo(Published.describe(original));
        for (int m = 0; m < config.markets().size(); m++) {
            assertThat(restored.bookSeq(m)).isPositive().isEqualTo(original.bookSeq(m));
            assertThat(restored.checksum(m)).isEqualTo(original.checksum(m));
        }

        final Published.Recorder before = new Published.Recorder();
        final Published.Recorder after = new Published.Recorder();
        original.listener(before);
        restored.listener(after);
        tee.add(restored);
        for (int i = 0; i < 15_000; i++) {
            stream.step();
        }
        assertThat(after.messages).as(Seeds.replayHint(seed)).isEqualTo(before.messages);
        assertThat(after.ofType(Published.PublishedDelta.class)).hasSizeGreaterThan(1_000);
        assertThat(after.ofType(Published.PublishedTrade.class)).hasSizeGreaterThan(100);
        assertThat(after.ofType(Published.PublishedCandle.class)).hasSizeGreaterThan(100);
        assertThat(after.ofType(Published.PublishedTicker.class)).hasSizeGreaterThan(100);
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
        assertThat(Published.describe(restored)).isEqualTo(Published.describe(original));
    }

    @Test
    void theStateHashSeesEveryPart() {
        final MarketData md = new MarketData(config);
        final RandomStream stream = new RandomStream(Seeds.seed(7_004), config, md);
        final List<Long> hashes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            stream.step();
            hashes.add(md.stateHash());
        }
        // every command moves the time at least, and the time is part of the state
        assertThat(hashes).doesNotHaveDuplicates();
    }

    @Test
    void aSmallerRetentionOnRestoreKeepsTheNewest() {
        final MarketData original = new MarketData(config);
        final RandomStream stream = new RandomStream(Seeds.seed(7_005), config, original);
        for (int i = 0; i < 20_000; i++) {
            stream.step();
        }
        final MarketData smaller = restore(new MarketData(config, 10, 5), snapshot(original));
        final List<Published.PublishedTrade> expectedTrades = new ArrayList<>();
        original.trades(BTC_USD, 0, 10, t -> expectedTrades.add(Published.of(t)));
        final List<Published.PublishedTrade> trades = new ArrayList<>();
        smaller.trades(BTC_USD, 0, 100, t -> trades.add(Published.of(t)));
        assertThat(trades).hasSize(10).isEqualTo(expectedTrades);
        final List<Published.PublishedCandle> expectedCandles = new ArrayList<>();
        original.candles(BTC_USD, Interval.ONE_MINUTE, 0, 5, c -> expectedCandles.add(Published.of(c)));
        final List<Published.PublishedCandle> candles = new ArrayList<>();
        smaller.candles(BTC_USD, Interval.ONE_MINUTE, 0, 100, c -> candles.add(Published.of(c)));
        assertThat(candles).hasSize(5).isEqualTo(expectedCandles);
        assertThat(Published.fields(smaller.ticker(BTC_USD))).isEqualTo(Published.fields(original.ticker(BTC_USD)));
    }

    @Test
    void badSnapshotsAreRefused() {
        final MarketData original = new MarketData(config);
        final RandomStream stream = new RandomStream(Seeds.seed(7_006), config, original);
        for (int i = 0; i < 2_000; i++) {
            stream.step();
        }
        final byte[] bytes = snapshot(original);

        final ExchangeConfig other = ExchangeConfig.of(config.assets().stream()
                .map(a -> new io.tidemark.engine.config.AssetConfig(a.symbol(), a.scale())).toList(),
            List.of(new io.tidemark.engine.config.MarketConfig("BTC-USD", "0.01", "0.0001", "0.0002", "1", 10, 25)));
        assertThatThrownBy(() -> restore(new MarketData(other), bytes)).isInstanceOf(SnapshotFormatException.class)
            .hasMessageContaining("different market configuration");
        assertThatThrownBy(() -> restore(new MarketData(config), Arrays.copyOf(bytes, bytes.length - 3)))
            .isInstanceOf(SnapshotFormatException.class);
        assertThatThrownBy(() -> restore(new MarketData(config), Arrays.copyOf(bytes, bytes.length + 1)))
            .isInstanceOf(SnapshotFormatException.class).hasMessageContaining("unexpected bytes");
        assertThatThrownBy(() -> restore(original, bytes)).isInstanceOf(IllegalStateException.class);
    }
}
