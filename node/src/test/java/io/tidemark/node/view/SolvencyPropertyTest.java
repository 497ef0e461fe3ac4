package io.tidemark.node.view;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.Seeds;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.pipeline.FanOut;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random operator commands (deposits by reference, retried and conflicting; withdrawal requests,
 * completions and rejections; freezes with and without cancels; an asset and two markets listed on the
 * way, and listed again) interleaved with random trading, which trades the listed markets too: after
 * every command the solvency difference of every asset is zero, the operator's totals agree with the
 * engine's outstanding amount, and a snapshot of engine and views restores to the same state.
 */
class SolvencyPropertyTest {
    private static final int ACCOUNTS = 16;

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    /** What the run lists on the way: SOL, SOL-USD, then ETH-SOL; the trading is generated for all of it. */
    private final ExchangeConfig withSol = config.withAsset(new AssetConfig("SOL", 9))
        .withMarket(new MarketConfig("SOL-USD", "0.01", "0.01", "0.01", "1", 10, 25));
    private final ExchangeConfig listed = withSol.withMarket(new MarketConfig("ETH-SOL", "0.001", "0.001", "0.001",
        "0.01", 5, 20));
    private final ExpandableDirectByteBuffer events = new ExpandableDirectByteBuffer(4_096);
    private final EventEncoder encoder = new EventEncoder();
    private final AccountViews accounts = new AccountViews(config);
    private final OperatorViews operator = new OperatorViews(config);
    private final FanOut fanOut = new FanOut(List.of(accounts, operator));
    private final MatchingEngine engine = new MatchingEngine(config, encoder);
    private final EngineInspector inspector = new EngineInspector(engine);
    private long sequence;

