package io.tidemark.history.analytics;

import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.history.HistoryConfig;
import io.tidemark.history.store.HistoryStore;
import io.tidemark.history.store.LedgerEntry;
import io.tidemark.history.store.LedgerType;
import io.tidemark.history.testkit.StoreTargets;
import io.tidemark.node.view.FillRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account analytics read back from a real store (SQLite, and PostgreSQL when {@code TIDEMARK_PG_URL} is
 * set): fills paged through by keyset, the ledger replayed to each midnight, last prices looked up per
 * point. Rows are hand-made so every figure is checked against arithmetic written out here.
 * BTC-USD: 1 USD minor unit per tick·lot, 10,000 BTC minor units per lot.
 */
class AccountAnalyticsStoreTest {
    private static final long ALICE = 7;
    private static final long BOB = 8;
    private static final long CAROL = 9;
    private static final long HOUR = 3_600_000_000_000L;
    private static final long DAY = 24 * HOUR;
    private static final long D0 = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final int BTC = 0;
    private static final int USD = 1;
    private static final int ETH = 2;

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final AccountAnalytics analytics = new AccountAnalytics(config);
    private long nextLedgerId = 1;

    @TempDir
    Path dir;

    static List<String> targets() {
        return StoreTargets.names();
    }

    private HistoryStore open(final String target) {
        final HistoryConfig historyConfig = StoreTargets.config(target);
        return HistoryStore.open(historyConfig.jdbcUrl(dir), historyConfig.user(), historyConfig.password());
    }

    private static FillRecord fill(final long tradeId, final int market, final Side side, final long price,
                                   final long size, final long fee, final long time) {
        return new FillRecord().set(tradeId, tradeId * 10, market, side, price, size, fee, Liquidity.TAKER, time);
    }

    /** One trade: a fill row for each side's account. */
    private static void trade(final HistoryStore.WriteSet set, final long tradeId, final int market, final long buyer,
                              final long seller, final long price, final long size, final long fee, final long time) {
        set.fill(buyer, fill(tradeId, market, Side.BUY, price, size, fee, time));
        set.fill(seller, fill(tradeId, market, Side.SELL, price, size, fee, time));
    }

