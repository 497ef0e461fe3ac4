package io.tidemark.node.view;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Liquidity;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tidemark.engine.testkit.TestConfigs.BTC;
import static io.tidemark.engine.testkit.TestConfigs.BTC_USD;
import static io.tidemark.engine.testkit.TestConfigs.ETH_USD;
import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

class AccountViewsTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private AccountViews views;
    private MatchingEngine engine;
    private final Command c = new Command();
    private long time = RandomCommandGenerator.START_NANOS;

    @BeforeEach
    void setUp() {
        views = new AccountViews(config, 3, 4);
        engine = new MatchingEngine(config, views);
        run(c.deposit(ALICE, USD, 100_000_000_000L));
        run(c.deposit(ALICE, BTC, 1_000_000_000L));
        run(c.deposit(BOB, USD, 100_000_000_000L));
        run(c.deposit(BOB, BTC, 1_000_000_000L));
    }

    private Command run(final Command command) {
        command.timestamp = time += 1_000;
        engine.process(command);
        return command;
    }

    private long limit(final long account, final Side side, final long price, final long size) {
        return accepted(run(c.placeOrder(account, BTC_USD, side, OrderType.LIMIT, price, size)));
    }

    private static long accepted(final Command command) {
        assertThat(command.result).as("%s", command).isEqualTo(io.tidemark.engine.api.ResultCode.ACCEPTED);
        return command.resultId;
    }

    private List<Long> listed(final long account, final int market, final OrderFilter filter, final long before,
                              final int limit) {
        final List<Long> ids = new ArrayList<>();
        views.orders(account, market, filter, before, limit, order -> ids.add(order.orderId()));
        return ids;
    }

    @Test
    void anOrderShowsItsFillsFeesAndStatus() {
        final long id = limit(ALICE, Side.BUY, 10_000, 1_000);
        limit(BOB, Side.SELL, 10_000, 400);

        final OrderRecord order = views.order(ALICE, id);
        assertThat(order.apiStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(order.filled()).isEqualTo(400);
        assertThat(order.remaining()).isEqualTo(600);
        assertThat(order.filledValue()).isEqualTo(config.market(BTC_USD).notional(10_000, 400));
        assertThat(order.fees()).isEqualTo(4_000); // maker 10 bps of 4,000,000
        assertThat(views.order(BOB, id)).as("another account's order").isNull();

        run(c.cancelOrder(ALICE, id));
        assertThat(views.order(ALICE, id).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(views.order(ALICE, id).cancelReason()).isEqualTo(CancelReason.USER);
        assertThat(views.order(ALICE, id).remaining()).isZero();
    }

    @Test
    void fillsAreRecordedForBothSidesNewestFirst() {
        limit(ALICE, Side.BUY, 10_000, 1_000);
        final long taker = limit(BOB, Side.SELL, 10_000, 400);
        limit(BOB, Side.SELL, 10_000, 100);

        final List<FillRecord> alice = new ArrayList<>();
        views.fills(ALICE, Command.ALL_MARKETS, 0, 10, fill -> alice.add(new FillRecord().copyFrom(fill)));
        assertThat(alice).extracting(FillRecord::size).containsExactly(100L, 400L);
        assertThat(alice).allMatch(f -> f.liquidity() == Liquidity.MAKER && f.side() == Side.BUY);

        final List<FillRecord> bob = new ArrayList<>();
        views.fills(BOB, Command.ALL_MARKETS, 0, 10, fill -> bob.add(new FillRecord().copyFrom(fill)));
        assertThat(bob.get(1).orderId()).isEqualTo(taker);
        assertThat(bob.get(1).liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(bob.get(1).fee()).isEqualTo(10_000); // taker 25 bps of 4,000,000
        final List<Long> older = new ArrayList<>();
        views.fills(BOB, Command.ALL_MARKETS, bob.get(0).tradeId(), 10, fill -> older.add(fill.tradeId()));
        assertThat(older).containsExactly(bob.get(1).tradeId());
    }

    @Test
    void listingsAreNewestFirstFilteredAndPagedByCursor() {
        final long a = limit(ALICE, Side.BUY, 9_000, 200);
        final long b = limit(ALICE, Side.BUY, 9_001, 200);
        final long e = accepted(run(c.placeOrder(ALICE, ETH_USD, Side.BUY, OrderType.LIMIT, 100_000, 10)));
        final long d = limit(ALICE, Side.BUY, 9_002, 200);
        run(c.cancelOrder(ALICE, b));

        assertThat(listed(ALICE, Command.ALL_MARKETS, OrderFilter.ALL, 0, 10)).containsExactly(d, e, b, a);
        assertThat(listed(ALICE, Command.ALL_MARKETS, OrderFilter.OPEN, 0, 10)).containsExactly(d, e, a);
        assertThat(listed(ALICE, Command.ALL_MARKETS, OrderFilter.CLOSED, 0, 10)).containsExactly(b);
        assertThat(listed(ALICE, BTC_USD, OrderFilter.ALL, 0, 10)).containsExactly(d, b, a);
        assertThat(listed(ALICE, Command.ALL_MARKETS, OrderFilter.ALL, 0, 2)).containsExactly(d, e);
        assertThat(listed(ALICE, Command.ALL_MARKETS, OrderFilter.ALL, e, 2)).containsExactly(b, a);
        assertThat(listed(BOB, Command.ALL_MARKETS, OrderFilter.ALL, 0, 10)).isEmpty();
    }

    @Test
    void onlyTheMostRecentClosedOrdersAreKeptAndOpenOnesNever() {
        final long open = limit(ALICE, Side.BUY, 9_000, 200);
        final List<Long> closed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            final long id = limit(ALICE, Side.BUY, 9_001 + i, 200);
            run(c.cancelOrder(ALICE, id));
            closed.add(id);
        }
        // retention is 3 closed orders per account
        assertThat(listed(ALICE, Command.ALL_MARKETS, OrderFilter.ALL, 0, 10))
            .containsExactly(closed.get(4), closed.get(3), closed.get(2), open);
        assertThat(views.order(ALICE, closed.get(0))).isNull();
    }

    @Test
    void anOrderCanBeFoundByItsClientIdUntilEvicted() {
        c.placeOrder(ALICE, BTC_USD, Side.BUY, OrderType.LIMIT, 9_000, 200);
        c.clientOrderId.set("bot-1");
        final long id = accepted(run(c));
        final ClientOrderId cid = new ClientOrderId();
        cid.set("bot-1");
        assertThat(views.orderByClientId(ALICE, cid).orderId()).isEqualTo(id);
        assertThat(views.orderByClientId(BOB, cid)).isNull();
    }

    @Test
    void afterARandomStreamTheViewsAgreeWithTheEngineOnEveryBalanceAndOpenOrder() {
        final AccountViews fresh = new AccountViews(config);
        final MatchingEngine e = new MatchingEngine(config, fresh);
        final RandomCommandGenerator generator = new RandomCommandGenerator(12, config, 30);
        final Command command = new Command();
        for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
            e.process(command.copyFrom(deposit));
        }
        for (int i = 0; i < 100_000; i++) {
            generator.next(command);
            e.process(command);
            generator.observe(command);
        }
        final EngineInspector inspector = new EngineInspector(e);
        for (int index = 0; index < inspector.accountCount(); index++) {
            final long account = inspector.accountId(index);
            for (int asset = 0; asset < config.assets().size(); asset++) {
                for (final Wallet wallet : Wallet.values()) {
                    assertThat(fresh.available(account, asset, wallet)).isEqualTo(inspector.walletAvailable(account, asset, wallet));
                }
                assertThat(fresh.hold(account, asset, Wallet.SPOT)).isEqualTo(inspector.hold(account, asset));
            }
        }
        final Map<Long, Integer> openPerAccount = new HashMap<>();
        for (int market = 0; market < config.markets().size(); market++) {
            inspector.forEachOpenOrder(market, order -> {
                final OrderRecord record = fresh.order(order.accountId(), order.orderId());
                assertThat(record).isNotNull();
                assertThat(record.isOpen()).isTrue();
                assertThat(record.filled()).isEqualTo(order.filled());
                assertThat(record.size()).isEqualTo(order.size());
                assertThat(record.price()).isEqualTo(order.price());
                openPerAccount.merge(order.accountId(), 1, Integer::sum);
            });
        }
        openPerAccount.forEach((account, count) -> assertThat(fresh.openOrderCount(account)).isEqualTo(count));
    }

    @Test
    void aSnapshotRestoresEqualViewsThatKeepEvolvingIdentically() {
        final RandomCommandGenerator generator = new RandomCommandGenerator(5, config, 20);
        final Command command = new Command();
        for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
            engine.process(command.copyFrom(deposit));
        }
        for (int i = 0; i < 30_000; i++) {
            generator.next(command);
            engine.process(command);
            generator.observe(command);
        }
        final SnapshotOutput viewsOut = new SnapshotOutput(1024);
        views.writeSnapshot(viewsOut);
        final SnapshotOutput engineOut = new SnapshotOutput(1024);
        engine.writeSnapshot(engineOut);
        final AccountViews restored = new AccountViews(config, 3, 4);
        restored.readSnapshot(new SnapshotInput(viewsOut.toByteArray()));
        assertThat(restored.stateHash()).isEqualTo(views.stateHash());

        final MatchingEngine restoredEngine = MatchingEngine.fromSnapshot(config, restored,
            new SnapshotInput(engineOut.toByteArray()));
        final Command copy = new Command();
        for (int i = 0; i < 10_000; i++) {
            generator.next(command);
            copy.copyFrom(command);
            engine.process(command);
            restoredEngine.process(copy);
            generator.observe(command);
        }
        assertThat(restored.stateHash()).isEqualTo(views.stateHash());
    }
}