    @Test
    void randomOperatorCommandsAmongTradingKeepEverySolvencyDifferenceZero() {
        final long seed = Seeds.seed(19);
        final int count = Seeds.count("tidemark.solvency.commands", 60_000);
        final SplittableRandom random = new SplittableRandom(seed);
        final RandomCommandGenerator trading = new RandomCommandGenerator(seed, listed, ACCOUNTS);
        final List<Long> pending = new ArrayList<>();
        final List<Command> references = new ArrayList<>();
        final Map<CommandType, Integer> accepted = new EnumMap<>(CommandType.class);
        for (final Command deposit : trading.fundingCommands(50_000_000_000L)) {
            apply(deposit, trading);
        }
        final Command c = new Command();
        for (int i = 0; i < count; i++) {
            final int roll = random.nextInt(100);
            if (i == count / 10 || i == count * 3 / 4) {
                Listing.listAsset(c, "SOL", 9); // the second time: asset_exists
            } else if (i == count / 5) {
                Listing.listMarket(c, withSol.marketByPair("SOL-USD"));
            } else if (i == count / 2 || i == count * 4 / 5) {
                Listing.listMarket(c, listed.marketByPair("ETH-SOL"));
            } else if (roll < 85) {
                trading.next(c);
            } else if (roll < 89) {
                if (!references.isEmpty() && random.nextInt(3) == 0) {
                    final Command earlier = references.get(random.nextInt(references.size()));
                    c.copyFrom(earlier);
                    if (random.nextBoolean()) {
                        c.amount++; // a conflict: same reference, other fields
                    }
                } else {
                    c.deposit(1 + random.nextInt(ACCOUNTS), random.nextInt(listed.assets().size()),
                        1 + random.nextLong(400_000_000L), "ref-" + i);
                    references.add(new Command().copyFrom(c));
                }
            } else if (roll < 94) {
                c.requestWithdrawal(1 + random.nextInt(ACCOUNTS), random.nextInt(listed.assets().size()),
                    1 + random.nextLong(400_000_000L));
            } else if (roll < 98) {
                final long id = pending.isEmpty() || random.nextInt(10) == 0 ? 1 + random.nextInt(50)
                    : pending.remove(random.nextInt(pending.size()));
                if (random.nextBoolean()) {
                    c.completeWithdrawal(id);
                } else {
                    c.rejectWithdrawal(id);
                }
            } else {
                switch (random.nextInt(7)) { // resumes twice as likely as halts: markets mostly trade
                    case 0 -> c.freezeAccount(1 + random.nextInt(ACCOUNTS), random.nextBoolean());
                    case 1 -> c.unfreezeAccount(1 + random.nextInt(ACCOUNTS));
                    case 2 -> c.faucet(1 + random.nextInt(ACCOUNTS), random.nextInt(listed.assets().size()),
                        1 + random.nextLong(400_000_000L));
                    case 3 -> c.setMarketStatus(random.nextInt(listed.markets().size()), MarketStatus.HALTED);
                    case 6 -> {
                        final int taker = random.nextInt(80);
                        c.setMarketFees(random.nextInt(listed.markets().size()), random.nextInt(taker + 1), taker);
                    }
                    default -> c.setMarketStatus(random.nextInt(listed.markets().size()), MarketStatus.TRADING);
                }
            }
            apply(c, trading);
            trading.observe(c);
            if (c.result == ResultCode.ACCEPTED) {
                accepted.merge(c.type, 1, Integer::sum);
                if (c.type == CommandType.REQUEST_WITHDRAWAL) {
                    pending.add(c.resultId);
                }
            }
            for (int asset = 0; asset < engine.config().assets().size(); asset++) {
                final Solvency line = Solvency.of(asset, accounts, operator);
                assertThat(line.difference()).as("asset %d after command %d: %s; %s", asset, i, c, Seeds.replayHint(seed))
                    .isZero();
                assertThat(line.deposits() - line.withdrawals()).as("outstanding of asset %d", asset)
                    .isEqualTo(inspector.outstanding(asset));
            }
        }
        // the operator commands really ran, in every kind
        assertThat(accepted).containsKeys(CommandType.DEPOSIT, CommandType.REQUEST_WITHDRAWAL,
            CommandType.COMPLETE_WITHDRAWAL, CommandType.REJECT_WITHDRAWAL, CommandType.FREEZE_ACCOUNT,
            CommandType.UNFREEZE_ACCOUNT, CommandType.FAUCET, CommandType.SET_MARKET_STATUS,
            CommandType.SET_MARKET_FEES, CommandType.LIST_ASSET, CommandType.LIST_MARKET);
        assertThat(accepted.get(CommandType.LIST_MARKET)).isEqualTo(2);
        assertThat(engine.config().markets()).hasSize(5);
        assertThat(operator.config().markets()).hasSize(5);
        assertThat(inspector.lastPrice(withSol.marketByPair("SOL-USD").id())).as("SOL-USD traded").isPositive();
        assertThat(accepted.get(CommandType.PLACE_ORDER)).isGreaterThan(count / 10);

        final SnapshotOutput snapshot = new SnapshotOutput(1 << 20);
        engine.writeSnapshot(snapshot);
        final MatchingEngine restored = MatchingEngine.fromSnapshot(config, new EventEncoder(),
            new SnapshotInput(snapshot.toByteArray()));
        assertThat(restored.stateHash()).isEqualTo(engine.stateHash());
        final SnapshotOutput views = new SnapshotOutput(1 << 16);
        operator.writeSnapshot(views);
        final OperatorViews restoredViews = new OperatorViews(config);
        restoredViews.listed(restored.config());
        restoredViews.readSnapshot(new SnapshotInput(views.toByteArray()));
        for (int asset = 0; asset < restored.config().assets().size(); asset++) {
            assertThat(Solvency.of(asset, accounts, restoredViews).difference()).isZero();
        }
    }

    private void apply(final Command c, final RandomCommandGenerator trading) {
        c.sequence = ++sequence;
        c.timestamp = trading.lastTimestamp();
        encoder.wrap(events);
        engine.process(c);
        fanOut.deliver(events, encoder.length(), c);
    }
}
