package io.tidemark.node.golden;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.Node;
import io.tidemark.node.NodeClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes the golden data directory of run-time listings ({@code golden/v4-listings}), which
 * {@code GoldenListingDataDirTest} replays: on the three configured markets, the asset SOL and the market
 * SOL-USD are listed first and trade with the rest (so the middle snapshot is the engine's version 4, with
 * its listings first, and every read model's section has the listed asset and market), and ETH-SOL is
 * listed after the snapshot (so recovery from the middle snapshot replays a listing). Orders for ETH-SOL
 * before its listing are refused as unknown pair, as they would be. Run once, by hand, never by the
 * build: {@code java -cp <test classpath> io.tidemark.node.golden.GoldenListingDataDirWriter DIR}; the
 * hashes it prints go into {@code expected.properties} beside the fixture.
 */
public final class GoldenListingDataDirWriter {
    static final long SEED = 20261207L;
    static final int ACCOUNTS = 12;
    static final int COMMANDS_BEFORE_SNAPSHOT = 1_500;
    static final int COMMANDS_AFTER_SNAPSHOT = 1_500;
    static final int ETH_SOL_LISTED_AT = COMMANDS_BEFORE_SNAPSHOT + 300;

    private GoldenListingDataDirWriter() {
    }

    public static void main(final String[] args) throws Exception {
        final Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final ExchangeConfig withSol = config.withAsset(new AssetConfig("SOL", 9))
            .withMarket(new MarketConfig("SOL-USD", "0.01", "0.01", "0.01", "1", 10, 25));
        final ExchangeConfig effective = withSol.withMarket(new MarketConfig("ETH-SOL", "0.001", "0.001", "0.001",
            "0.01", 5, 20));
        final RandomCommandGenerator generator = new RandomCommandGenerator(SEED, effective, ACCOUNTS);
        final long viewsHash;
        final long engineHash;
        try (Node node = Node.start(new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO))) {
            final NodeClient client = new NodeClient(node);
            expectAccepted(client.submit(Listing.listAsset(new Command(), "SOL", 9)));
            expectAccepted(client.submit(Listing.listMarket(new Command(), withSol.marketByPair("SOL-USD"))));
            for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
                client.submit(deposit);
            }
            final Command command = new Command();
            for (int i = 0; i < COMMANDS_BEFORE_SNAPSHOT + COMMANDS_AFTER_SNAPSHOT; i++) {
                if (i == COMMANDS_BEFORE_SNAPSHOT) {
                    node.snapshot().get(30, TimeUnit.SECONDS);
                }
                if (i == ETH_SOL_LISTED_AT) {
                    expectAccepted(client.submit(Listing.listMarket(new Command(), effective.marketByPair("ETH-SOL"))));
                }
                generator.next(command);
                generator.observe(client.submit(command));
            }
            viewsHash = client.query(n -> n.accounts().stateHash());
            node.close();
            engineHash = node.engineAfterClose().stateHash();
        }
        System.out.printf(Locale.ROOT, "engine.state.hash=%016x%n", engineHash);
        System.out.printf(Locale.ROOT, "views.state.hash=%016x%n", viewsHash);
        System.out.printf(Locale.ROOT, "events.crc32c=%08x%n", GoldenEvents.crc32cOfReplay(dir, config));
    }

    private static void expectAccepted(final Command applied) {
        if (applied.type != CommandType.LIST_ASSET && applied.type != CommandType.LIST_MARKET
            || applied.result != ResultCode.ACCEPTED) {
            throw new IllegalStateException("listing not accepted: " + applied);
        }
    }
}
