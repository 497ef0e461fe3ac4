package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.sandbox.SandboxConfig.SimMarket;
import io.tidemark.sandbox.sim.MarketModel;
import io.tidemark.sandbox.sim.RestVenue;
import io.tidemark.sandbox.sim.Venue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class Simulation implements AutoCloseable {
    /** The model's time step: fine enough that bursts look like bursts at one-second resolution. */
    public static final double STEP_SECONDS = 0.05;
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    private static final long STEP_NANOS = (long) (STEP_SECONDS * 1e9);

    private final SandboxConfig.Simulation config;
    private final String baseUrl;
    private final List<RestVenue> makers = new ArrayList<>();
    private final List<RestVenue> takers = new ArrayList<>();
    private final List<MarketModel> markets = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Simulation(final SandboxConfig.Simulation config, final String baseUrl, final List<Sandbox.SimAccount> accounts) {
        this.config = config;
        this.baseUrl = baseUrl;
        for (final Sandbox.SimAccount account : accounts) {
            final RestVenue venue = new RestVenue(new SignedHttp(baseUrl, account.key(), account.secret()));
            (account.role().startsWith("maker-") ? makers : takers).add(venue);
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
            for (final RestVenue maker : makers) {
                maker.cancelAll();
            }
            for (final SimMarket market : config.markets()) {
                markets.add(model(market));
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
        while (running && !Thread.currentThread().isInterrupted()) {
            final long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            for (final MarketModel market : markets) {
                market.step(STEP_SECONDS);
            }
            next += STEP_NANOS;
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
