package io.tidemark.marketdata.analytics;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.marketdata.MarketData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the {@code market-analytics} snapshot section (version 1) to bytes: a fixed, hand-written event
 * stream (trades over two days, a three-level sweep and a block trade, book changes sampled for the
 * heatmap) writes exactly {@link #V1}, and a model restored from {@link #V1} writes it back unchanged and
 * answers as the original. The bytes were recorded once from the code that introduced the section; a
 * change of the layout needs a new version that still reads these, never an edited fixture.
 */
class AnalyticsSnapshotGoldenTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long START = Instant.parse("2026-11-30T22:30:00Z").getEpochSecond() * 1_000_000_000L;
    private static final String V1 = ""
        + "VE1NQQEAAAAp8Kna8aYr2ADInmM7A+0YAwAAAAAAAAABAAAAAAAAACgAAAAtxMgBAAAAAAAAAAAAAAAABQAAAAAAAAAAAAAAAAAA"
        + "ADTEyAEAAAAABgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAO8TIAQAAAAAHAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABCxMgBAAAAAAAA"
        + "AAAAAAAACAAAAAAAAAAAAAAAAAAAAEnEyAEAAAAACQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAUMTIAQAAAAAKAAAAAAAAAAAAAAAA"
        + "AAAAAAAAAAAAAABXxMgBAAAAAAAAAAAAAAAABQAAAAAAAAAAAAAAAAAAAF7EyAEAAAAABgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        + "ZcTIAQAAAAAHAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABsxMgBAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAHPEyAEAAAAAHQAA"
        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAe8TIAQAAAAAKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACCxMgBAAAAAAAAAAAAAAAABQAAAAAA"
        + "AAAAAAAAAAAAAInEyAEAAAAABgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAkMTIAQAAAAAHAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACY"
        + "xMgBAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAJ/EyAEAAAAACQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAApsTIAQAAAAAKAAAA"
        + "AAAAAAAAAAAAAAAAAAAAAAAAAACtxMgBAAAAAAAAAAAAAAAABQAAAAAAAAAAAAAAAAAAALXEyAEAAAAABgAAAAAAAAAAAAAAAAAA"
        + "AAAAAAAAAAAAvMTIAQAAAAAHAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADDxMgBAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAMvE"
        + "yAEAAAAACQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0sTIAQAAAAAKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADaxMgBAAAAAAAAAAAA"
        + "AAAABQAAAAAAAAAAAAAAAAAAAOHEyAEAAAAAlgEAAAAAAAAAAAAAAAAAAAEAAAAAAAAA6MTIAQAAAAAHAAAAAAAAAAAAAAAAAAAA"
        + "AAAAAAAAAADwxMgBAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAPfEyAEAAAAACQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/8TI"
        + "AQAAAAAKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAGxcgBAAAAAAAAAAAAAAAABQAAAAAAAAAAAAAAAAAAAA7FyAEAAAAABgAAAAAA"
        + "AAAAAAAAAAAAAAAAAAAAAAAAFcXIAQAAAAAHAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAdxcgBAAAAAAAAAAAAAAAACAAAAAAAAAAA"
        + "AAAAAAAAACTFyAEAAAAACQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAALMXIAQAAAAAKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0xcgB"
        + "AAAAAAAAAAAAAAAABQAAAAAAAAAAAAAAAAAAADvFyAEAAAAABgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQ8XIAQAAAAAHAAAAAAAA"
        + "AAAAAAAAAAAAAAAAAAAAAABLxcgBAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAEAAAAdAAAAAAAAABsnAAAAAAAAkAEAAAAA"
        + "AAAwGj0AAAAAAAABAAAAAAASMmh4/ewYAOA1FfoB7RgBECcAAAAAAAAcJwAAAAAAAA0nAAAAAAAADScAAAAAAAAaAAAAAAAAAAQA"
        + "AAANJwAAAAAAAAgAAAAAAAAAECcAAAAAAAAFAAAAAAAAABsnAAAAAAAABgAAAAAAAAAcJwAAAAAAAAcAAAAAAAAAAEB95LP+7BgB"
        + "GycAAAAAAAAdJwAAAAAAAA4nAAAAAAAAHScAAAAAAAA3AAAAAAAAAAYAAAAOJwAAAAAAAAUAAAAAAAAADycAAAAAAAAIAAAAAAAA"
        + "ABonAAAAAAAABwAAAAAAAAAbJwAAAAAAAAoAAAAAAAAAHCcAAAAAAAAJAAAAAAAAAB0nAAAAAAAAEAAAAAAAAAAAAAyDJ/jsGAEQ"
        + "JwAAAAAAAB0nAAAAAAAADScAAAAAAAANJwAAAAAAAF4CAAAAAAAACAAAAA0nAAAAAAAAGAAAAAAAAAAOJwAAAAAAAAoAAAAAAAAA"
        + "DycAAAAAAAAQAAAAAAAAABAnAAAAAAAADwAAAAAAAAAaJwAAAAAAACAAAAAAAAAAGycAAAAAAAC2AQAAAAAAABwnAAAAAAAAJwAA"
        + "AAAAAAAdJwAAAAAAACAAAAAAAAAAAAC98ZKp7BgBECcAAAAAAAAiJwAAAAAAAA0nAAAAAAAAHScAAAAAAABuAAAAAAAAAAoAAAAN"
        + "JwAAAAAAAAgAAAAAAAAADicAAAAAAAAFAAAAAAAAAA8nAAAAAAAACAAAAAAAAAAQJwAAAAAAAAUAAAAAAAAAGicAAAAAAAAQAAAA"
        + "AAAAABsnAAAAAAAAEAAAAAAAAAAcJwAAAAAAABAAAAAAAAAAHScAAAAAAAAQAAAAAAAAAB8nAAAAAAAACgAAAAAAAAAiJwAAAAAA"
        + "AAoAAAAAAAAAAAC98ZKp7BgBECcAAAAAAAAiJwAAAAAAAA0nAAAAAAAADScAAAAAAADMAgAAAAAAAAoAAAANJwAAAAAAACAAAAAA"
        + "AAAADicAAAAAAAAPAAAAAAAAAA8nAAAAAAAAGAAAAAAAAAAQJwAAAAAAABQAAAAAAAAAGicAAAAAAAAwAAAAAAAAABsnAAAAAAAA"
        + "xgEAAAAAAAAcJwAAAAAAADcAAAAAAAAAHScAAAAAAAAwAAAAAAAAAB8nAAAAAAAACgAAAAAAAAAiJwAAAAAAAAoAAAAAAAAAAAAA"
        + "AAAAAIAACgAAAAAAAABLxcgBAAAAAAYAAADenAcAAAAAAAUAAAAAAAAAAwAAAOYDAAAAAAAA3AAAAAAAAADnAwAAAAAAAM8CAAAA"
        + "AAAA6AMAAAAAAAB4AAAAAAAAAAIAAADpAwAAAAAAAHYCAAAAAAAA6gMAAAAAAACqAAAAAAAAAN+cBwAAAAAACAAAAAAAAAADAAAA"
        + "5gMAAAAAAABgAQAAAAAAAOcDAAAAAAAA1wUAAAAAAADoAwAAAAAAAM0AAAAAAAAAAgAAAOkDAAAAAAAA8AMAAAAAAADqAwAAAAAA"
        + "ABABAAAAAAAA4JwHAAAAAAAIAAAAAAAAAAMAAADmAwAAAAAAAGABAAAAAAAA5wMAAAAAAADbBgAAAAAAAOgDAAAAAAAACQEAAAAA"
        + "AAACAAAA6QMAAAAAAADwAwAAAAAAAOoDAAAAAAAAEAEAAAAAAADhnAcAAAAAAAkAAAAAAAAAAwAAAOYDAAAAAAAAjAEAAAAAAADn"
        + "AwAAAAAAAOMIAAAAAAAA6AMAAAAAAAB8AQAAAAAAAAIAAADpAwAAAAAAAG4EAAAAAAAA6gMAAAAAAAAyAQAAAAAAAOKcBwAAAAAA"
        + "BwAAAAAAAAADAAAA5gMAAAAAAAA0AQAAAAAAAOcDAAAAAAAAywcAAAAAAADoAwAAAAAAAF4BAAAAAAAAAgAAAOkDAAAAAAAAcgMA"
        + "AAAAAADqAwAAAAAAAO4AAAAAAAAA45wHAAAAAAAEAAAAAAAAAAMAAADmAwAAAAAAALAAAAAAAAAA5wMAAAAAAADOBAAAAAAAAOgD"
        + "AAAAAAAA3AAAAAAAAAACAAAA6QMAAAAAAAD4AQAAAAAAAOoDAAAAAAAAiAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        + "AACAAAAAAAAAAACAAAAAAAAAAACAAAAAAAAAAACAAAAAAAAAAACAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAIAAAAAAAgAAAAAA"
        + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAAAAAAAAgAAAAAAAAAAAgAAAAAAAAAAAgAAAAAAAAAAAgAAAAAAAAAAAgAAAAAAAAAAA"
        + "AAAAAAAAAACAAAAAAA==";

    private final ExchangeConfig config = TestConfigs.threeMarkets();

    /** Market data and analytics, fed as the view stage feeds them. */
    private final class Models {
        final MarketData md = new MarketData(config);
        final MarketAnalytics analytics = new MarketAnalytics(config, AnalyticsConfig.of(config, 300_000, 1, 1), md, 8);
        final Command command = new Command();
        long tradeId;

        void level(final long time, final Side side, final long price, final long size) {
            md.onLevelChanged(time, 0, side, price, size, size == 0 ? 0 : 1);
            analytics.onLevelChanged(time, 0, side, price, size, size == 0 ? 0 : 1);
        }

        void trade(final long time, final long price, final long size, final Side taker, final long takerOrder) {
            tradeId++;
            md.onTrade(time, tradeId, 0, price, size, taker, takerOrder, 1, 0, 99, 2, 0);
            analytics.onTrade(time, tradeId, 0, price, size, taker, takerOrder, 1, 0, 99, 2, 0);
        }

        void complete(final long time) {
            command.timestamp = time;
            md.onCommandComplete(command);
            analytics.onCommandComplete(command);
        }
    }

    private Models feed() {
        final Models m = new Models();
        long time = START;
        for (int i = 0; i < 5; i++) {
            m.level(time, Side.BUY, 10_000 - i * 3, 40 + i);
            m.level(time, Side.SELL, 10_010 + i * 3, 30 + i);
        }
        m.complete(time);
        for (int step = 0; step < 40; step++) {
            time += 7 * MINUTE + step * 1_000_000_000L;
            final Side taker = step % 3 == 0 ? Side.SELL : Side.BUY;
            final long price = taker == Side.BUY ? 10_010 + step % 4 : 10_000 - step % 4;
            m.trade(time, price, 5 + step % 6, taker, 1_000 + step);
            if (step == 10) { // a sweep through three levels
                m.trade(time, price + 3, 10, taker, 1_000 + step);
                m.trade(time, price + 6, 10, taker, 1_000 + step);
            }
            if (step == 25) { // a block: notional above 10 × the threshold
                m.trade(time, price, 400, taker, 1_000 + step);
            }
            m.level(time, Side.BUY, 10_000 - step % 5, 20 + step);
            m.complete(time);
        }
        return m;
    }

    private static byte[] snapshot(final MarketAnalytics analytics) {
        final SnapshotOutput out = new SnapshotOutput(1 << 12);
        analytics.writeSnapshot(out);
        return out.toByteArray();
    }

    @Test
    void theFixedStreamWritesTheRecordedVersionOneBytes() {
        final String written = Base64.getEncoder().encodeToString(snapshot(feed().analytics));
        assertThat(written).as("market-analytics v1 bytes (Base64)").isEqualTo(V1);
    }

    @Test
    void theRecordedBytesRestoreToTheSameModelAndWriteBackUnchanged() {
        final Models original = feed();
        final MarketAnalytics restored = new MarketAnalytics(config, AnalyticsConfig.of(config, 300_000, 1, 1),
            original.md, 8);
        restored.readSnapshot(new SnapshotInput(Base64.getDecoder().decode(V1)));
        assertThat(Base64.getEncoder().encodeToString(snapshot(restored))).isEqualTo(V1);
        assertThat(restored.stateHash()).isEqualTo(original.analytics.stateHash());
        assertThat(restored.levels(0, PeriodKind.HOUR).poc).isEqualTo(original.analytics.levels(0, PeriodKind.HOUR).poc);
        assertThat(restored.largeTrades24h(0)).isEqualTo(original.analytics.largeTrades24h(0)).isPositive();
    }
}
