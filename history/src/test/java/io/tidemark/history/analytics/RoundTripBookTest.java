package io.tidemark.history.analytics;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FIFO round trips on hand-made fills of BTC-USD (tick 0.01, lot 0.0001: one quote minor unit per
 * tick·lot, so notional = price in ticks × size in lots).
 */
class RoundTripBookTest {
    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final Market btc = config.market(0);

    private static TradeFill fill(final long id, final Side side, final long price, final long size, final long fee,
                                  final long time) {
        return new TradeFill(id, 0, side, price, size, fee, false, time);
    }

    private RoundTripBook book(final TradeFill... fills) {
        final RoundTripBook book = new RoundTripBook(config);
        List.of(fills).forEach(book::add);
        return book;
    }

    @Test
    void aBuyThenASellOfTheSameSizeIsOneLongRoundTrip() {
        final RoundTripBook book = book(fill(1, Side.BUY, 100, 10, 3, 1), fill(2, Side.SELL, 110, 10, 4, 2));
        assertThat(book.closed()).containsExactly(new RoundTrip(1, 0, true, 10, 1_000, 1_100, 7, 93, 1, 2));
        assertThat(book.position(0)).isZero();
    }

    @Test
    void partialClosesKeepTheTripOpenUntilFlat() {
        final RoundTripBook book = book(fill(1, Side.BUY, 100, 10, 0, 1), fill(2, Side.SELL, 120, 4, 0, 2),
            fill(3, Side.BUY, 90, 6, 0, 3), fill(4, Side.SELL, 100, 12, 0, 4));
        // entries 10 @100 and 6 @90 = 1,540; exits 4 @120 and 12 @100 = 1,680
        assertThat(book.closed()).containsExactly(new RoundTrip(1, 0, true, 16, 1_540, 1_680, 0, 140, 1, 4));
    }

    @Test
    void fifoLeavesTheNewestLotsOpenForUnrealizedPnl() {
        final RoundTripBook book = book(fill(1, Side.BUY, 100, 10, 0, 1), fill(2, Side.BUY, 200, 10, 0, 2),
            fill(3, Side.SELL, 150, 10, 0, 3));
        assertThat(book.closed()).isEmpty();
        assertThat(book.position(0)).isEqualTo(10);
        // the lot bought at 100 was sold first: 10 @200 remain, at 180 that is −200
        assertThat(book.unrealized(0, 180)).isEqualTo(-200);
    }

    @Test
    void aFlipFromLongToShortClosesOneTripAndOpensTheNextWithTheRestAndItsShareOfTheFee() {
        final RoundTripBook book = book(fill(1, Side.BUY, 100, 10, 2, 1), fill(2, Side.SELL, 110, 30, 9, 2),
            fill(3, Side.BUY, 105, 20, 4, 3));
        // the flip fill's fee 9 splits 10/30 → 3 to the closing part, 6 to the opening part
        assertThat(book.closed()).containsExactly(
            new RoundTrip(1, 0, true, 10, 1_000, 1_100, 5, 95, 1, 2),
            new RoundTrip(2, 0, false, 20, 2_200, 2_100, 10, 90, 2, 3));
    }

    @Test
    void aShortRoundTripGainsWhenBoughtBackLower() {
        final RoundTripBook book = book(fill(1, Side.SELL, 200, 5, 1, 1), fill(2, Side.BUY, 180, 5, 1, 2));
        assertThat(book.closed()).singleElement().satisfies(trip -> {
            assertThat(trip.isLong()).isFalse();
            assertThat(trip.pnl()).isEqualTo(1_000 - 900 - 2);
        });
    }

    @Test
    void aFeeInTheBaseAssetIsValuedAtTheFillPrice() {
        // 0.0002 BTC fee = 20,000 base units = 2 lots; at 100 ticks that is 200 quote units
        final TradeFill baseFee = new TradeFill(1, 0, Side.BUY, 100, 10, 20_000, true, 1);
        assertThat(RoundTripBook.feeInQuote(btc, baseFee)).isEqualTo(200);
        final RoundTripBook book = book(baseFee, fill(2, Side.SELL, 130, 10, 5, 2));
        assertThat(book.closed()).singleElement().satisfies(trip -> {
            assertThat(trip.fees()).isEqualTo(205);
            assertThat(trip.pnl()).isEqualTo(1_300 - 1_000 - 205);
        });
    }

    @Test
    void pairsAreMatchedSeparately() {
        final RoundTripBook book = new RoundTripBook(config);
        book.add(new TradeFill(1, 0, Side.BUY, 100, 10, 0, false, 1));
        book.add(new TradeFill(2, 1, Side.SELL, 100, 10, 0, false, 2));
        assertThat(book.closed()).isEmpty();
        assertThat(book.position(0)).isEqualTo(10);
        assertThat(book.position(1)).isEqualTo(-10);
    }

    @Test
    void performanceCountsWinsLossesVolumeAndFees() {
        final AccountAnalytics analytics = new AccountAnalytics(config);
        final List<TradeFill> fills = List.of(fill(1, Side.BUY, 100, 10, 1, 1), fill(2, Side.SELL, 110, 10, 1, 2),
            fill(3, Side.BUY, 100, 10, 1, 3), fill(4, Side.SELL, 90, 10, 1, 4), fill(5, Side.BUY, 100, 1, 1, 5));
        final AccountAnalytics.Performance p = analytics.performance(fills, analytics.roundTrips(fills));
        assertThat(p.fills()).isEqualTo(5);
        assertThat(p.roundTrips()).isEqualTo(2);
        assertThat(p.wins()).isEqualTo(1);
        assertThat(p.losses()).isEqualTo(1);
        final int usd = btc.quote().id();
        assertThat(p.realizedPnl()[usd]).isEqualTo(98 - 102);
        assertThat(p.feesPaid()[usd]).isEqualTo(5);
        assertThat(p.volume()[usd]).isEqualTo(1_000 + 1_100 + 1_000 + 900 + 100);
    }
}
