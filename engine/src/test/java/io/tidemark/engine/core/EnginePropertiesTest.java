package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.RecordingListener;
import io.tidemark.engine.testkit.Seeds;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Invariants that must hold after every command of seeded random streams. Each test prints its seed
 * on failure; {@code -Dtidemark.seed=N} replays it and {@code -Dtidemark.property.commands=N} runs longer.
 */
class EnginePropertiesTest {
    private static final int ACCOUNTS = 40;
    private final ExchangeConfig config = TestConfigs.threeMarkets();

    /** Feeds a seeded stream to a fresh engine, calling {@code check} after each command. */
    private void run(final long seed, final int defaultCommands, final Consumer<Step> check) {
        final int commands = Seeds.count("tidemark.property.commands", defaultCommands);
        final RecordingListener events = new RecordingListener();
        final MatchingEngine engine = new MatchingEngine(config, events);
        final RandomCommandGenerator generator = new RandomCommandGenerator(seed, config, ACCOUNTS);
        final Command command = new Command();
        for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
            engine.process(command.copyFrom(deposit));
        }
        final Step step = new Step(engine, events, command, seed);
        for (int i = 0; i < commands; i++) {
            generator.next(command);
            events.clear();
            step.before = step.wantsHashBefore ? engine.stateHash() : 0;
            engine.process(command);
            step.index = i;
            check.accept(step);
            generator.observe(command);
        }
    }

    private static final class Step {
        final MatchingEngine engine;
        final EngineInspector inspector;
        final RecordingListener events;
        final Command command;
        final long seed;
        int index;
        long before;
        boolean wantsHashBefore;

        Step(final MatchingEngine engine, final RecordingListener events, final Command command, final long seed) {
            this.engine = engine;
            this.inspector = new EngineInspector(engine);
            this.events = events;
            this.command = command;
            this.seed = seed;
        }

        String where() {
            return "after command " + index + " " + command + ", " + Seeds.replayHint(seed);
        }
    }

    @Test
    void everyAssetIsConservedAcrossAllWalletsAndTheFeeAccount() {
        run(Seeds.seed(101), 300_000, step -> {
            for (int asset = 0; asset < config.assets().size(); asset++) {
                long total = 0;
                for (int i = 0; i < step.inspector.accountCount(); i++) {
                    final long account = step.inspector.accountId(i);
                    total += step.inspector.hold(account, asset);
                    for (final Wallet wallet : Wallet.values()) {
                        total += step.inspector.walletAvailable(account, asset, wallet);
                    }
                }
                if (total != step.inspector.outstanding(asset)) {
                    assertThat(total).as("asset %d total vs deposits - withdrawals %s", asset, step.where())
                        .isEqualTo(step.inspector.outstanding(asset));
                }
            }
        });
    }

    @Test
    void noAvailableBalanceOrHoldIsEverNegative() {
        run(Seeds.seed(202), 300_000, step -> {
            for (int i = 0; i < step.inspector.accountCount(); i++) {
                final long account = step.inspector.accountId(i);
                for (int asset = 0; asset < config.assets().size(); asset++) {
                    if (step.inspector.hold(account, asset) < 0) {
                        fail("negative hold %d of account %d asset %d %s", step.inspector.hold(account, asset), account,
                            asset, step.where());
                    }
                    for (final Wallet wallet : Wallet.values()) {
                        if (step.inspector.walletAvailable(account, asset, wallet) < 0) {
                            fail("negative %s available %d of account %d asset %d %s", wallet,
                                step.inspector.walletAvailable(account, asset, wallet), account, asset, step.where());
                        }
                    }
                }
            }
        });
    }

    @Test
    void theRestingBookIsNeverCrossed() {
        run(Seeds.seed(303), 300_000, step -> {
            for (final Market market : config.markets()) {
                final long bid = step.inspector.bestPrice(market.id(), Side.BUY);
                final long ask = step.inspector.bestPrice(market.id(), Side.SELL);
                if (bid > 0 && ask > 0 && bid >= ask) {
                    fail("crossed book in %s: bid %d >= ask %d %s", market, bid, ask, step.where());
                }
            }
        });
    }

    @Test
    void filledNeverExceedsSizeAndFundsOrdersNeverOverspend() {
        final Map<Long, long[]> orders = new HashMap<>(); // id -> {size, funds, filled, spent}
        run(Seeds.seed(404), 300_000, step -> {
            for (final EngineEvent event : step.events.events()) {
                if (event instanceof EngineEvent.Accepted accepted) {
                    orders.put(accepted.orderId(), new long[] {accepted.size(), accepted.funds(), 0, 0});
                } else if (event instanceof EngineEvent.Amended amended) {
                    orders.get(amended.orderId())[0] = amended.size();
                } else if (event instanceof EngineEvent.Trade trade) {
                    final Market market = config.market(trade.marketId());
                    final long[] taker = orders.get(trade.takerOrderId());
                    final long[] maker = orders.get(trade.makerOrderId());
                    taker[2] += trade.size();
                    taker[3] += market.notional(trade.price(), trade.size()) + trade.takerFee();
                    maker[2] += trade.size();
                    for (final long[] order : new long[][] {taker, maker}) {
                        if (order[1] > 0 && order[3] > order[1]) {
                            fail("funds order spent %d of %d %s", order[3], order[1], step.where());
                        }
                        if (order[1] == 0 && order[2] > order[0]) {
                            fail("filled %d exceeds size %d %s", order[2], order[0], step.where());
                        }
                    }
                } else if (event instanceof EngineEvent.Closed closed) {
                    final long[] order = orders.remove(closed.orderId());
                    if (closed.filled() != order[2]) {
                        fail("closed with filled %d but fills add to %d %s", closed.filled(), order[2], step.where());
                    }
                    if (closed.status() == OrderStatus.FILLED && order[1] == 0 && order[2] != order[0]) {
                        fail("filled order filled %d of %d %s", order[2], order[0], step.where());
                    }
                } else if (event instanceof EngineEvent.Rejected rejected) {
                    orders.remove(rejected.orderId());
                }
            }
        });
    }

    @Test
    void rejectedCommandsAndReplaysChangeNothing() {
        final long[] rejections = {0};
        run(Seeds.seed(505), 60_000, step -> {
            step.wantsHashBefore = true;
            final ResultCode result = step.command.result;
            if (result.isRejection() || result == ResultCode.REPLAYED) {
                rejections[0]++;
                if (step.engine.stateHash() != step.before || step.events.events().size() != 1) {
                    fail("%s changed state (hash %x -> %x) or emitted %s", step.where(), step.before,
                        step.engine.stateHash(), step.events.events());
                }
            }
        });
        assertThat(rejections[0]).as("rejections seen").isGreaterThan(5_000);
    }

    @Test
    void eachAccountHoldsExactlyWhatItsOpenOrdersNeed() {
        run(Seeds.seed(606), 100_000, step -> {
            if (step.index % 10 != 0) {
                return;
            }
            final Map<String, Long> needed = new HashMap<>();
            for (final Market market : config.markets()) {
                step.inspector.forEachOpenOrder(market.id(), order ->
                    needed.merge(order.accountId() + "/" + holdAsset(order, market), holdOf(order, market), Long::sum));
            }
            for (int i = 0; i < step.inspector.accountCount(); i++) {
                final long account = step.inspector.accountId(i);
                for (int asset = 0; asset < config.assets().size(); asset++) {
                    final long expected = needed.getOrDefault(account + "/" + asset, 0L);
                    if (step.inspector.hold(account, asset) != expected) {
                        fail("account %d asset %d holds %d, its open orders need %d %s", account, asset,
                            step.inspector.hold(account, asset), expected, step.where());
                    }
                }
            }
        });
    }

    @Test
    void theSameCommandsGiveTheSameStateAndEvents() {
        final long seed = Seeds.seed(707);
        final RecordingListener firstEvents = new RecordingListener();
        final RecordingListener secondEvents = new RecordingListener();
        final MatchingEngine first = new MatchingEngine(config, firstEvents);
        final MatchingEngine second = new MatchingEngine(config, secondEvents, 2, 2);
        final RandomCommandGenerator generator = new RandomCommandGenerator(seed, config, ACCOUNTS);
        final Command a = new Command();
        final Command b = new Command();
        for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
            first.process(a.copyFrom(deposit));
            second.process(b.copyFrom(deposit));
        }
        for (int i = 0; i < Seeds.count("tidemark.property.commands", 200_000); i++) {
            generator.next(a);
            b.copyFrom(a);
            first.process(a);
            second.process(b);
            generator.observe(a);
        }
        assertThat(secondEvents.events()).as(Seeds.replayHint(seed)).isEqualTo(firstEvents.events());
        assertThat(second.stateHash()).as(Seeds.replayHint(seed)).isEqualTo(first.stateHash());
        assertThat(new EngineInspector(first).openOrderCount()).as("the stream left a non-trivial book").isGreaterThan(100);
    }

    private static int holdAsset(final OrderView order, final Market market) {
        return order.side() == Side.BUY ? market.quote().id() : market.base().id();
    }

    private static long holdOf(final OrderView order, final Market market) {
        if (order.side() == Side.SELL) {
            return market.baseUnits(order.size() - order.filled());
        }
        if (order.status() == OrderStatus.PENDING_TRIGGER) {
            if (order.funds() > 0) {
                return order.funds();
            }
            return market.buyHold(order.orderType() == OrderType.STOP_LIMIT ? order.price() : order.stopPrice(),
                order.size());
        }
        return market.buyHold(order.price(), order.size() - order.filled());
    }
}
