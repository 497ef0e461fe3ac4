package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.RecordingListener;
import io.tidemark.engine.testkit.ReferenceEngine;
import io.tidemark.engine.testkit.Seeds;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The engine against the slow reference matcher: the same seeded random commands through both must
 * give the same events, in the same order, and the same balances for every account.
 * {@code -Dtidemark.differential.commands=N} runs more.
 */
class DifferentialTest {
    private static final int ACCOUNTS = 60;

    @Test
    void engineAndReferenceProduceIdenticalEventsAndBalancesOverAMillionRandomCommands() {
        final long seed = Seeds.seed(20261121L);
        final int commands = Seeds.count("tidemark.differential.commands", 1_000_000);
        final Set<String> seen = run(seed, commands, RandomCommandGenerator.Flow.STANDARD);
        if (commands >= 1_000_000) {
            // equality proves little about paths the stream never took
            assertThat(seen).as("paths exercised by %s", Seeds.replayHint(seed)).contains(
                "Trade", "Triggered", "Rejected INSUFFICIENT_FUNDS", "Amended kept", "Amended requeued",
                "Closed FILLED NONE", "Closed CANCELLED USER", "Closed CANCELLED IOC_REMAINDER",
                "Closed CANCELLED FOK_NOT_FILLED", "Closed CANCELLED POST_ONLY_WOULD_TAKE",
                "Closed CANCELLED SELF_TRADE", "Closed CANCELLED MARKET_NO_LIQUIDITY", "MarketStatusChanged",
                "PLACE_ORDER REPLAYED", "PLACE_ORDER CLIENT_ORDER_ID_CONFLICT", "PLACE_ORDER INSUFFICIENT_FUNDS",
                "PLACE_ORDER MARKET_HALTED", "AMEND_ORDER INSUFFICIENT_FUNDS", "AMEND_ORDER POST_ONLY_WOULD_CROSS",
                "CANCEL_ALL ACCEPTED", "TRANSFER ACCEPTED", "WITHDRAW ACCEPTED");
        }
    }

    /**
     * Books whose levels lie far apart, well beyond the price window a book side keeps around its touch
     * ({@link BookSide#RESTING_WINDOW} ticks), with a touch that jumps past them: the levels behind the
     * window, the window sliding both ways and taking them back, all agree with the reference.
     */
    @Test
    void engineAndReferenceAgreeWithPricesFarFromTheTouch() {
        final long seed = Seeds.seed(20261207L);
        final int commands = Seeds.count("tidemark.differential.far.commands", 300_000);
        final Set<String> seen = run(seed, commands, RandomCommandGenerator.Flow.FAR_PRICES);
        assertThat(seen).as("%s", Seeds.replayHint(seed)).contains("a side wider than its window", "Trade",
            "Amended requeued", "Closed CANCELLED USER");
    }

    /** A third of the commands stops: many pending at once, triggering and cascading through each other. */
    @Test
    void engineAndReferenceAgreeOnStopHeavyFlow() {
        final long seed = Seeds.seed(20261208L);
        final int commands = Seeds.count("tidemark.differential.stops.commands", 300_000);
        final Set<String> seen = run(seed, commands, RandomCommandGenerator.Flow.STOP_HEAVY);
        assertThat(seen).as("%s", Seeds.replayHint(seed)).contains("Triggered", "Trade",
            "Rejected INSUFFICIENT_FUNDS", "Closed CANCELLED MARKET_NO_LIQUIDITY");
    }

