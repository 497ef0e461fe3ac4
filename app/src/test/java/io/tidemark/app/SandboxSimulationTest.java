package io.tidemark.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.event.EventEncoder;
import io.tidemark.gateway.json.Json;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.node.journal.JournalDirectory;
import io.tidemark.node.journal.JournalReader;
import io.tidemark.sandbox.SignedHttp;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated market, started through the launcher with the default config: every book gets depth
 * on both sides within seconds, trades and candles advance, the simulated traders' orders belong to
 * their own keyed accounts; after a clean stop, a replay of the journal shows no negative balance or
 * hold and every asset conserved (all wallets of all accounts, fee account included, equal deposits
 * minus withdrawals, counted independently from the journaled commands).
 */
class SandboxSimulationTest {
    private static final int MIN_LEVELS = 20;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theSimulatedMarketHasDepthTradesAndCandlesAndConservesEveryAsset() throws Exception {
        final Path data = temp.resolve("data");
        final ExchangeConfig config = ConfigFile.defaults().exchange();
        final long trades;
        try (LauncherProcess sandbox = LauncherProcess.start(data, "sim")) {
            final SignedHttp api = SignedHttp.anonymous(sandbox.baseUrl);
            final long started = System.nanoTime();

            // depth: at least 20 levels a side on every market
            final long depthDeadline = started + TimeUnit.SECONDS.toNanos(30);
            Map<String, int[]> depth = depth(api, config);
            while (!deep(depth) && System.nanoTime() < depthDeadline) {
                Thread.sleep(250);
                depth = depth(api, config);
            }
            final double depthSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("simulation: %d+ levels a side on every book after %.1f s: %s%n", MIN_LEVELS, depthSeconds,
                describe(depth));
            assertThat(deep(depth)).as("levels per side %s after %.1f s%n%s", describe(depth), depthSeconds,
                sandbox.output()).isTrue();

            // trades and candles advance on every market
            final Map<String, Long> trades0 = tradeCounts(api, config);
            final Map<String, Long> candles0 = candleTrades(api, config);
            final long flowDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            Map<String, Long> trades1 = tradeCounts(api, config);
            Map<String, Long> candles1 = candleTrades(api, config);
            while (!(advanced(trades0, trades1) && advanced(candles0, candles1)) && System.nanoTime() < flowDeadline) {
                Thread.sleep(500);
                trades1 = tradeCounts(api, config);
                candles1 = candleTrades(api, config);
            }
            System.out.printf("simulation: trades %s -> %s, candle trade counts %s -> %s%n", trades0, trades1, candles0, candles1);
            assertThat(advanced(trades0, trades1)).as("trades %s -> %s", trades0, trades1).isTrue();
            trades = trades1.values().stream().mapToLong(Long::longValue).sum();
            assertThat(advanced(candles0, candles1)).as("candles %s -> %s", candles0, candles1).isTrue();
            for (final Market market : config.markets()) {
                final JsonNode ticker = api.get("/v1/ticker/" + market.pair()).data();
                assertThat(ticker.path("last_price").isTextual()).as(ticker.toString()).isTrue();
                assertThat(ticker.path("best_bid").isTextual() && ticker.path("best_ask").isTextual()).isTrue();
            }

            // the makers' orders are theirs, seen through their own keys
            final JsonNode sim = Json.MAPPER.readTree(Files.readAllBytes(data.resolve("sandbox/simulation.json")));
            final JsonNode keys = Json.MAPPER.readTree(Files.readAllBytes(data.resolve("keys/keys.json")));
            final String makerKey = sim.path("accounts").path("maker-0").asText();
            String makerSecret = null;
            for (final JsonNode key : keys.path("keys")) {
                if (key.path("id").asText().equals(makerKey)) {
                    makerSecret = key.path("secret").asText();
                    assertThat(key.path("tier").asText()).isEqualTo("market_maker");
                }
            }
            final SignedHttp maker = new SignedHttp(sandbox.baseUrl, makerKey, makerSecret);
            final JsonNode open = maker.get("/v1/orders?status=open&limit=100").data();
            assertThat(open.size()).as(open.toString()).isGreaterThanOrEqualTo(MIN_LEVELS);

            assertThat(sandbox.stop()).as(sandbox.output()).isIn(0, 143);
            assertThat(sandbox.output()).contains("event=simulation_stopped").contains("event=shutdown_complete");
        }
        checkJournal(data, config, trades);
    }

