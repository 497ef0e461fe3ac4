package io.tidemark.sandbox.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;
import io.tidemark.sandbox.SignedHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * A simulated trader's orders as signed REST calls over loopback with its own key — the production
 * order entry path, no back door. Holdings are read from {@code GET /v1/account/balances} at most every
 * {@link #HOLDINGS_MAX_AGE_NANOS}. One thread.
 */
public final class RestVenue implements Venue {
    private static final Logger LOG = LoggerFactory.getLogger(RestVenue.class);
    private static final long HOLDINGS_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int LOGGED_REFUSALS = 20;

    private final SignedHttp client;
    private JsonNode balances;
    private long balancesAt;
    private long requests;
    private long failures;

    public RestVenue(final SignedHttp client) {
        this.client = client;
    }

    @Override
    public String rest(final Market market, final Side side, final long price, final long size) {
        final SignedHttp.Reply placed = call("/v1/orders", "{\"pair\":\"" + market.pair() + "\",\"side\":\"" + side.wireName()
            + "\",\"type\":\"limit\",\"price\":\"" + market.formatPrice(price) + "\",\"size\":\"" + market.formatSize(size)
            + "\",\"time_in_force\":\"gtc\",\"stp\":\"cancel_maker\"}");
        return placed.ok() && isLive(placed.data()) ? placed.data().path("id").asText() : null;
    }

    @Override
    public boolean amend(final Market market, final String orderId, final long price, final long size) {
        final SignedHttp.Reply amended = call("/v1/orders/" + orderId + "/amend",
            "{\"price\":\"" + market.formatPrice(price) + "\",\"size\":\"" + market.formatSize(size) + "\"}");
        if (amended.ok()) {
            return isLive(amended.data());
        }
        if (amended.status() != 404) {
            // refused (e.g. the new size is not above what already filled) but perhaps still resting: pull it
            // (cancels are idempotent) so that the level is quoted anew
            call("/v1/orders/" + orderId + "/cancel", "");
        }
        return false;
    }

    @Override
    public long take(final Market market, final Side side, final long limitPrice, final long size) {
        final SignedHttp.Reply reply = call("/v1/orders", "{\"pair\":\"" + market.pair() + "\",\"side\":\"" + side.wireName()
            + "\",\"type\":\"limit\",\"time_in_force\":\"ioc\",\"price\":\"" + market.formatPrice(limitPrice)
            + "\",\"size\":\"" + market.formatSize(size) + "\"}");
        if (!reply.ok()) {
            return 0;
        }
        final long filled = market.parseSize(reply.data().path("filled_size").asText("0"));
        return Math.max(0, filled);
    }

    @Override
    public void cancelAll() {
        call("/v1/orders/cancel-all", "{}");
    }

    @Override
    public long baseHoldings(final Market market) {
        final long now = System.nanoTime();
        if (balances == null || now - balancesAt > HOLDINGS_MAX_AGE_NANOS) {
            final SignedHttp.Reply reply = send("GET", "/v1/account/balances", "");
            if (reply.ok()) {
                balances = reply.data();
            }
            balancesAt = now;
        }
        if (balances != null) {
            for (final JsonNode asset : balances) {
                if (asset.path("asset").asText().equals(market.base().symbol())) {
                    final JsonNode spot = asset.path("spot");
                    return market.base().parseAmount(spot.path("available").asText("0"))
                        + market.base().parseAmount(spot.path("hold").asText("0"));
                }
            }
        }
        return 0;
    }

    public long requests() {
        return requests;
    }

    public long failures() {
        return failures;
    }

    private static boolean isLive(final JsonNode order) {
        final String status = order.path("status").asText();
        return status.equals("open") || status.equals("partially_filled");
    }

    private SignedHttp.Reply call(final String path, final String body) {
        return send("POST", path, body);
    }

    private SignedHttp.Reply send(final String method, final String path, final String body) {
        requests++;
        final SignedHttp.Reply reply;
        try {
            reply = client.send(method, path, body);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        if (!reply.ok()) {
            failures++;
            final String code = reply.errorCode();
            // funds running out, a vanished order, or an amend below what already filled (it is then cancelled
            // and placed anew) are part of trading; anything else is worth a line
            final boolean expected = "insufficient_funds".equals(code) || "order_not_found".equals(code)
                || path.endsWith("/amend") && "invalid_size".equals(code);
            if (!expected && failures <= LOGGED_REFUSALS) {
                LOG.warn("event=simulation_request_refused path={} status={} code={}", path, reply.status(), code);
            }
            if (reply.status() == 429 || reply.status() == 503) {
                try {
                    Thread.sleep(200);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        }
        return reply;
    }
}
