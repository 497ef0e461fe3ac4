package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.api.AnalyticsJson;
import io.tidemark.gateway.api.MarketJson;
import io.tidemark.gateway.json.Json;
import io.tidemark.marketdata.BookDelta;
import io.tidemark.marketdata.Candle;
import io.tidemark.marketdata.Interval;
import io.tidemark.marketdata.MarketData;
import io.tidemark.marketdata.MarketDataListener;
import io.tidemark.marketdata.Ticker;
import io.tidemark.marketdata.Trade;
import io.tidemark.marketdata.analytics.LargeTrade;
import io.tidemark.marketdata.analytics.LargeTradeListener;
import io.tidemark.marketdata.analytics.MarketAnalytics;
import io.tidemark.marketdata.analytics.Overview;

import java.util.ArrayList;

/**
 * The public channels' fan-out. Told about each command's market-data changes on the view thread, it
 * encodes each message once per channel and hands every live subscriber a duplicate of the same bytes
 * through its {@link Outbox}, which never blocks. A subscriber joins on the view thread too (inside a
 * query through the ring), so an order-book snapshot taken at that moment and the deltas after it
 * join with no gap: the first delta it gets has {@code prev_seq} equal to the snapshot's {@code seq}.
 *
 * <p>Not thread safe: owned by the view thread.
 */
public final class PublicStreams implements MarketDataListener, LargeTradeListener {
    /** Levels per side in an order-book channel's snapshot (the REST default depth). */
    public static final int SNAPSHOT_DEPTH = 100;
    /** The least time between two pushes of one pair's overview. */
    public static final long OVERVIEW_INTERVAL_NANOS = 1_000_000_000L;

    /** The effective configuration and a subscriber list per market; both grow with listings. */
    private ExchangeConfig config;
    private PairSubscribers[] pairs;
    private final Overview overview = new Overview();
    private MarketAnalytics analytics;

    private static final class PairSubscribers {
        final ArrayList<Subscription> orderbook = new ArrayList<>();
        final ArrayList<Subscription> trades = new ArrayList<>();
        final ArrayList<Subscription> ticker = new ArrayList<>();
        final ArrayList<Subscription> overview = new ArrayList<>();
        final ArrayList<Subscription> largeTrades = new ArrayList<>();
        /** The overview changed since it was last pushed. */
        boolean overviewChanged;
        /** System.nanoTime of the last overview push. */
        long overviewPushedAt = System.nanoTime() - OVERVIEW_INTERVAL_NANOS;
        final ArrayList<Subscription>[] candles;

        @SuppressWarnings("unchecked")
        PairSubscribers() {
            candles = new ArrayList[Interval.values().length];
            for (int i = 0; i < candles.length; i++) {
                candles[i] = new ArrayList<>();
            }
        }

        ArrayList<Subscription> of(final StreamChannel channel) {
            return switch (channel.kind()) {
                case ORDERBOOK -> orderbook;
                case TRADES -> trades;
                case TICKER -> ticker;
                case CANDLES -> candles[channel.interval().code()];
                case OVERVIEW -> overview;
                case LARGE_TRADES -> largeTrades;
                default -> throw new IllegalArgumentException(channel.name() + " is not public");
            };
        }
    }