    /** The same stream through both, compared command by command; returns the paths it took. */
    private static Set<String> run(final long seed, final int commands, final RandomCommandGenerator.Flow flow) {
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final RecordingListener engineEvents = new RecordingListener();
        final RecordingListener referenceEvents = new RecordingListener();
        final MatchingEngine engine = new MatchingEngine(config, engineEvents);
        final ReferenceEngine reference = new ReferenceEngine(config, referenceEvents);
        final RandomCommandGenerator generator = new RandomCommandGenerator(seed, config, ACCOUNTS, flow);
        final Command forEngine = new Command();
        final Command forReference = new Command();

        for (final Command deposit : generator.fundingCommands(100_000_000_000L)) {
            engine.process(forEngine.copyFrom(deposit));
            reference.process(forReference.copyFrom(deposit));
        }
        final Set<String> seen = new HashSet<>();
        final java.util.SplittableRandom fees = new java.util.SplittableRandom(seed ^ 0xFEE5L);
        for (int i = 0; i < commands; i++) {
            if (i % 5_000 == 4_999) {
                // an operator's fee change now and then: older orders keep paying (and holding for) theirs
                final int taker = fees.nextInt(60);
                forEngine.setMarketFees(fees.nextInt(config.markets().size()), fees.nextInt(taker + 1), taker);
                forEngine.timestamp = generator.lastTimestamp();
            } else {
                generator.next(forEngine);
            }
            forReference.copyFrom(forEngine);
            engineEvents.clear();
            referenceEvents.clear();
            engine.process(forEngine);
            reference.process(forReference);
            if (!engineEvents.events().equals(referenceEvents.events())) {
                fail("command " + i + " diverged, " + Seeds.replayHint(seed) + "\n  " + forEngine
                    + "\n  engine:    " + describe(engineEvents.events())
                    + "\n  reference: " + describe(referenceEvents.events()));
            }
            seen.add(forEngine.type + " " + forEngine.result);
            engineEvents.events().forEach(event -> seen.add(kind(event)));
            generator.observe(forEngine);
            if (i % 100_000 == 0 || i == commands - 1) {
                assertSameBalances(config, engine, reference, seed, i);
            }
            if (i % 1_000 == 0 && widerThanWindow(engine, config)) {
                seen.add("a side wider than its window");
            }
        }
        assertThat(seen).as("fee changes ran").contains("SET_MARKET_FEES ACCEPTED");
        return seen;
    }

