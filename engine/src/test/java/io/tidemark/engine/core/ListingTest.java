package io.tidemark.engine.core;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.engine.testkit.EngineEvent;
import io.tidemark.engine.testkit.EngineFixture;
import io.tidemark.engine.testkit.RecordingListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.tidemark.engine.testkit.TestConfigs.USD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assets and markets listed at run time (LIST_ASSET, LIST_MARKET): the new asset gets a balance in every
 * account, the new market a book that trades at once; a second listing of a symbol or pair is refused
 * with asset_exists / market_exists, an impossible one with invalid_parameter, changing nothing. Listings
 * enter the state hash and snapshot version 4; the configuration fingerprint stays the file's.
 */
class ListingTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private EngineFixture fx;

    @BeforeEach
    void start() {
        fx = new EngineFixture();
    }

    private Command listAsset(final String symbol, final int scale) {
        return fx.run(c -> Listing.listAsset(c, symbol, scale));
    }

    /** Resolves the market against the engine's current configuration, as the gateway does. */
    private Command listMarket(final MarketConfig market) {
        final Market resolved = fx.engine.config().withMarket(market).marketByPair(market.pair());
        return fx.run(c -> Listing.listMarket(c, resolved));
    }

    private static MarketConfig solUsd() {
        return new MarketConfig("SOL-USD", "0.01", "0.01", "0.01", "1", 10, 25);
    }

    private int solUsdListed() {
        assertThat(listAsset("SOL", 9).result).isEqualTo(ResultCode.ACCEPTED);
        final Command listed = listMarket(solUsd());
        assertThat(listed.result).isEqualTo(ResultCode.ACCEPTED);
        return (int) listed.resultId;
    }

    private int sol() {
        return fx.engine.config().assetBySymbol("SOL").id();
    }

    @Test
    void aListedAssetTakesTheNextIdAndCanBeDeposited() {
        final Command listed = listAsset("SOL", 9);
        assertThat(listed.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(listed.resultId).isEqualTo(3);
        final ExchangeConfig config = fx.engine.config();
        assertThat(config.asset(3).symbol()).isEqualTo("SOL");
        assertThat(config.asset(3).scale()).isEqualTo(9);

        fx.deposit(ALICE, USD, "100");
        assertThat(fx.run(c -> c.deposit(ALICE, 3, 2_500_000_000L)).result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(fx.inspector.available(ALICE, 3)).isEqualTo(2_500_000_000L);
        assertThat(fx.available(ALICE, USD)).as("the other balances kept their place").isEqualTo(fx.units(USD, "100"));
    }

    @Test
    void aListedMarketTradesAtOnce() {
        final int market = solUsdListed();
        assertThat(market).isEqualTo(3);
        final Market solUsd = fx.engine.config().market(market);
        fx.deposit(ALICE, USD, "1000");
        fx.run(c -> c.deposit(BOB, sol(), 5_000_000_000L));

        final Command sell = fx.run(c -> c.placeOrder(BOB, market, Side.SELL, OrderType.LIMIT,
            solUsd.parsePrice("150"), solUsd.parseSize("2")));
        assertThat(sell.result).isEqualTo(ResultCode.ACCEPTED);
        final Command buy = fx.run(c -> c.placeOrder(ALICE, market, Side.BUY, OrderType.LIMIT,
            solUsd.parsePrice("150"), solUsd.parseSize("2")));
        assertThat(buy.result).isEqualTo(ResultCode.ACCEPTED);

        final var trades = fx.last(EngineEvent.Trade.class);
        assertThat(trades).hasSize(1);
        assertThat(trades.get(0).marketId()).isEqualTo(market);
        assertThat(fx.inspector.available(ALICE, sol())).isEqualTo(2_000_000_000L);
        // 300 USD and the 25 bps taker fee of 0.75 USD
        assertThat(fx.available(ALICE, USD)).isEqualTo(fx.units(USD, "699.25"));
    }

    @Test
    void aSecondListingOfASymbolOrPairIsRefusedAndChangesNothing() {
        solUsdListed();
        final long hash = fx.engine.stateHash();
        assertThat(listAsset("SOL", 9).result).isEqualTo(ResultCode.ASSET_EXISTS);
        assertThat(listAsset("BTC", 8).result).isEqualTo(ResultCode.ASSET_EXISTS);
        final Market configured = fx.config.market(0);
        assertThat(fx.run(c -> Listing.listMarket(c, configured)).result).isEqualTo(ResultCode.MARKET_EXISTS);
        final Market again = fx.engine.config().market(3);
        assertThat(fx.run(c -> Listing.listMarket(c, again)).result).isEqualTo(ResultCode.MARKET_EXISTS);
        assertThat(fx.engine.stateHash()).isEqualTo(hash);
        assertThat(fx.engine.config().assets()).hasSize(4);
        assertThat(fx.engine.config().markets()).hasSize(4);
    }

    @Test
    void anImpossibleListingIsAnInvalidParameterAndChangesNothing() {
        final long hash = fx.engine.stateHash();
        assertThat(listAsset("sol", 9).result).as("lower case symbol").isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(listAsset("SOL", 19).result).as("scale above 18").isEqualTo(ResultCode.INVALID_PARAMETER);
        final Market btcUsd = fx.config.market(0);
        assertThat(fx.run(c -> {
            Listing.listMarket(c, btcUsd);
            c.quoteAssetId = 7;
        }).result).as("unknown quote asset").isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fx.run(c -> {
            Listing.listMarket(c, btcUsd);
            c.quoteAssetId = c.assetId;
        }).result).as("base = quote").isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fx.run(c -> {
            Listing.listMarket(c, btcUsd);
            c.quoteAssetId = 2;     // BTC-ETH at a tick of 0.01 ETH × lot 0.0001 BTC is exact; a tick of 1e-9 is not
            c.tickDecimals = 9;
            c.tickUnits = 1;
        }).result).as("tick × lot below one quote unit").isEqualTo(ResultCode.INVALID_PARAMETER);
        assertThat(fx.engine.stateHash()).isEqualTo(hash);
        assertThat(fx.engine.config().hasListings()).isFalse();
    }

    @Test
    void listingsChangeTheStateHashButNotTheFingerprint() {
        final long hash = fx.engine.stateHash();
        listAsset("SOL", 9);
        final long afterAsset = fx.engine.stateHash();
        assertThat(afterAsset).isNotEqualTo(hash);
        listMarket(solUsd());
        assertThat(fx.engine.stateHash()).isNotEqualTo(afterAsset);
        assertThat(fx.engine.config().fingerprint()).isEqualTo(fx.config.fingerprint());
    }

    @Test
    void listingsAndTheirBooksAndBalancesRestoreFromASnapshotVersionFour() {
        final int market = solUsdListed();
        final Market solUsd = fx.engine.config().market(market);
        fx.deposit(ALICE, USD, "1000");
        fx.run(c -> c.deposit(BOB, sol(), 5_000_000_000L));
        fx.run(c -> c.placeOrder(BOB, market, Side.SELL, OrderType.LIMIT, solUsd.parsePrice("150"),
            solUsd.parseSize("2")));

        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        fx.engine.writeSnapshot(out);
        final byte[] bytes = out.toByteArray();
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(4);
        final RecordingListener events = new RecordingListener();
        final MatchingEngine restored = MatchingEngine.fromSnapshot(fx.config, events, new SnapshotInput(bytes));
        assertThat(restored.stateHash()).isEqualTo(fx.engine.stateHash());
        assertThat(restored.config().marketByPair("SOL-USD").id()).isEqualTo(market);
        final SnapshotOutput again = new SnapshotOutput(1 << 16);
        restored.writeSnapshot(again);
        assertThat(again.toByteArray()).isEqualTo(bytes);

        final Command buy = new Command().placeOrder(ALICE, market, Side.BUY, OrderType.LIMIT,
            solUsd.parsePrice("150"), solUsd.parseSize("1"));
        buy.timestamp = fx.now();
        restored.process(buy);
        assertThat(buy.result).isEqualTo(ResultCode.ACCEPTED);
        assertThat(events.events().stream().filter(EngineEvent.Trade.class::isInstance).count()).isEqualTo(1);
    }

    @Test
    void aStateWithoutListingsIsStillWrittenInAnOlderVersion() {
        fx.deposit(ALICE, USD, "1000");
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        fx.engine.writeSnapshot(out);
        assertThat(ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(1);
    }
}
