package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.config.Market;
import io.tidemark.sandbox.SandboxConfig.SimMarket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Simulated traders that use the production order entry path: signed HTTP requests to the running
 * server over loopback, each with its own market_maker-tier key — no back door into the pipeline.
 *
 * <ul>
 * <li>Each market has a reference price moving as a geometric random walk with the configured
 *     annualised volatility (started from the last trade price when the market has traded before).</li>
 * <li>Market makers quote a two-sided ladder per market ({@code levels_per_side} GTC limit orders a
 *     side, spaced at least one tick apart, sizes growing with depth) and keep it near the reference by
 *     amending one level pair at a time, top levels most often; an order that filled or vanished is
 *     replaced. A re-quote that crosses a stale quote trades, as arbitrage would; self-trades cancel
 *     the stale own order ({@code cancel_maker}).</li>
 * <li>Takers send market and IOC orders, buy or sell at random, with Pareto-distributed sizes.</li>
 * </ul>
 * Arrivals are Poisson at the configured rates; every decision draws from one {@link SplittableRandom}
 * seeded by the config. One thread: not thread safe apart from {@link #close()}.
 */
public final class Simulation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;
    private static final double TAKER_SLIPPAGE = 0.003;
    private static final long MAX_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final SandboxConfig.Simulation config;
    private final SplittableRandom random;
    private final List<Quoter> makers = new ArrayList<>();
    private final List<SignedHttp> takers = new ArrayList<>();
    private final SignedHttp publicApi;
    private final double[] reference;
    private final Thread thread;
    private volatile boolean running = true;
    private long requests;
    private long failures;
    private int makerTurn;
    private int takerTurn;

    /** One maker's ladder on one market: per level and side, the resting order's id and the price and size last asked for. */
    private static final class Ladder {
        final String[][] ids;
        final long[][] prices;
        final long[][] sizes;

        Ladder(final int levels) {
            ids = new String[2][levels];
            prices = new long[2][levels];
            sizes = new long[2][levels];
        }
    }

    private static final int BID = 0;
    private static final int ASK = 1;

    /** One market maker: its client and a ladder per market. */
    private static final class Quoter {
        final SignedHttp client;
        final int index;
        final Ladder[] ladders;

        Quoter(final SignedHttp client, final int index, final int markets, final int levels) {
            this.client = client;
            this.index = index;
            this.ladders = new Ladder[markets];
            for (int m = 0; m < markets; m++) {
                ladders[m] = new Ladder(levels);
            }
        }
    }

    Simulation(final SandboxConfig.Simulation config, final String baseUrl, final List<Sandbox.SimAccount> accounts) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.publicApi = SignedHttp.anonymous(baseUrl);
        this.reference = new double[config.markets().size()];
        for (final Sandbox.SimAccount account : accounts) {
            final SignedHttp client = new SignedHttp(baseUrl, account.key(), account.secret());
            if (account.role().startsWith("maker-")) {
                makers.add(new Quoter(client, makers.size(), config.markets().size(), config.levelsPerSide()));
            } else {
                takers.add(client);
            }
        }
        this.thread = new Thread(this::run, "tidemark-simulation");
        this.thread.setDaemon(true);
    }

    /** Makes or reuses the simulated traders' accounts in {@code sandbox} and starts them trading. */
    public static Simulation start(final SandboxConfig.Simulation config, final Sandbox sandbox) {
        final Simulation simulation = new Simulation(config, sandbox.server().baseUrl(),
            sandbox.simAccounts(config.makers(), config.takers()));
        simulation.thread.start();
        return simulation;
    }

    private void run() {
        try {
            startingPrices();
            for (final Quoter maker : makers) {
                maker.client.post("/v1/orders/cancel-all", "{}");
            }
            for (int m = 0; m < config.markets().size(); m++) {
                for (final Quoter maker : makers) {
                    for (int level = 0; level < config.levelsPerSide() && running; level++) {
                        requote(maker, m, level);
                    }
                }
            }
            LOG.info("event=simulation_started makers={} takers={} markets={} levels_per_side={} seed={}",
                makers.size(), takers.size(), config.markets().size(), config.levelsPerSide(), config.seed());
            loop();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final IOException | RuntimeException e) {
            if (running) {
                LOG.error("event=simulation_failed error={}", e.toString(), e);
            }
        }
        LOG.info("event=simulation_stopped requests={} failures={}", requests, failures);
    }

    private void loop() throws IOException, InterruptedException {
        final double requoteRate = config.quoteRefreshPerSecond() / 2;  // one step amends a bid and an ask
        final double takerRate = config.takerOrdersPerSecond();
        long last = System.nanoTime();
        long nextRequote = last + interval(requoteRate);
        long nextTake = last + interval(takerRate);
        while (running) {
            final long now = System.nanoTime();
            walk((now - last) / 1e9);
            last = now;
            if (now >= nextRequote) {
                if (!makers.isEmpty()) {
                    final Quoter maker = makers.get(makerTurn++ % makers.size());
                    final int market = random.nextInt(config.markets().size());
                    // top levels most often: level = floor(levels * u²)
                    final double u = random.nextDouble();
                    requote(maker, market, (int) (config.levelsPerSide() * u * u));
                }
                nextRequote = Math.max(nextRequote + interval(requoteRate), now);
            }
            if (now >= nextTake) {
                if (!takers.isEmpty()) {
                    take(takers.get(takerTurn++ % takers.size()), random.nextInt(config.markets().size()));
                }
                nextTake = Math.max(nextTake + interval(takerRate), now);
            }
            final long sleep = Math.min(Math.min(nextRequote, nextTake) - System.nanoTime(), MAX_IDLE_NANOS);
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            }
        }
    }

    /** A Poisson process's next gap at {@code perSecond}; effectively never when the rate is zero. */
    private long interval(final double perSecond) {
        if (perSecond <= 0) {
            return Long.MAX_VALUE / 4;
        }
        return (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1e9);
    }

    /** Moves every reference price by a log-normal step for {@code seconds} of wall time. */
    private void walk(final double seconds) {
        if (seconds <= 0) {
            return;
        }
        for (int m = 0; m < reference.length; m++) {
            final double sigma = config.markets().get(m).volatility() * Math.sqrt(seconds / SECONDS_PER_YEAR);
            reference[m] *= Math.exp(sigma * gaussian() - sigma * sigma / 2);
        }
    }

    private double gaussian() {
        // Box-Muller from the seeded generator (SplittableRandom has no nextGaussian on 17)
        final double u1 = 1 - random.nextDouble();
        final double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Each walk starts from the market's last trade when it has one, else from the configured reference. */
    private void startingPrices() throws IOException, InterruptedException {
        for (int m = 0; m < reference.length; m++) {
            final SimMarket sim = config.markets().get(m);
            reference[m] = sim.referencePrice().doubleValue();
            final SignedHttp.Reply ticker = publicApi.get("/v1/ticker/" + sim.market().pair());
            final JsonNode last = ticker.data().path("last_price");
            if (ticker.ok() && last.isTextual()) {
                reference[m] = Double.parseDouble(last.textValue());
            }
        }
    }

    // ------------------------------------------------------------------------------------------- makers

    /** Moves one level of a maker's ladder (bid and ask) to where it belongs now, placing it if it is gone. */
    private void requote(final Quoter maker, final int m, final int level) throws IOException, InterruptedException {
        final SimMarket sim = config.markets().get(m);
        final Market market = sim.market();
        final double tick = Double.parseDouble(market.formatPrice(1));
        final double ref = reference[m];
        final long spacing = Math.max(1, Math.round(ref * sim.levelSpacingBps() / 1e4 / tick));
        final long offset = makers.isEmpty() ? 0 : maker.index * spacing / makers.size();
        final long bestBid = Math.max(1, (long) Math.floor(ref * (1 - sim.halfSpreadBps() / 1e4) / tick) - offset);
        final long bestAsk = Math.max(bestBid + 1, (long) Math.ceil(ref * (1 + sim.halfSpreadBps() / 1e4) / tick) + offset);
        final long bid = bestBid - level * spacing;
        final long ask = bestAsk + level * spacing;
        final Ladder ladder = maker.ladders[m];
        if (bid >= 1) {
            quote(maker.client, market, ladder, BID, level, bid, levelSize(sim, level, bid));
        }
        if (ask <= market.maxPriceTicks()) {
            quote(maker.client, market, ladder, ASK, level, ask, levelSize(sim, level, ask));
        }
    }

    /** Sizes grow with depth and vary ±50 %; never below the market's minimum size or notional. */
    private long levelSize(final SimMarket sim, final int level, final long price) {
        final Market market = sim.market();
        long lots = Math.round(sim.quoteSizeLots() * (1 + 0.12 * level) * (0.5 + random.nextDouble()));
        lots = Math.max(lots, market.minSizeLots());
        final long perLot = market.notional(price, 1);
        if (perLot > 0 && perLot * lots < market.minNotional()) {
            lots = (market.minNotional() + perLot - 1) / perLot;
        }
        return lots;
    }

    /**
     * Amends the level's live order to (price, size) — nothing to do if that is what it already asks —
     * or places a new one; remembers the live order's id (null when there is none).
     */
    private void quote(final SignedHttp client, final Market market, final Ladder ladder, final int side, final int level,
                       final long price, final long size) throws IOException, InterruptedException {
        final String id = ladder.ids[side][level];
        if (id != null && ladder.prices[side][level] == price && ladder.sizes[side][level] == size) {
            return;  // the engine refuses an amend that changes nothing
        }
        final String priceText = market.formatPrice(price);
        final String sizeText = market.formatSize(size);
        ladder.prices[side][level] = price;
        ladder.sizes[side][level] = size;
        if (id != null) {
            final SignedHttp.Reply amended = call(client, "/v1/orders/" + id + "/amend",
                "{\"price\":\"" + priceText + "\",\"size\":\"" + sizeText + "\"}");
            if (amended.ok() && isLive(amended.data())) {
                return;
            }
            if (amended.status() != 404 && !amended.ok()) {
                // refused (e.g. the new size is not above what already filled) but perhaps still resting:
                // pull it (cancels are idempotent) before quoting anew
                call(client, "/v1/orders/" + id + "/cancel", "");
            }
        }
        final SignedHttp.Reply placed = call(client, "/v1/orders", "{\"pair\":\"" + market.pair() + "\",\"side\":\""
            + (side == BID ? "buy" : "sell") + "\",\"type\":\"limit\",\"price\":\"" + priceText + "\",\"size\":\""
            + sizeText + "\",\"time_in_force\":\"gtc\",\"stp\":\"cancel_maker\"}");
        ladder.ids[side][level] = placed.ok() && isLive(placed.data()) ? placed.data().path("id").asText() : null;
    }

    private static boolean isLive(final JsonNode order) {
        final String status = order.path("status").asText();
        return status.equals("open") || status.equals("partially_filled");
    }

    // ------------------------------------------------------------------------------------------- takers

    /** A market or IOC order of Pareto-distributed size, buy or sell with equal odds. */
    private void take(final SignedHttp client, final int m) throws IOException, InterruptedException {
        final SimMarket sim = config.markets().get(m);
        final Market market = sim.market();
        final boolean buy = random.nextBoolean();
        final double pareto = sim.takerMinLots() * Math.pow(1 - random.nextDouble(), -1 / sim.takerSizeAlpha());
        final long lots = Math.max(market.minSizeLots(), Math.min(sim.takerMaxLots(), Math.round(pareto)));
        final String size = market.formatSize(lots);
        final String side = buy ? "buy" : "sell";
        if (random.nextBoolean()) {
            call(client, "/v1/orders", "{\"pair\":\"" + market.pair() + "\",\"side\":\"" + side
                + "\",\"type\":\"market\",\"size\":\"" + size + "\"}");
        } else {
            final double tick = Double.parseDouble(market.formatPrice(1));
            final double limit = reference[m] * (buy ? 1 + TAKER_SLIPPAGE : 1 - TAKER_SLIPPAGE);
            final long price = Math.max(1, buy ? (long) Math.ceil(limit / tick) : (long) Math.floor(limit / tick));
            call(client, "/v1/orders", "{\"pair\":\"" + market.pair() + "\",\"side\":\"" + side
                + "\",\"type\":\"limit\",\"time_in_force\":\"ioc\",\"price\":\"" + market.formatPrice(price)
                + "\",\"size\":\"" + size + "\"}");
        }
    }

    private SignedHttp.Reply call(final SignedHttp client, final String path, final String body)
        throws IOException, InterruptedException {
        requests++;
        final SignedHttp.Reply reply = client.post(path, body);
        if (!reply.ok()) {
            failures++;
            final String code = reply.errorCode();
            // funds running out, a vanished order, or an amend below what already filled (it is then cancelled
            // and placed anew) are part of trading; anything else is worth a line
            final boolean expected = "insufficient_funds".equals(code) || "order_not_found".equals(code)
                || path.endsWith("/amend") && "invalid_size".equals(code);
            if (!expected && failures <= 20) {
                LOG.warn("event=simulation_request_refused path={} status={} code={}", path, reply.status(), code);
            }
            if (reply.status() == 429 || reply.status() == 503) {
                Thread.sleep(200);
            }
        }
        return reply;
    }

    /** Stops the traders (their resting orders stay; the next start cancels and re-quotes them). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