    /** Replays the whole journal into a fresh engine: no negative balance or hold, every asset conserved. */
    private static void checkJournal(final Path data, final ExchangeConfig config, final long tradesSeen) {
        final EventEncoder encoder = new EventEncoder();
        final ExpandableDirectByteBuffer events = new ExpandableDirectByteBuffer(4_096);
        final MatchingEngine engine = new MatchingEngine(config, encoder, 64, 4_096);
        final int assets = config.assets().size();
        final long[] deposits = new long[assets];
        final long[] withdrawals = new long[assets];
        final long[] commands = new long[1];
        final JournalReader.Result result = JournalReader.replay(new JournalDirectory(data.resolve("journal")),
            config.fingerprint(), 0, 0, 0, 0, (Command command) -> {
                encoder.wrap(events);
                engine.process(command);
                commands[0]++;
                if (!command.result.isRejection()) {
                    if (command.type == CommandType.DEPOSIT || command.type == CommandType.FAUCET) {
                        deposits[command.assetId] += command.amount;
                    } else if (command.type == CommandType.WITHDRAW) {
                        withdrawals[command.assetId] += command.amount;
                    }
                }
            });
        final EngineInspector inspector = new EngineInspector(engine);
        System.out.printf("simulation: replayed %d commands, next trade id %d, %d accounts%n", commands[0],
            inspector.nextTradeId(), inspector.accountCount());
        assertThat(result.damaged()).as(String.valueOf(result.damage())).isFalse();
        assertThat(inspector.accountCount()).isGreaterThanOrEqualTo(5);  // demo + 2 makers + 2 takers (+ the fee account)
        assertThat(inspector.nextTradeId()).as("trades replayed vs seen through the API").isGreaterThan(tradesSeen);
        for (int asset = 0; asset < assets; asset++) {
            long total = 0;
            for (int i = 0; i < inspector.accountCount(); i++) {
                final long account = inspector.accountId(i);
                assertThat(inspector.hold(account, asset)).as("hold of account %d asset %d", account, asset).isNotNegative();
                total += inspector.hold(account, asset);
                for (final Wallet wallet : Wallet.values()) {
                    final long available = inspector.walletAvailable(account, asset, wallet);
                    assertThat(available).as("%s available of account %d asset %d", wallet, account, asset).isNotNegative();
                    total += available;
                }
            }
            assertThat(deposits[asset]).isPositive();
            assertThat(total).as("asset %s: all balances vs deposits - withdrawals", config.asset(asset).symbol())
                .isEqualTo(deposits[asset] - withdrawals[asset]).isEqualTo(inspector.outstanding(asset));
        }
    }

    private static Map<String, int[]> depth(final SignedHttp api, final ExchangeConfig config) throws Exception {
        final Map<String, int[]> out = new HashMap<>();
        for (final Market market : config.markets()) {
            final JsonNode book = api.get("/v1/orderbook/" + market.pair() + "?depth=100").data();
            out.put(market.pair(), new int[] {book.path("bids").size(), book.path("asks").size()});
        }
        return out;
    }

    private static boolean deep(final Map<String, int[]> depth) {
        return depth.values().stream().allMatch(sides -> sides[0] >= MIN_LEVELS && sides[1] >= MIN_LEVELS);
    }

    private static String describe(final Map<String, int[]> depth) {
        final StringBuilder out = new StringBuilder();
        depth.forEach((pair, sides) -> out.append(pair).append('=').append(sides[0]).append('/').append(sides[1]).append(' '));
        return out.toString().trim();
    }

    /** The 24 h trade count of each market (from the ticker). */
    private static Map<String, Long> tradeCounts(final SignedHttp api, final ExchangeConfig config) throws Exception {
        final Map<String, Long> out = new HashMap<>();
        for (final Market market : config.markets()) {
            out.put(market.pair(), api.get("/v1/ticker/" + market.pair()).data().path("trade_count_24h").asLong());
        }
        return out;
    }

    /** The trades counted by each market's one-minute candles. */
    private static Map<String, Long> candleTrades(final SignedHttp api, final ExchangeConfig config) throws Exception {
        final Map<String, Long> out = new HashMap<>();
        for (final Market market : config.markets()) {
            long count = 0;
            for (final JsonNode candle : api.get("/v1/candles/" + market.pair() + "?interval=1m&limit=10").data()) {
                count += candle.path("trade_count").asLong();
            }
            out.put(market.pair(), count);
        }
        return out;
    }

    private static boolean advanced(final Map<String, Long> before, final Map<String, Long> after) {
        return before.keySet().stream().allMatch(pair -> after.get(pair) > before.get(pair));
    }
}
