package io.tidemark.marketdata;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static org.assertj.core.api.Assertions.assertThat;

/** The checksum of the WebSocket contract, against vectors written out by hand. */
class BookChecksumTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final Market btcUsd = config.market(BTC_USD); // tick 0.01, lot 0.0001
    private final MarketData md = new MarketData(config);
    private final Command command = new Command();
    private long time = 1_800_000_000_000_000_000L;

    private static long crc32(final String text) {
        final CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    private void level(final Side side, final String price, final String size) {
        md.onLevelChanged(time, BTC_USD, side, btcUsd.parsePrice(price), btcUsd.parseSize(size), 1);
    }

    private void endCommand() {
        command.timestamp = time += 1_000;
        md.onCommandComplete(command);
    }

    @Test
    void aSmallBookMatchesTheHandWrittenString() {
        level(Side.BUY, "63000", "0.01");
        level(Side.BUY, "62999.5", "1.25");
        level(Side.SELL, "63001", "0.5");
        endCommand();

        // rank 1: bid then ask; rank 2: the bid only (no second ask); API formatting: 2 price and 4 size decimals
        final String expected = "63000.00:0.0100:63001.00:0.5000:62999.50:1.2500";
        assertThat(md.checksum(BTC_USD)).isEqualTo(crc32(expected)).isEqualTo(3_640_803_372L);
    }

    @Test
    void anEmptyBookIsTheEmptyString() {
        assertThat(md.checksum(BTC_USD)).isZero().isEqualTo(crc32(""));
        level(Side.SELL, "10", "1");
        endCommand();
        level(Side.SELL, "10", "0");
        endCommand();
        assertThat(md.checksum(BTC_USD)).isZero();
    }

    @Test
    void aBookWithOnlyAsksSkipsEveryBid() {
        level(Side.SELL, "101.25", "0.0002");
        level(Side.SELL, "100", "3");
        endCommand();
        assertThat(md.checksum(BTC_USD)).isEqualTo(crc32("100.00:3.0000:101.25:0.0002"));
    }

    @Test
    void onlyTheTop25LevelsOfEachSideCount() {
        // bids 1.00 .. 30.00 (best 30.00), asks 31.00 .. 40.00
        for (int i = 1; i <= 30; i++) {
            level(Side.BUY, i + "", "1");
        }
        for (int i = 31; i <= 40; i++) {
            level(Side.SELL, i + "", "2");
        }
        endCommand();
        final StringBuilder text = new StringBuilder();
        for (int rank = 0; rank < 25; rank++) {
            text.append(text.length() == 0 ? "" : ":").append(30 - rank).append(".00:1.0000");
            if (rank < 10) {
                text.append(':').append(31 + rank).append(".00:2.0000");
            }
        }
        final long top25 = md.checksum(BTC_USD);
        assertThat(top25).isEqualTo(crc32(text.toString()));

        // the 26th bid (5.00) is outside: changing it leaves the checksum as it was
        level(Side.BUY, "5", "7");
        endCommand();
        assertThat(md.checksum(BTC_USD)).isEqualTo(top25);
        // removing the 25th (6.00) pulls the 26th in
        level(Side.BUY, "6", "0");
        endCommand();
        assertThat(md.checksum(BTC_USD)).isEqualTo(crc32(text.toString().replace(":6.00:1.0000", ":5.00:7.0000")));
    }
}