    public PublicStreams(final ExchangeConfig config) {
        this.config = config;
        this.pairs = new PairSubscribers[config.markets().size()];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new PairSubscribers();
        }
    }

    /** The analytics the overview channel reads (set once the node has made them, before any subscription). */
    public void analytics(final MarketAnalytics value) {
        analytics = value;
    }

    @Override
    public void onListed(final ExchangeConfig effective) {
        final int known = pairs.length;
        if (effective.markets().size() > known) {
            pairs = java.util.Arrays.copyOf(pairs, effective.markets().size());
            for (int i = known; i < pairs.length; i++) {
                pairs[i] = new PairSubscribers();
            }
        }
        config = effective;
    }

    /**
     * Adds a subscriber (view thread): an order book first gets its snapshot at the current
     * {@code seq}, a ticker the current ticker; then the changes that follow.
     */
    void subscribe(final Subscription subscription, final MarketData marketData) {
        final StreamChannel channel = subscription.channel;
        final int marketId = channel.marketId();
        if (channel.kind() == StreamChannel.Kind.ORDERBOOK) {
            subscription.outbox.send(Json.bytes(snapshot(channel, marketData)));
        } else if (channel.kind() == StreamChannel.Kind.TICKER) {
            subscription.outbox.send(Json.bytes(envelope(channel.name(), "ticker",
                MarketJson.ticker(config, marketData.ticker(marketId)))));
        } else if (channel.kind() == StreamChannel.Kind.OVERVIEW) {
            subscription.outbox.send(Json.bytes(envelope(channel.name(), "overview", overviewJson(marketId, marketData))));
        }
        pairs[marketId].of(channel).add(subscription);
    }

    private ObjectNode snapshot(final StreamChannel channel, final MarketData marketData) {
        final Market market = config.market(channel.marketId());
        final ObjectNode node = Json.object();
        node.put("channel", channel.name());
        node.put("type", "snapshot");
        node.put("seq", marketData.bookSeq(market.id()));
        final ArrayNode bids = node.putArray("bids");
        marketData.levels(market.id(), Side.BUY, SNAPSHOT_DEPTH, (price, size, count) -> MarketJson.level(bids, market, price, size));
        final ArrayNode asks = node.putArray("asks");
        marketData.levels(market.id(), Side.SELL, SNAPSHOT_DEPTH, (price, size, count) -> MarketJson.level(asks, market, price, size));
        node.put("checksum", marketData.checksum(market.id()));
        return node;
    }

    @Override
    public void onTrade(final Trade trade) {
        pairs[trade.marketId()].overviewChanged = true;
        final ArrayList<Subscription> subscribers = pairs[trade.marketId()].trades;
        if (prune(subscribers)) {
            final long seen = System.nanoTime();
            final StreamChannel channel = subscribers.get(0).channel;
            publish(subscribers, envelope(channel.name(), "trade", MarketJson.trade(config, trade)), seen);
        }
    }

    @Override
    public void onBookDelta(final BookDelta delta) {
        pairs[delta.marketId()].overviewChanged = true;
        final ArrayList<Subscription> subscribers = pairs[delta.marketId()].orderbook;
        if (!prune(subscribers)) {
            return;
        }
        final long seen = System.nanoTime();
        final Market market = config.market(delta.marketId());
        final ObjectNode node = Json.object();
        node.put("channel", subscribers.get(0).channel.name());
        node.put("type", "delta");
        node.put("prev_seq", delta.prevSeq());
        node.put("seq", delta.seq());
        final ArrayNode bids = node.putArray("bids");
        for (int i = 0; i < delta.levelCount(Side.BUY); i++) {
            MarketJson.level(bids, market, delta.price(Side.BUY, i), delta.size(Side.BUY, i));
        }
        final ArrayNode asks = node.putArray("asks");
        for (int i = 0; i < delta.levelCount(Side.SELL); i++) {
            MarketJson.level(asks, market, delta.price(Side.SELL, i), delta.size(Side.SELL, i));
        }
        node.put("checksum", delta.checksum());
        publish(subscribers, node, seen);
    }

    @Override
    public void onTicker(final Ticker ticker) {
        final ArrayList<Subscription> subscribers = pairs[ticker.marketId()].ticker;
        if (prune(subscribers)) {
            final long seen = System.nanoTime();
            publish(subscribers, envelope(subscribers.get(0).channel.name(), "ticker", MarketJson.ticker(config, ticker)), seen);
        }
    }

    @Override
    public void onCandle(final Candle candle) {
        final ArrayList<Subscription> subscribers = pairs[candle.marketId()].candles[candle.interval().code()];
        if (prune(subscribers)) {
            final long seen = System.nanoTime();
            publish(subscribers, envelope(subscribers.get(0).channel.name(), "candle", MarketJson.candle(config, candle)), seen);
        }
    }

    @Override
    public void onLargeTrade(final LargeTrade trade) {
        final ArrayList<Subscription> subscribers = pairs[trade.marketId()].largeTrades;
        if (prune(subscribers)) {
            final long seen = System.nanoTime();
            publish(subscribers, envelope(subscribers.get(0).channel.name(), "large_trade",
                AnalyticsJson.largeTrade(config, trade)), seen);
        }
    }

    /**
     * Pushes the overview of every pair that changed since its last push to its subscribers (view thread),
     * unless it was pushed less than {@link #OVERVIEW_INTERVAL_NANOS} ago: an overview channel sends at most
     * one message a second, and only while the pair changes. Called several times a second, so a change is
     * pushed within about a second of the previous push.
     */
    public void pushOverviews(final MarketData marketData, final long nowNanos) {
        for (int marketId = 0; marketId < pairs.length; marketId++) {
            final PairSubscribers pair = pairs[marketId];
            if (!pair.overviewChanged || nowNanos - pair.overviewPushedAt < OVERVIEW_INTERVAL_NANOS) {
                continue;
            }
            pair.overviewChanged = false;
            pair.overviewPushedAt = nowNanos;
            if (prune(pair.overview)) {
                final long seen = System.nanoTime();
                publish(pair.overview, envelope(pair.overview.get(0).channel.name(), "overview",
                    overviewJson(marketId, marketData)), seen);
            }
        }
    }

    private ObjectNode overviewJson(final int marketId, final MarketData marketData) {
        return AnalyticsJson.overview(config.market(marketId), analytics.overview(marketId, overview),
            marketData.ticker(marketId));
    }

    static ObjectNode envelope(final String channel, final String type, final ObjectNode data) {
        final ObjectNode node = Json.object();
        node.put("channel", channel);
        node.put("type", type);
        node.set("data", data);
        return node;
    }

    /** Drops ended subscriptions; true when any live one is left. */
    static boolean prune(final ArrayList<Subscription> subscribers) {
        for (int i = subscribers.size() - 1; i >= 0; i--) {
            if (!subscribers.get(i).live()) {
                final int last = subscribers.size() - 1;
                subscribers.set(i, subscribers.get(last));
                subscribers.remove(last);
            }
        }
        return !subscribers.isEmpty();
    }

    /** Encodes once, then gives each subscriber its own view of the same bytes. */
    static void publish(final ArrayList<Subscription> subscribers, final ObjectNode message, final long seenNanos) {
        final ByteBuf encoded = WsFrames.text(Json.bytes(message));
        try {
            for (int i = 0; i < subscribers.size(); i++) {
                subscribers.get(i).outbox.send(encoded.retainedDuplicate(), seenNanos);
            }
        } finally {
            encoded.release();
        }
    }
}