    private LedgerEntry balance(final long account, final int asset, final long amount, final long after, final long time) {
        return new LedgerEntry(nextLedgerId++, account, asset, Wallet.SPOT, amount, after, LedgerType.TRADE, 0, time);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void equityAtEachMidnightValuesTheWalletsAtTheLastPriceThenWithRealizedPnl(final String target) {
        try (HistoryStore store = open(target)) {
            final HistoryStore.WriteSet set = new HistoryStore.WriteSet();
            set.ledger(balance(ALICE, USD, 100_000_000_000L, 100_000_000_000L, D0 - 2 * HOUR));
            // day 1: buys 0.001 BTC at 60,000.00 (60 USD + 0.15 fee)
            trade(set, 1, 0, ALICE, BOB, 6_000_000, 10, 150_000, D0 + HOUR);
            set.ledger(balance(ALICE, USD, -60_150_000, 99_939_850_000L, D0 + HOUR));
            set.ledger(balance(ALICE, BTC, 100_000, 100_000, D0 + HOUR));
            // day 2: sells it at 62,000.00 (62 USD − 0.155 fee); then others trade at 63,000.00
            trade(set, 2, 0, BOB, ALICE, 6_200_000, 10, 155_000, D0 + DAY + HOUR);
            set.ledger(balance(ALICE, USD, 61_845_000, 100_001_695_000L, D0 + DAY + HOUR));
            set.ledger(balance(ALICE, BTC, -100_000, 0, D0 + DAY + HOUR));
            trade(set, 3, 0, BOB, CAROL, 6_300_000, 10, 0, D0 + DAY + 2 * HOUR);
            set.progress(1, nextLedgerId);
            store.write(set);

            final long now = D0 + 2 * DAY + HOUR / 2;
            final List<AccountAnalytics.EquityPoint> points = analytics.equity(store, ALICE, 3, config.asset(USD), now);

            assertThat(points).containsExactly(
                new AccountAnalytics.EquityPoint(D0, 100_000_000_000L, 0, 0),
                // 0.001 BTC at 60,000.00 = 60 USD beside the cash; the open long is at its entry price
                new AccountAnalytics.EquityPoint(D0 + DAY, 99_939_850_000L + 60_000_000L, 0, 0),
                // the round trip made 62 − 60 − 0.305 = 1.695 USD
                new AccountAnalytics.EquityPoint(D0 + 2 * DAY, 100_001_695_000L, 1_695_000, 0),
                new AccountAnalytics.EquityPoint(now, 100_001_695_000L, 1_695_000, 0));
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anOpenPositionShowsUnrealizedPnlAtTheLastTradeOfAnyAccount(final String target) {
        try (HistoryStore store = open(target)) {
            final HistoryStore.WriteSet set = new HistoryStore.WriteSet();
            trade(set, 1, 0, ALICE, BOB, 6_000_000, 10, 0, D0 + HOUR);
            set.ledger(balance(ALICE, BTC, 100_000, 100_000, D0 + HOUR));
            trade(set, 2, 0, BOB, CAROL, 6_100_000, 10, 0, D0 + 2 * HOUR);
            set.progress(1, nextLedgerId);
            store.write(set);

            final List<AccountAnalytics.EquityPoint> points = analytics.equity(store, ALICE, 1, config.asset(USD),
                D0 + 3 * HOUR);

            // 0.001 BTC at 61,000.00 = 61 USD; bought at 60,000.00: 1 USD unrealized
            assertThat(points).last().isEqualTo(new AccountAnalytics.EquityPoint(D0 + 3 * HOUR, 61_000_000, 0, 1_000_000));
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void anAssetWithoutADirectPairIsValuedThroughOneBridgePair(final String target) {
        try (HistoryStore store = open(target)) {
            final HistoryStore.WriteSet set = new HistoryStore.WriteSet();
            set.ledger(balance(ALICE, ETH, 100_000_000, 100_000_000, D0));
            // ETH-BTC at 0.05000 and BTC-USD at 60,000.00, no ETH-USD trade: 1 ETH = 0.05 BTC = 3,000 USD
            trade(set, 1, 2, BOB, CAROL, 5_000, 1, 0, D0 + HOUR);
            trade(set, 2, 0, BOB, CAROL, 6_000_000, 1, 0, D0 + HOUR);
            set.progress(1, nextLedgerId);
            store.write(set);

            assertThat(analytics.equity(store, ALICE, 1, config.asset(USD), D0 + 2 * HOUR)).last()
                .extracting(AccountAnalytics.EquityPoint::equity).isEqualTo(3_000_000_000L);
            assertThat(analytics.equity(store, ALICE, 1, config.asset(BTC), D0 + 2 * HOUR)).last()
                .extracting(AccountAnalytics.EquityPoint::equity).isEqualTo(5_000_000L);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void performanceReadsEveryFillAcrossPagesAndFiltersByPair(final String target) {
        try (HistoryStore store = open(target)) {
            final HistoryStore.WriteSet set = new HistoryStore.WriteSet();
            // 2,500 BTC-USD fills (more than two read pages): buy at 100, sell at 101 or 99, alternately
            long tradeId = 1;
            for (int i = 0; i < 1_250; i++) {
                set.fill(ALICE, fill(tradeId++, 0, Side.BUY, 100, 10, 1, D0 + tradeId));
                set.fill(ALICE, fill(tradeId++, 0, Side.SELL, i % 2 == 0 ? 101 : 99, 10, 1, D0 + tradeId));
            }
            set.fill(ALICE, fill(tradeId++, 1, Side.BUY, 100, 10, 5, D0 + tradeId));
            set.progress(1, nextLedgerId);
            store.write(set);

            final List<TradeFill> all = analytics.fills(store, ALICE, -1);
            assertThat(all).hasSize(2_501);
            assertThat(all).extracting(TradeFill::tradeId).isSorted();
            final AccountAnalytics.Performance p = analytics.performance(all, analytics.roundTrips(all));
            assertThat(p.roundTrips()).isEqualTo(1_250);
            assertThat(p.wins()).isEqualTo(625);
            assertThat(p.losses()).isEqualTo(625);
            // wins +10 − 2, losses −10 − 2
            assertThat(p.realizedPnl()[USD]).isEqualTo(625 * 8 - 625 * 12);
            assertThat(p.feesPaid()[USD]).isEqualTo(2_500 + 5);

            final List<TradeFill> btcOnly = analytics.fills(store, ALICE, 0);
            assertThat(btcOnly).hasSize(2_500);
            assertThat(analytics.performance(btcOnly, analytics.roundTrips(btcOnly)).feesPaid()[USD]).isEqualTo(2_500);
        }
    }
}