    private static boolean widerThanWindow(final MatchingEngine engine, final ExchangeConfig config) {
        final EngineInspector inspector = new EngineInspector(engine);
        for (int m = 0; m < config.markets().size(); m++) {
            for (final io.tidemark.engine.api.Side side : io.tidemark.engine.api.Side.values()) {
                final long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
                inspector.forEachLevel(m, side, (price, total, count) -> {
                    range[0] = Math.min(range[0], price);
                    range[1] = Math.max(range[1], price);
                });
                if (range[1] - range[0] >= BookSide.RESTING_WINDOW) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void engineAndReferenceAgreeWhenAnAssetAndMarketsAreListedOnTheWay() {
        final long seed = Seeds.seed(20261207L);
        final int commands = Seeds.count("tidemark.differential.listing.commands", 100_000);
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final ExchangeConfig withSol = config.withAsset(new AssetConfig("SOL", 9))
            .withMarket(new MarketConfig("SOL-USD", "0.01", "0.01", "0.01", "1", 10, 25));
        final ExchangeConfig listed = withSol.withMarket(new MarketConfig("ETH-SOL", "0.001", "0.001", "0.001",
            "0.01", 5, 20));
        final RecordingListener engineEvents = new RecordingListener();
        final RecordingListener referenceEvents = new RecordingListener();
        final MatchingEngine engine = new MatchingEngine(config, engineEvents);
        final ReferenceEngine reference = new ReferenceEngine(config, referenceEvents);
        // generated for everything the run will list: commands naming what is not listed yet are refused alike
        final RandomCommandGenerator generator = new RandomCommandGenerator(seed, listed, ACCOUNTS);
        final Command forEngine = new Command();
        final Command forReference = new Command();
        final Set<String> seen = new HashSet<>();
        final int funding = ACCOUNTS * config.assets().size();
        final int solListed = commands / 10;
        for (int i = 0; i < commands; i++) {
            if (i < funding) {
                forEngine.deposit(1 + i % ACCOUNTS, i / ACCOUNTS, 100_000_000_000L);
            } else if (i == solListed) {
                Listing.listAsset(forEngine, "SOL", 9);
            } else if (i > solListed && i <= solListed + ACCOUNTS) {
                forEngine.deposit(i - solListed, 3, 100_000_000_000L);
            } else if (i == commands / 5 || i == commands * 3 / 4) {
                Listing.listMarket(forEngine, withSol.marketByPair("SOL-USD")); // the second time: market_exists
            } else if (i == commands / 2) {
                Listing.listMarket(forEngine, listed.marketByPair("ETH-SOL"));
            } else {
                generator.next(forEngine);
            }
            forEngine.timestamp = generator.lastTimestamp();
            forReference.copyFrom(forEngine);
            engineEvents.clear();
            referenceEvents.clear();
            engine.process(forEngine);
            reference.process(forReference);
            if (!engineEvents.events().equals(referenceEvents.events()) || forEngine.result != forReference.result
                || forEngine.resultId != forReference.resultId) {
                fail("command " + i + " diverged, " + Seeds.replayHint(seed) + "\n  " + forEngine
                    + "\n  reference: " + forReference
                    + "\n  engine:    " + describe(engineEvents.events())
                    + "\n  reference: " + describe(referenceEvents.events()));
            }
            seen.add(forEngine.type + " " + forEngine.result);
            if (forEngine.type == CommandType.PLACE_ORDER && forEngine.marketId >= 3 && !engineEvents.events().stream()
                .filter(EngineEvent.Trade.class::isInstance).toList().isEmpty()) {
                seen.add("trade on a listed market");
            }
            generator.observe(forEngine);
            if (i % 20_000 == 0 || i == commands - 1) {
                assertSameBalances(engine.config(), engine, reference, seed, i);
            }
        }
        assertThat(seen).contains("LIST_ASSET ACCEPTED", "LIST_MARKET ACCEPTED", "LIST_MARKET MARKET_EXISTS",
            "PLACE_ORDER UNKNOWN_PAIR", "trade on a listed market");
        assertThat(engine.config().markets()).hasSize(5);
    }

    private static String kind(final EngineEvent event) {
        if (event instanceof EngineEvent.Closed closed) {
            return "Closed " + closed.status() + " " + closed.reason();
        }
        if (event instanceof EngineEvent.Rejected rejected) {
            return "Rejected " + rejected.reason();
        }
        if (event instanceof EngineEvent.Amended amended) {
            return amended.priorityKept() ? "Amended kept" : "Amended requeued";
        }
        return event.getClass().getSimpleName();
    }

    private static void assertSameBalances(final ExchangeConfig config, final MatchingEngine engine,
                                           final ReferenceEngine reference, final long seed, final int at) {
        final EngineInspector inspector = new EngineInspector(engine);
        assertThat(inspector.accountCount()).as("accounts at %d, %s", at, Seeds.replayHint(seed))
            .isEqualTo(reference.accounts().size());
        for (final long account : reference.accounts()) {
            for (int asset = 0; asset < config.assets().size(); asset++) {
                for (final Wallet wallet : Wallet.values()) {
                    assertThat(inspector.walletAvailable(account, asset, wallet))
                        .as("account %d asset %d %s available at %d, %s", account, asset, wallet, at, Seeds.replayHint(seed))
                        .isEqualTo(reference.wallet(account, asset, wallet));
                }
                assertThat(inspector.hold(account, asset))
                    .as("account %d asset %d hold at %d, %s", account, asset, at, Seeds.replayHint(seed))
                    .isEqualTo(reference.hold(account, asset));
            }
        }
    }

    private static String describe(final List<EngineEvent> events) {
        final StringBuilder sb = new StringBuilder();
        for (final EngineEvent event : events) {
            sb.append("\n    ").append(event);
        }
        return sb.toString();
    }
}
