package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.Market;
import io.tidemark.sandbox.SandboxConfig.SimMarket;
import io.tidemark.sandbox.sim.MarketModel;
import io.tidemark.sandbox.sim.RestVenue;
import io.tidemark.sandbox.sim.Venue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulated market of a running sandbox: one {@link MarketModel} per configured market, its
 * makers and takers trading through {@link RestVenue}s — signed HTTP requests to the server over
 * loopback, each account with its own market_maker-tier key, exactly as a bot would.
 *
 * <p>The models advance on a fixed grid of {@link #STEP_SECONDS} of simulated time, each step run when
 * the wall clock reaches it (a late step runs at once, so the simulated time never drifts from the
 * wall clock); what they decide depends on the seed and the exchange's replies, never on the timing
 * of the steps. One thread ({@code tidemark-simulation}): not thread safe apart from {@link #close()}.
 *
 * <p>A market an operator lists at run time joins within {@link #LISTING_POLL_NANOS} once it has a price
 * (a trade, or a bid and an ask): it is simulated like the first configured market with the same quote
 * asset, sizes scaled to the same value, and the simulated traders are funded in its new base asset.
 */
public final class Simulation implements AutoCloseable {
    /** The model's time step: fine enough that bursts look like bursts at one-second resolution. */
    public static final double STEP_SECONDS = 0.05;
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    private static final long STEP_NANOS = (long) (STEP_SECONDS * 1e9);
    static final long LISTING_POLL_NANOS = 5_000_000_000L;

    private final SandboxConfig.Simulation config;
    private final String baseUrl;
    private final List<RestVenue> makers = new ArrayList<>();
    private final List<RestVenue> takers = new ArrayList<>();
    private final List<MarketModel> markets = new ArrayList<>();
    private final Set<String> simulated = new HashSet<>();
    private final Set<String> skipped = new HashSet<>();
    private final Sandbox sandbox;
    private final List<Sandbox.SimAccount> accounts;
    private final Thread thread;
    private volatile boolean running = true;

    Simulation(final SandboxConfig.Simulation config, final Sandbox sandbox, final List<Sandbox.SimAccount> accounts) {
        this.config = config;
        this.sandbox = sandbox;
        this.accounts = accounts;
        this.baseUrl = sandbox.server().baseUrl();
        for (final Sandbox.SimAccount account : accounts) {
            final RestVenue venue = new RestVenue(new SignedHttp(baseUrl, account.key(), account.secret()));
            (account.role().startsWith("maker-") ? makers : takers).add(venue);
        }
        this.thread = new Thread(this::run, "tidemark-simulation");
        this.thread.setDaemon(true);
    }

    /** Makes or reuses the simulated traders' accounts in {@code sandbox} and starts them trading. */
    public static Simulation start(final SandboxConfig.Simulation config, final Sandbox sandbox) {
        final Simulation simulation = new Simulation(config, sandbox, sandbox.simAccounts(config.makers(), config.takers()));
        simulation.thread.start();
        return simulation;
    }

    private void run() {
        try {
            for (final RestVenue maker : makers) {
                maker.cancelAll();
            }
            for (final SimMarket market : config.markets()) {
                markets.add(model(market));
                simulated.add(market.market().pair());
            }
            for (final MarketModel market : markets) {
                market.open();
            }
            LOG.info("event=simulation_started makers={} takers={} markets={} levels_per_side={} seed={}",
                makers.size(), takers.size(), markets.size(), config.levelsPerSide(), config.seed());
            loop();
        } catch (final CancellationException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            if (running) {
                LOG.error("event=simulation_failed error={}", e.toString(), e);
            }
        }
        long requests = 0;
        long failures = 0;
        for (final RestVenue venue : venues()) {
            requests += venue.requests();
            failures += venue.failures();
        }
        LOG.info("event=simulation_stopped requests={} failures={}", requests, failures);
    }

    /** A market's participants, from its description; the price continues from the last trade if it has one. */
    private MarketModel model(final SimMarket market) {
        double start = market.referencePrice().doubleValue();
        try {
            final SignedHttp.Reply ticker = SignedHttp.anonymous(baseUrl).get("/v1/ticker/" + market.market().pair());
            final JsonNode last = ticker.data().path("last_price");
            if (ticker.ok() && last.isTextual()) {
                start = Double.parseDouble(last.textValue());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        return new MarketModel(market, config.dynamics(), config.levelsPerSide(), config.seed(), start,
            List.<Venue>copyOf(makers), List.<Venue>copyOf(takers));
    }

    private void loop() {
        long next = System.nanoTime() + STEP_NANOS;
        long nextListingPoll = System.nanoTime();
        while (running && !Thread.currentThread().isInterrupted()) {
            final long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            if (next - nextListingPoll >= 0) {
                nextListingPoll = next + LISTING_POLL_NANOS;
                try {
                    adoptListedMarkets();
                } catch (final CancellationException e) {
                    throw e;
                } catch (final RuntimeException e) {
                    LOG.warn("event=simulation_listing_check_failed error={} (tried again at the next poll)", e.toString());
                }
            }
            for (final MarketModel market : markets) {
                market.step(STEP_SECONDS);
            }
            next += STEP_NANOS;
        }
    }

    /** Markets listed since the start that have a price: modelled, their base asset funded, opened. */
    private void adoptListedMarkets() {
        final SignedHttp anonymous = SignedHttp.anonymous(baseUrl);
        final JsonNode list = get(anonymous, "/v1/markets").data();
        for (final JsonNode entry : list) {
            final String pair = entry.path("pair").asText();
            if (simulated.contains(pair) || !"trading".equals(entry.path("status").asText())) {
                continue;
            }
            final Market market = sandbox.server().config().marketByPair(pair);
            final SimMarket template = market == null ? null : config.markets().stream()
                .filter(m -> m.market().quote().id() == market.quote().id()).findFirst().orElse(null);
            if (template == null) {
                if (skipped.add(pair)) {
                    LOG.info("event=simulation_skips_market pair={} reason=no_configured_market_with_its_quote_asset", pair);
                }
                continue;
            }
            final BigDecimal price = price(anonymous, pair);
            if (price == null) {
                if (skipped.add(pair)) {
                    LOG.info("event=simulation_waits_for_price pair={} (a trade, or a bid and an ask)", pair);
                }
                continue;
            }
            fundBase(template, market, price);
            final MarketModel model = model(template.like(market, price));
            model.open();
            markets.add(model);
            simulated.add(pair);
            LOG.info("event=simulation_adds_market pair={} reference_price={} like={}", pair, price.toPlainString(),
                template.market().pair());
        }
    }

    /** The last trade's price, else the mid of the best bid and ask, else null. */
    private static BigDecimal price(final SignedHttp anonymous, final String pair) {
        final JsonNode last = get(anonymous, "/v1/ticker/" + pair).data().path("last_price");
        if (last.isTextual()) {
            return new BigDecimal(last.textValue());
        }
        final JsonNode book = get(anonymous, "/v1/orderbook/" + pair + "?depth=1").data();
        if (book.path("bids").size() == 0 || book.path("asks").size() == 0) {
            return null;
        }
        return new BigDecimal(book.path("bids").get(0).get(0).asText()).add(new BigDecimal(book.path("asks").get(0).get(0).asText()))
            .divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
    }

    /** The traders hold as much of the new base asset as they hold of the template's, by value. */
    private void fundBase(final SimMarket template, final Market market, final BigDecimal price) {
        final Asset base = market.base();
        if (base.id() < config.accountFunding().length) {
            return; // a configured asset: account_funding covers it
        }
        final Asset templateBase = template.market().base();
        final BigDecimal templateAmount = BigDecimal.valueOf(config.accountFunding()[templateBase.id()], templateBase.scale());
        final BigDecimal amount = templateAmount.multiply(template.referencePrice()).divide(price, base.scale(),
            java.math.RoundingMode.DOWN);
        sandbox.fundSimAccounts(accounts, base.id(), amount.movePointRight(base.scale()).longValueExact());
    }

    private static SignedHttp.Reply get(final SignedHttp http, final String path) {
        try {
            return http.get(path);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private List<RestVenue> venues() {
        final List<RestVenue> venues = new ArrayList<>(makers);
        venues.addAll(takers);
        return venues;
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
