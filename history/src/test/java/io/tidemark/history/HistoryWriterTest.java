package io.tidemark.history;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.history.store.HistoryStore;
import io.tidemark.history.store.LedgerEntry;
import io.tidemark.history.store.LedgerType;
import io.tidemark.history.testkit.StoreTargets;
import io.tidemark.node.Node;
import io.tidemark.node.NodeClient;
import io.tidemark.node.view.FillRecord;
import io.tidemark.node.view.OrderFilter;
import io.tidemark.node.view.OrderRecord;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer behind a real node: every order, fill and ledger entry reaches the store (also when the
 * hand-off is too small and the writer must read the journal), the ledger sums to each wallet's total,
 * and a deleted store is rebuilt from the journal to the same rows. Against each of {@link StoreTargets}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryWriterTest {
    private static final long MAKER = 11;
    private static final long TAKER = 12;
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    @TempDir
    Path dir;

    static List<String> targets() {
        return StoreTargets.names();
    }

    private record Running(Node node, History history) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
            history.close();
        }
    }

    /** Added to the wall clock the writer's retention reads. */
    private final AtomicLong clockAhead = new AtomicLong();

    private Running start(final HistoryConfig historyConfig, final int capacity) throws Exception {
        final History history = History.open(dir, config, historyConfig, capacity,
            () -> System.currentTimeMillis() * 1_000_000L + clockAhead.get());
        final Node node = Node.start(new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO)
            .readModel(history.readModel()));
        history.start(node);
        return new Running(node, history);
    }

    /** Deposits, then resting sells and crossing buys (fills), some cancels. */
    private static void trade(final NodeClient client, final int rounds) {
        client.submit(new Command().deposit(MAKER, 0, 1_000_000_000L));
        client.submit(new Command().deposit(TAKER, 1, 1_000_000_000_000L));
        for (int i = 0; i < rounds; i++) {
            final Command sell = client.submit(new Command().placeOrder(MAKER, 0, Side.SELL, OrderType.LIMIT,
                6_300_000 + i % 7, 10));
            if (i % 3 == 0) {
                client.submit(new Command().cancelOrder(MAKER, sell.resultId));
            } else {
                client.submit(new Command().placeOrder(TAKER, 0, Side.BUY, OrderType.LIMIT, 6_300_010, 10));
            }
        }
        client.submit(new Command().transfer(TAKER, 1, 5_000_000, Wallet.SPOT, Wallet.MARGIN));
        client.submit(new Command().withdraw(MAKER, 0, 1_000));
    }

    private static void awaitCaughtUp(final Running running) {
        final long views = new NodeClient(running.node()).query(node -> running.history().viewsSequence());
        assertThat(running.history().awaitReached(views, TimeUnit.SECONDS.toNanos(60))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void everythingReachesTheStoreAndTheLedgerSumsToTheBalances(final String target) throws Exception {
        final HistoryConfig historyConfig = StoreTargets.config(target);
        checkRun(historyConfig, History.HAND_OFF_CAPACITY);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aHandOffTooSmallFallsBackToTheJournal(final String target) throws Exception {
        final HistoryConfig historyConfig = StoreTargets.config(target);
        checkRun(historyConfig, 2);
    }

    private void checkRun(final HistoryConfig historyConfig, final int capacity) throws Exception {
        try (Running running = start(historyConfig, capacity)) {
            final NodeClient client = new NodeClient(running.node());
            trade(client, 150);
            awaitCaughtUp(running);
            final HistoryStore store = running.history().store();
            for (final long account : List.of(MAKER, TAKER)) {
                final List<OrderRecord> viewOrders = client.query(node -> {
                    final List<OrderRecord> out = new ArrayList<>();
                    node.accounts().orders(account, Command.ALL_MARKETS, OrderFilter.ALL, 0, 10_000,
                        o -> out.add(new OrderRecord().copyFrom(o)));
                    return out;
                });
                final List<OrderRecord> stored = store.orders(account, -1, HistoryStore.OrderStatusFilter.ALL, 0, 10_000);
                assertThat(stored).extracting(HistoryWriterTest::describe)
                    .containsExactlyElementsOf(viewOrders.stream().map(HistoryWriterTest::describe).toList());
                final List<FillRecord> viewFills = client.query(node -> {
                    final List<FillRecord> out = new ArrayList<>();
                    node.accounts().fills(account, Command.ALL_MARKETS, 0, 10_000, f -> out.add(new FillRecord().copyFrom(f)));
                    return out;
                });
                assertThat(store.fills(account, -1, 0, 10_000)).extracting(HistoryWriterTest::describe)
                    .containsExactlyElementsOf(viewFills.stream().map(HistoryWriterTest::describe).toList());
                assertLedgerSumsToBalances(client, store, account);
            }
            assertThat(store.fills(TAKER, -1, 0, 10_000)).hasSize(100);
            final List<LedgerEntry> taker = store.ledger(TAKER, 1, 0, 10_000);
            assertThat(taker).extracting(LedgerEntry::type).contains(LedgerType.DEPOSIT, LedgerType.TRADE,
                LedgerType.FEE, LedgerType.TRANSFER);
            assertThat(store.ledger(MAKER, 0, 0, 10_000)).extracting(LedgerEntry::type).contains(LedgerType.WITHDRAWAL);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aDeletedStoreIsRebuiltFromTheJournalToTheSameRows(final String target) throws Exception {
        final HistoryConfig historyConfig = StoreTargets.config(target);
        final String before;
        try (Running running = start(historyConfig, History.HAND_OFF_CAPACITY)) {
            final NodeClient client = new NodeClient(running.node());
            trade(client, 60);
            running.node().snapshot().get(30, TimeUnit.SECONDS);
            trade(client, 30);
            awaitCaughtUp(running);
            before = dump(running.history().store());
        }
        // the store reopened as it was: nothing to do, same rows
        try (Running running = start(historyConfig, History.HAND_OFF_CAPACITY)) {
            awaitCaughtUp(running);
            assertThat(dump(running.history().store())).isEqualTo(before);
        }
        if (target.equals("sqlite")) {
            try (Stream<Path> files = Files.walk(dir.resolve("history"))) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } else {
            StoreTargets.empty(historyConfig);
        }
        try (Running running = start(historyConfig, History.HAND_OFF_CAPACITY)) {
            awaitCaughtUp(running);
            assertThat(dump(running.history().store())).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void retentionDropsOldOrdersAndFillsAndCarriesTheLedgerForward(final String target) throws Exception {
        final HistoryConfig historyConfig = StoreTargets.config(target);
        try (Running running = start(historyConfig, History.HAND_OFF_CAPACITY)) {
            final NodeClient client = new NodeClient(running.node());
            trade(client, 40);
            final Command resting = client.submit(new Command().placeOrder(MAKER, 0, Side.SELL, OrderType.LIMIT, 7_000_000, 10));
            awaitCaughtUp(running);
            final HistoryStore store = running.history().store();
            assertThat(store.fills(TAKER, -1, 0, 10_000)).isNotEmpty();

            clockAhead.set(Duration.ofDays(historyConfig.retentionDays() + 1).toNanos());
            running.history().writer().retentionNow();

            // closed orders and fills are gone; the open order stays
            assertThat(store.orders(MAKER, -1, HistoryStore.OrderStatusFilter.ALL, 0, 10_000))
                .extracting(OrderRecord::orderId).containsExactly(resting.resultId);
            assertThat(store.orders(TAKER, -1, HistoryStore.OrderStatusFilter.ALL, 0, 10_000)).isEmpty();
            assertThat(store.fills(TAKER, -1, 0, 10_000)).isEmpty();
            // one carried_forward entry per wallet, and the ledger still sums to every balance
            for (final long account : List.of(MAKER, TAKER)) {
                final List<LedgerEntry> entries = store.ledger(account, -1, 0, 10_000);
                assertThat(entries).extracting(LedgerEntry::type).containsOnly(LedgerType.CARRIED_FORWARD);
                assertThat(entries.stream().map(e -> e.assetId() + "/" + e.wallet()).distinct().count())
                    .isEqualTo(entries.size());
                assertLedgerSumsToBalances(client, store, account);
            }
            // later entries add to the carried-forward ones
            clockAhead.set(0);
            trade(client, 3);
            awaitCaughtUp(running);
            for (final long account : List.of(MAKER, TAKER)) {
                assertLedgerSumsToBalances(client, store, account);
            }
        }
    }

    private void assertLedgerSumsToBalances(final NodeClient client, final HistoryStore store, final long account) {
        final Map<String, Long> sums = new HashMap<>();
        final Map<String, Long> lastAfter = new HashMap<>();
        final List<LedgerEntry> entries = new ArrayList<>(store.ledger(account, -1, 0, 100_000));
        entries.sort(Comparator.comparingLong(LedgerEntry::id));
        for (final LedgerEntry e : entries) {
            final String key = e.assetId() + "/" + e.wallet();
            final long sum = sums.merge(key, e.amount(), Long::sum);
            assertThat(e.balanceAfter()).as("balance_after of entry %d", e.id()).isEqualTo(sum);
            lastAfter.put(key, e.balanceAfter());
        }
        for (int asset = 0; asset < config.assets().size(); asset++) {
            for (final Wallet wallet : Wallet.values()) {
                final int a = asset;
                final long total = client.query(node -> node.accounts().available(account, a, wallet)
                    + node.accounts().hold(account, a, wallet));
                assertThat(sums.getOrDefault(asset + "/" + wallet, 0L)).as("ledger of %d %d %s", account, asset, wallet)
                    .isEqualTo(total);
            }
        }
    }

    static String dump(final HistoryStore store) {
        final StringBuilder out = new StringBuilder();
        for (final long account : List.of(MAKER, TAKER)) {
            store.orders(account, -1, HistoryStore.OrderStatusFilter.ALL, 0, 100_000).forEach(o -> out.append(describe(o)).append('\n'));
            store.fills(account, -1, 0, 100_000).forEach(f -> out.append(describe(f)).append('\n'));
            store.ledger(account, -1, 0, 100_000).forEach(e -> out.append(e).append('\n'));
        }
        return out.toString();
    }

    static String describe(final OrderRecord o) {
        return o.orderId() + " " + o.accountId() + " " + o.marketId() + " " + o.side() + " " + o.orderType() + " "
            + o.timeInForce() + " " + o.price() + " " + o.size() + " " + o.filled() + " " + o.filledValue() + " "
            + o.fees() + " " + o.status() + " " + o.cancelReason() + " " + o.clientOrderId() + " " + o.createdTime()
            + " " + o.updatedTime();
    }

    static String describe(final FillRecord f) {
        return f.tradeId() + " " + f.orderId() + " " + f.side() + " " + f.price() + " " + f.size() + " " + f.fee()
            + " " + f.liquidity() + " " + f.time();
    }
}
