package io.tidemark.benchmarks.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.app.SandboxCommand;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.json.Json;
import io.tidemark.sandbox.SandboxConfig;
import io.tidemark.sandbox.stats.BookSample;
import io.tidemark.sandbox.stats.MarketFigures;
import io.tidemark.sandbox.stats.MarketStatistics;
import io.tidemark.sandbox.stats.TradePrint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sandbox-stats [--minutes 5] [--warm-up-seconds 10] [--data-dir DIR]}: starts a real sandbox
 * with the default config (simulation on, a fresh data directory, a free port), waits until every
 * simulated book has 10 levels a side plus the warm-up, then for N minutes samples each book once a
 * second (signed {@code GET /v1/orderbook}, top 10 levels) and collects every public trade
 * ({@code GET /v1/trades}, polled every 10 s) — the public API only, as a user would see the market —
 * and prints per market the figures of issue 24 ({@link MarketStatistics}, the code the model's own
 * test uses) and the simulation's CPU.
 *
 * <p>The simulation's CPU is the thread CPU time of its threads: {@code tidemark-simulation} (the model
 * and request building, signing, reply parsing) and the JDK HTTP client's threads ({@code HttpClient-*}),
 * which only the simulated traders use in this process — this harness reads over
 * {@link HttpURLConnection}, on its own thread. The server's work answering them is not counted; the
 * whole process's CPU is printed beside it.
 */
public final class SandboxStatsBenchmark {
    private static final int DEPTH = MarketStatistics.DEPTH_LEVELS;
    private static final long TRADE_POLL_MILLIS = 10_000;
    private static final long READY_TIMEOUT_MILLIS = 120_000;
    private static final String GOAL_PAIR = "BTC-USD";

    private final String baseUrl;
    private final String key;
    private final String secret;
    private long nonce;

    /** What the run measured: the figures per market and CPU as a share of one core. */
    public record Result(List<MarketFigures> markets, double simulationCpuShare, double processCpuShare, String summary) {
    }

    private SandboxStatsBenchmark(final String baseUrl, final String key, final String secret) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.secret = secret;
    }

    public static void main(final String[] args) throws Exception {
        double minutes = 5;
        double warmUp = 10;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--warm-up-seconds" -> warmUp = Double.parseDouble(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                    + "; usage: sandbox-stats [--minutes 5] [--warm-up-seconds 10] [--data-dir DIR]");
            }
        }
        final Path dir = dataDir != null ? dataDir : Files.createTempDirectory("sandbox-stats");
        final Result result = run(dir, minutes, warmUp, System.out);
        System.out.println();
        System.out.println("Summary:");
        System.out.println("  " + result.summary());
        System.exit(0);
    }

    /** Runs a fresh sandbox in {@code dataDir} (which must not hold one already) and measures it. */
    public static Result run(final Path dataDir, final double minutes, final double warmUpSeconds, final PrintStream out)
        throws Exception {
        out.printf(Locale.ROOT, "sandbox-stats: a sandbox with the default config in %s, %.1f min after %.0f s of warm-up%n",
            dataDir, minutes, warmUpSeconds);
        try (SandboxCommand.Launched sandbox = SandboxCommand.launch("--port", "0", "--data-dir", dataDir.toString())) {
            if (sandbox.simulation() == null) {
                throw new IllegalStateException("the default config has no simulation");
            }
            final List<String> pairs = new ArrayList<>();
            for (final SandboxConfig.SimMarket market : sandbox.config().simulation().markets()) {
                pairs.add(market.market().pair());
            }
            final SandboxStatsBenchmark reader = reader(sandbox.server().baseUrl());
            reader.awaitDepth(pairs);
            Thread.sleep(Math.round(warmUpSeconds * 1000));
            return reader.measure(pairs, minutes, out);
        }
    }

    /** A read-only market_maker-tier key, so that a book a second per market stays inside its rate budget. */
    private static SandboxStatsBenchmark reader(final String baseUrl) throws IOException {
        final JsonNode account = new SandboxStatsBenchmark(baseUrl, null, null)
            .request("POST", "/v1/sandbox/accounts", "{\"scopes\":[\"read\"],\"tier\":\"market_maker\"}").path("data");
        return new SandboxStatsBenchmark(baseUrl, account.path("key").asText(), account.path("secret").asText());
    }

    private void awaitDepth(final List<String> pairs) throws IOException, InterruptedException {
        final long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        for (final String pair : pairs) {
            while (true) {
                final BookSample book = book(pair);
                if (book.bidSizes()[DEPTH - 1] > 0 && book.askSizes()[DEPTH - 1] > 0) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(pair + " has fewer than " + DEPTH + " levels a side after "
                        + READY_TIMEOUT_MILLIS / 1000 + " s");
                }
                Thread.sleep(200);
            }
        }
    }

    private Result measure(final List<String> pairs, final double minutes, final PrintStream out)
        throws IOException, InterruptedException {
        final int seconds = Math.max(1, (int) Math.round(minutes * 60));
        final SimulationCpu simulationCpu = new SimulationCpu(
            name -> name.startsWith("tidemark-simulation") || name.startsWith("HttpClient-"));
        final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        final Map<String, List<BookSample>> books = new LinkedHashMap<>();
        final Map<String, Map<Long, TradePrint>> trades = new LinkedHashMap<>();
        pairs.forEach(pair -> {
            books.put(pair, new ArrayList<>());
            trades.put(pair, new HashMap<>());
        });
        simulationCpu.mark();
        final long processCpuStart = os.getProcessCpuTime();
        final long start = System.currentTimeMillis();
        final long startNanos = System.nanoTime();
        long nextTradePoll = start + TRADE_POLL_MILLIS;
        for (int second = 0; second < seconds; second++) {
            final long due = startNanos + TimeUnit.SECONDS.toNanos(second);
            final long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            for (final String pair : pairs) {
                books.get(pair).add(book(pair));
            }
            simulationCpu.read();
            if (System.currentTimeMillis() >= nextTradePoll) {
                for (final String pair : pairs) {
                    collectTrades(pair, trades.get(pair));
                }
                nextTradePoll += TRADE_POLL_MILLIS;
            }
        }
        final long end = start + seconds * 1000L;
        final long remaining = end - System.currentTimeMillis();
        if (remaining > 0) {
            Thread.sleep(remaining);
        }
        simulationCpu.read();
        final double wallNanos = System.nanoTime() - startNanos;
        final double processShare = (os.getProcessCpuTime() - processCpuStart) / wallNanos;
        final double simulationShare = simulationCpu.nanos() / wallNanos;
        final List<MarketFigures> figures = new ArrayList<>();
        for (final String pair : pairs) {
            collectTrades(pair, trades.get(pair));
            final List<TradePrint> window = new ArrayList<>();
            for (final TradePrint trade : trades.get(pair).values()) {
                if (trade.timeMillis() >= start && trade.timeMillis() < end) {
                    window.add(trade);
                }
            }
            final MarketFigures market = MarketStatistics.of(pair, books.get(pair), window);
            figures.add(market);
            out.println(market.describe());
            if (pair.equals(GOAL_PAIR)) {
                final String unmet = market.unmetGoals();
                out.println("  issue 24's goals: " + (unmet.isEmpty() ? "all met" : "NOT MET: " + unmet));
            }
        }
        out.printf(Locale.ROOT, "simulation CPU: %.1f %% of one core (threads tidemark-simulation* and HttpClient-*);"
            + " the whole process (server, simulation, this sampler): %.1f %%%n", simulationShare * 100, processShare * 100);
        return new Result(figures, simulationShare, processShare, summary(figures, simulationShare, seconds));
    }

    private static String summary(final List<MarketFigures> figures, final double cpuShare, final int seconds) {
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "sandbox-stats over %.1f min:", seconds / 60.0));
        for (final MarketFigures f : figures) {
            line.append(String.format(Locale.ROOT,
                " %s %.0f trades/min, kurtosis %.2f, |r| ac %.3f, ac1 %.3f, Hill %.2f, dispersion %.2f, spread %.2f bps,"
                    + " depth peak at level %d;", f.pair(), f.tradesPerMinute(), f.excessKurtosis(),
                f.absReturnAutocorrelation(), f.lag1Autocorrelation(), f.hillTailIndex(), f.dispersionIndex(),
                f.medianSpreadBps(), f.depthPeakLevel()));
        }
        return line.append(String.format(Locale.ROOT, " simulation CPU %.1f %% of one core", cpuShare * 100)).toString();
    }

    /** The top levels of a book, sizes in base units; zeros where a side has fewer levels. */
    private BookSample book(final String pair) throws IOException {
        final long now = System.currentTimeMillis();
        final JsonNode data = request("GET", "/v1/orderbook/" + pair + "?depth=" + DEPTH, "").path("data");
        final double[] bids = new double[DEPTH];
        final double[] asks = new double[DEPTH];
        final double bestBid = levels(data.path("bids"), bids);
        final double bestAsk = levels(data.path("asks"), asks);
        return new BookSample(now, bestBid, bestAsk, bids, asks);
    }

    private static double levels(final JsonNode side, final double[] sizes) {
        for (int i = 0; i < side.size() && i < sizes.length; i++) {
            sizes[i] = Double.parseDouble(side.get(i).get(1).asText());
        }
        return side.size() == 0 ? 0 : Double.parseDouble(side.get(0).get(0).asText());
    }

    /** Adds the trades not yet seen, newest first, paging back until a page holds one already seen. */
    private void collectTrades(final String pair, final Map<Long, TradePrint> seen) throws IOException {
        String cursor = null;
        while (true) {
            final JsonNode page = request("GET", "/v1/trades/" + pair + "?limit=1000"
                + (cursor == null ? "" : "&before=" + cursor), "");
            boolean overlap = false;
            for (final JsonNode trade : page.path("data")) {
                final long id = Long.parseLong(trade.path("trade_id").asText());
                final TradePrint print = new TradePrint(Instant.parse(trade.path("time").asText()).toEpochMilli(),
                    Double.parseDouble(trade.path("price").asText()), Double.parseDouble(trade.path("size").asText()));
                overlap |= seen.putIfAbsent(id, print) != null;
            }
            cursor = page.path("next_cursor").asText(null);
            if (overlap || cursor == null) {
                return;
            }
        }
    }

    /** One request over {@link HttpURLConnection} (no client threads), signed when this reader has a key. */
    private JsonNode request(final String method, final String pathWithQuery, final String body) throws IOException {
        final HttpURLConnection connection = (HttpURLConnection) new URL(baseUrl + pathWithQuery).openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(10_000);
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (key != null) {
            final String timestamp = Long.toString(System.currentTimeMillis());
            final String nonceText = "stats-" + timestamp + "-" + ++nonce;
            connection.setRequestProperty("X-Api-Key", key);
            connection.setRequestProperty("X-Api-Timestamp", timestamp);
            connection.setRequestProperty("X-Api-Nonce", nonceText);
            connection.setRequestProperty("X-Api-Signature", Signer.sign(secret, timestamp, nonceText, method, pathWithQuery, bytes));
        }
        if (bytes.length > 0) {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream stream = connection.getOutputStream()) {
                stream.write(bytes);
            }
        }
        final int status = connection.getResponseCode();
        try (InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            final byte[] reply = stream == null ? new byte[0] : stream.readAllBytes();
            if (status != 200) {
                throw new IOException(method + " " + pathWithQuery + " answered " + status + ": "
                    + new String(reply, StandardCharsets.UTF_8));
            }
            return Json.MAPPER.readTree(reply);
        }
    }
}
