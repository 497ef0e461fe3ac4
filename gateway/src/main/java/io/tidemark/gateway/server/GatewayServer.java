package io.tidemark.gateway.server;

import io.tidemark.gateway.http.GatewayMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.api.AccountEndpoints;
import io.tidemark.gateway.api.AdminEndpoints;
import io.tidemark.gateway.api.AnalyticsEndpoints;
import io.tidemark.gateway.api.EngineClient;
import io.tidemark.gateway.api.HistoryReads;
import io.tidemark.gateway.api.MarketDataEndpoints;
import io.tidemark.gateway.api.PerformanceEndpoints;
import io.tidemark.gateway.api.OrderEndpoints;
import io.tidemark.gateway.api.PublicEndpoints;
import io.tidemark.gateway.auth.AdminKeyFile;
import io.tidemark.gateway.auth.Authenticator;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Nonces;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.http.AuthHandler;
import io.tidemark.gateway.http.ConnectionPipeline;
import io.tidemark.gateway.http.Endpoint;
import io.tidemark.gateway.http.EndpointHandler;
import io.tidemark.gateway.http.RateLimitHandler;
import io.tidemark.gateway.http.Route;
import io.tidemark.gateway.http.RouteHandler;
import io.tidemark.gateway.ratelimit.RateLimiter;
import io.tidemark.gateway.web.WebScreen;
import io.tidemark.gateway.ws.CancelAfterKeeper;
import io.tidemark.gateway.ws.KeptCancelAfter;
import io.tidemark.gateway.ws.PrivateStreams;
import io.tidemark.gateway.ws.PublicStreams;
import io.tidemark.gateway.ws.WebSocketService;
import io.tidemark.gateway.ws.WsOp;
import io.tidemark.gateway.ws.WsUpgrade;
import io.tidemark.history.History;
import io.tidemark.history.HistoryConfig;
import io.tidemark.marketdata.BookDelta;
import io.tidemark.marketdata.Candle;
import io.tidemark.marketdata.MarketData;
import io.tidemark.marketdata.MarketDataListener;
import io.tidemark.marketdata.Ticker;
import io.tidemark.marketdata.Trade;
import io.tidemark.marketdata.analytics.AnalyticsConfig;
import io.tidemark.marketdata.analytics.MarketAnalytics;
import io.tidemark.node.Node;
import io.tidemark.node.journal.Durability;
import io.tidemark.node.pipeline.Sequencer;
import io.tidemark.node.pipeline.Topology;
import io.tidemark.node.view.AccountViews;
import io.tidemark.node.view.OperatorViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The exchange as a network service: recovers the node (engine, journal, read models) from the data
 * directory, then serves the REST API (and, through an extension, the WebSocket) on a loopback address. Each
 * connection runs the handler pipeline decode → size limit → sequence → route → authenticate →
 * rate-limit → endpoint; endpoints submit to the ring or read a view and answer from the reply. A
 * request for {@code /v1/ws} turns its connection into a WebSocket ({@link WsUpgrade}): public channels
 * fed by {@link PublicStreams}, private ones by the {@link PrivateStreams} read model, both installed here.
 * {@link #close()} stops accepting, lets the ring drain, writes the final snapshot and closes the journal.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Context context;
    private final Node node;
    private final KeyStore keys;
    private final Nonces nonces;
    private final EngineClient engine;
    private final Sequencer sequencer;
    private final GatewayMetrics metrics;
    private final RateLimiter rateLimiter;
    private final Authenticator authenticator;
    private final OrderEndpoints orders;
    private final History history;
    private final HistoryReads historyReads;
    private final PublicStreams publicStreams;
    private final Optional<KeyStore.Created> adminKeyCreated;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile boolean closed;

    /** What a server is made of; extensions (sandbox, WebSocket) add endpoints, read models and handlers. */
    public static final class Context {
        private Path dataDir;
        private ExchangeConfig config;
        private GatewayConfig gateway = GatewayConfig.defaults();
        private boolean sandbox;
        private Durability durability = Durability.MAPPED;
        private HistoryConfig history = HistoryConfig.defaults();
        private AnalyticsConfig analytics;
        private Topology topology = Topology.AUTO;
        private LongSupplier clockMillis = System::currentTimeMillis;
        private MarketDataListener marketDataListener;
        private Consumer<Node.Context> nodeCustomizer = node -> { };
        private Function<Node, Sequencer> cluster;
        private Supplier<CancelAfterKeeper> cancelAfterKeeper;
        private final Map<Route, Function<GatewayServer, Endpoint>> extraEndpoints = new EnumMap<>(Route.class);
        private Function<GatewayServer, ChannelHandler> webSocket;
        private int workerThreads = 2;
        private WebScreen webScreen;
        private LongConsumer webSocketDeliveryObserver;

        public Context dataDir(final Path value) {
            dataDir = value;
            return this;
        }

        public Context config(final ExchangeConfig value) {
            config = value;
            return this;
        }

        public Context gateway(final GatewayConfig value) {
            gateway = value;
            return this;
        }

        /** Serves the sandbox routes (their endpoints come from {@link #endpoint}). */
        public Context sandbox(final boolean value) {
            sandbox = value;
            return this;
        }

        public Context durability(final Durability value) {
            durability = value;
            return this;
        }

        /** Where the history store lives and how long it keeps orders, fills and ledger entries. */
        public Context history(final HistoryConfig value) {
            history = value;
            return this;
        }

        /** Large-trade thresholds per market (default: 10,000 × each market's minimum notional). */
        public Context analytics(final AnalyticsConfig value) {
            analytics = value;
            return this;
        }

        /** Which threads run the node's pipeline stages (the config's {@code node.topology}; default auto). */
        public Context topology(final Topology value) {
            topology = value;
            return this;
        }

        /** Wall clock for authentication and rate limits (tests move it). */
        public Context clockMillis(final LongSupplier value) {
            clockMillis = value;
            return this;
        }

        /** Told about market-data changes on the view thread (the WebSocket fan-out); hears recovery too. */
        public Context marketDataListener(final MarketDataListener value) {
            marketDataListener = value;
            return this;
        }

        /**
         * Makes this the gateway of a clustered engine: its node becomes a replica fed, in the cluster's order,
         * by the sequencer the factory makes once the node has recovered (the factory is told the node, whose
         * last sequence is where the replica resumes); commands go to that sequencer instead of the node's
         * own journal stage. {@code GET /v1/info} then answers mode {@code cluster}, and the cluster-only
         * routes are served (their endpoints come from {@link #endpoint}).
         */
        public Context cluster(final Function<Node, Sequencer> sequencerFactory) {
            cluster = sequencerFactory;
            return this;
        }

        /**
         * Where the WebSocket cancel_after switches are kept instead of in each session (a clustered engine's
         * replicated state); asked once the sequencer of {@link #cluster} exists.
         */
        public Context cancelAfterKeeper(final Supplier<CancelAfterKeeper> value) {
            cancelAfterKeeper = value;
            return this;
        }

        /** Adds read models or changes settings of the node before it starts. */
        public Context node(final Consumer<Node.Context> value) {
            nodeCustomizer = value;
            return this;
        }

        /** Serves {@code route} with an endpoint made once the server's parts exist. */
        public Context endpoint(final Route route, final Function<GatewayServer, Endpoint> factory) {
            extraEndpoints.put(route, factory);
            return this;
        }

        /** A handler that takes over WebSocket upgrade requests (placed before the REST handlers, one per connection). */
        public Context webSocket(final Function<GatewayServer, ChannelHandler> factory) {
            webSocket = factory;
            return this;
        }

        /**
         * Told, for every public WebSocket message written, the nanoseconds from the view thread seeing
         * the market-data change to the frame being written to the socket (benchmarks, metrics).
         */
        public Context webSocketDeliveryObserver(final LongConsumer value) {
            webSocketDeliveryObserver = value;
            return this;
        }

        /** The web trading screen served at {@code /} (default: the one the web module's jar puts on the classpath). */
        public Context webScreen(final WebScreen value) {
            webScreen = value;
            return this;
        }

        public Context workerThreads(final int value) {
            workerThreads = value;
            return this;
        }
    }

    private GatewayServer(final Context context) throws IOException, InterruptedException {
        this.context = context;
        final ExchangeConfig config = context.config;
        this.publicStreams = new PublicStreams(config);
        final MarketDataListener listener = context.marketDataListener == null ? publicStreams
            : new BothListeners(publicStreams, context.marketDataListener);
        this.history = History.open(context.dataDir, config, context.history);
        final AnalyticsConfig analyticsConfig = context.analytics != null ? context.analytics : AnalyticsConfig.defaults(config);
        final Node.Context nodeContext = new Node.Context().dataDir(context.dataDir).config(config)
            .durability(context.durability).topology(context.topology)
            .readModel(set -> new MarketData(config).listener(set.live() ? listener : null))
            .readModel(set -> new MarketAnalytics(config, analyticsConfig, set.get(MarketData.class))
                .listener(set.live() ? publicStreams : null))
            .readModel(set -> new PrivateStreams(config, set.accounts()))
            .readModel(set -> new OperatorViews(config))
            .readModel(history.readModel());
        nodeContext.sequencedUpstream(context.cluster != null);
        context.nodeCustomizer.accept(nodeContext);
        try {
            this.node = Node.start(nodeContext);
        } catch (final IOException | RuntimeException e) {
            history.close();
            throw e;
        }
        LOG.info("event=recovered {}", node.recovery());
        history.start(node);
        publicStreams.analytics(node.readModel(MarketAnalytics.class));
        this.historyReads = new HistoryReads(history, 2);
        this.keys = new KeyStore(context.dataDir);
        this.adminKeyCreated = AdminKeyFile.ensure(context.dataDir, keys);
        this.nonces = Nonces.open(context.dataDir, keys.all(), context.clockMillis);
        this.metrics = new GatewayMetrics(WsOp.wireNames()).pipeline(() -> node.pipeline()).history(history::lag);
        this.rateLimiter = new RateLimiter(context.clockMillis);
        this.authenticator = new Authenticator(keys, nonces, context.clockMillis);
        final AccountViews accounts = node.accounts();
        this.sequencer = context.cluster != null ? startSequencer(context, node, history)
            : node.pipeline()::submit;
        this.engine = new EngineClient(node.pipeline(), sequencer, node.readModel(OperatorViews.class)::config, accounts,
            node.readModel(MarketData.class),
            historyReads);
        this.orders = new OrderEndpoints(engine);
        final WsUpgrade webSocket = new WsUpgrade(new WebSocketService(engine, orders.ops(), authenticator, rateLimiter,
            context.gateway, publicStreams, node.readModel(PrivateStreams.class), context.clockMillis, metrics,
            context.webSocketDeliveryObserver,
            context.cancelAfterKeeper == null ? null : new KeptCancelAfter(context.cancelAfterKeeper.get())));

        final Map<Route, Endpoint> endpoints = standardEndpoints();
        context.extraEndpoints.forEach((route, factory) -> endpoints.put(route, factory.apply(this)));
        final EndpointHandler endpointHandler = new EndpointHandler(endpoints);
        final RouteHandler routeHandler = new RouteHandler(context.sandbox, context.cluster != null);
        final AuthHandler authHandler = new AuthHandler(authenticator);
        final RateLimitHandler rateLimitHandler = new RateLimitHandler(rateLimiter, context.gateway);
        final ConnectionPipeline connection = new ConnectionPipeline(context.gateway, metrics,
            () -> context.webSocket != null ? context.webSocket.apply(this) : webSocket, routeHandler, authHandler,
            rateLimitHandler, endpointHandler);

        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(context.workerThreads, io);
        final GatewayConfig gateway = context.gateway;
        final ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    connections.add(ch);
                    connection.install(ch.pipeline());
                }
            });
        this.serverChannel = bootstrap.bind(new InetSocketAddress(gateway.host(), gateway.port())).sync().channel();
        workers.next().scheduleAtFixedRate(keys::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
        workers.next().scheduleAtFixedRate(nonces::expire, 1, 1, TimeUnit.SECONDS);
        workers.next().scheduleWithFixedDelay(this::pushOverviews, 250, 250, TimeUnit.MILLISECONDS);
        LOG.info("event=listening address={} transport={} sandbox={} web_screen={}", serverChannel.localAddress(),
            epoll ? "epoll" : "nio", context.sandbox, context.webScreen.isBuilt() ? "built" : "not_built");
    }

    private static Sequencer startSequencer(final Context context, final Node node, final History history) {
        try {
            return context.cluster.apply(node);
        } catch (final RuntimeException e) {
            node.close();
            history.close();
            throw e;
        }
    }

    /** What {@code GET /v1/info} says this gateway serves. */
    public ServerMode mode() {
        return context.cluster != null ? ServerMode.CLUSTER : context.sandbox ? ServerMode.SANDBOX : ServerMode.SERVER;
    }

    /** Four times a second: the overview channels' pushes (each pair at most once a second), on the view thread. */
    private void pushOverviews() {
        try {
            engine.query((views, command, slot) -> {
                publicStreams.pushOverviews(views.marketData(), System.nanoTime());
                return null;
            }, workers.next(), outcome -> { });
        } catch (final RuntimeException e) {
            // a full ring (engine_busy) or a stopping node: the next second tries again
        }
    }

    public static GatewayServer start(final Context context) throws IOException {
        if (context.dataDir == null || context.config == null) {
            throw new IllegalArgumentException("a server needs a data directory and an exchange config");
        }
        if (context.webScreen == null) {
            context.webScreen = WebScreen.fromClasspath();
        }
        try {
            return new GatewayServer(context);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding", e);
        }
    }

    private Map<Route, Endpoint> standardEndpoints() {
        final OperatorViews operator = node.readModel(OperatorViews.class);
        final PublicEndpoints pub = new PublicEndpoints(engine, context.clockMillis, metrics,
            mode().wireName(), context.sandbox, operator);
        final WebScreen screen = context.webScreen;
        final MarketDataEndpoints market = new MarketDataEndpoints(engine);
        final AccountEndpoints account = new AccountEndpoints(engine, !context.sandbox);
        final AdminEndpoints admin = new AdminEndpoints(engine, keys, operator);
        final AnalyticsEndpoints analytics = new AnalyticsEndpoints(engine, node.readModel(MarketAnalytics.class),
            context.clockMillis);
        final PerformanceEndpoints performance = new PerformanceEndpoints(engine, context.clockMillis);
        final Map<Route, Endpoint> map = new EnumMap<>(Route.class);
        map.put(Route.PING, pub::ping);
        map.put(Route.TIME, pub::time);
        map.put(Route.MARKETS, pub::markets);
        map.put(Route.OPENAPI, pub::openApi);
        map.put(Route.INFO, pub::info);
        map.put(Route.SCREEN, screen::index);
        map.put(Route.SCREEN_ASSET, screen::asset);
        map.put(Route.METRICS, pub::metrics);
        map.put(Route.TICKER, market::ticker);
        map.put(Route.ORDERBOOK, market::orderbook);
        map.put(Route.TRADES, market::trades);
        map.put(Route.CANDLES, market::candles);
        map.put(Route.STATS, analytics::stats);
        map.put(Route.MARKET_OVERVIEW, analytics::overview);
        map.put(Route.MARKET_LEVELS, analytics::levels);
        map.put(Route.MARKET_HEATMAP, analytics::heatmap);
        map.put(Route.LARGE_TRADES, analytics::largeTrades);
        map.put(Route.PERFORMANCE, performance::performance);
        map.put(Route.PERFORMANCE_HISTORY, performance::history);
        map.put(Route.EQUITY, performance::equity);
        map.put(Route.PLACE_ORDER, orders::place);
        map.put(Route.LIST_ORDERS, orders::list);
        map.put(Route.CANCEL_ALL, orders::cancelAll);
        map.put(Route.GET_ORDER_BY_CLIENT_ID, orders::getByClientId);
        map.put(Route.CANCEL_ORDER_BY_CLIENT_ID, orders::cancelByClientId);
        map.put(Route.GET_ORDER, orders::get);
        map.put(Route.CANCEL_ORDER, orders::cancel);
        map.put(Route.AMEND_ORDER, orders::amend);
        map.put(Route.FILLS, orders::fills);
        map.put(Route.BALANCES, account::balances);
        map.put(Route.LEDGER, account::ledger);
        map.put(Route.TRANSFER, account::transfer);
        map.put(Route.WITHDRAW, account::withdraw);
        map.put(Route.ADMIN_CREATE_ACCOUNT, admin::createAccount);
        map.put(Route.ADMIN_CREATE_KEY, admin::createKey);
        map.put(Route.ADMIN_FREEZE, admin::freeze);
        map.put(Route.ADMIN_UNFREEZE, admin::unfreeze);
        map.put(Route.ADMIN_DEPOSIT, admin::deposit);
        map.put(Route.ADMIN_WITHDRAWALS, admin::withdrawals);
        map.put(Route.ADMIN_COMPLETE_WITHDRAWAL, admin::completeWithdrawal);
        map.put(Route.ADMIN_REJECT_WITHDRAWAL, admin::rejectWithdrawal);
        map.put(Route.ADMIN_LIST_ASSET, admin::listAsset);
        map.put(Route.ADMIN_LIST_MARKET, admin::listMarket);
        map.put(Route.ADMIN_HALT, admin::halt);
        map.put(Route.ADMIN_RESUME, admin::resume);
        map.put(Route.ADMIN_FEES, admin::fees);
        map.put(Route.ADMIN_SOLVENCY, admin::solvency);
        map.put(Route.ADMIN_AUDIT, admin::audit);
        return map;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * {@code http://} and the address the server is actually bound to, IPv6 in brackets
     * ({@code http://[::1]:8080}): the configured host may be a name or either loopback.
     */
    public String baseUrl() {
        return "http://" + NetUtil.toSocketAddressString((InetSocketAddress) serverChannel.localAddress());
    }

    public Node node() {
        return node;
    }

    public KeyStore keys() {
        return keys;
    }

    /** The operator's first key with its secret, when this start created it (a fresh data directory). */
    public Optional<KeyStore.Created> adminKeyCreated() {
        return adminKeyCreated;
    }

    public EngineClient engine() {
        return engine;
    }

    public History history() {
        return history;
    }

    public OrderEndpoints orders() {
        return orders;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public GatewayConfig gatewayConfig() {
        return context.gateway;
    }

    /** The configured assets and markets and those listed since (as the views know them). */
    public ExchangeConfig config() {
        return engine.config();
    }

    public LongSupplier clockMillis() {
        return context.clockMillis;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    /** Stops accepting connections, drains the ring, writes the final snapshot, then closes connections. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("event=shutdown_started");
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        // let requests already in the ring be answered before their connections go
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (node.pipeline().inFlight() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        // closing connections fires WebSocket cancel_on_disconnect, whose cancel-alls must reach the ring
        // before it drains; one empty task per event loop runs after the close handlers queued before it
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        for (int pass = 0; pass < 2; pass++) {
            for (final EventExecutor loop : workers) {
                loop.submit(() -> { }).awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
        // a cluster's replica takes no more commands from the log before its node drains and snapshots
        sequencer.close();
        node.close();
        historyReads.close();
        history.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        // only now: no event loop is left to authenticate a request into a log that is closed
        nonces.close();
        LOG.info("event=shutdown_complete");
    }

    /** Tells the WebSocket fan-out first, then an extension's listener. */
    private static final class BothListeners implements MarketDataListener {
        private final MarketDataListener first;
        private final MarketDataListener second;

        BothListeners(final MarketDataListener first, final MarketDataListener second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void onTrade(final Trade trade) {
            first.onTrade(trade);
            second.onTrade(trade);
        }

        @Override
        public void onBookDelta(final BookDelta delta) {
            first.onBookDelta(delta);
            second.onBookDelta(delta);
        }

        @Override
        public void onTicker(final Ticker ticker) {
            first.onTicker(ticker);
            second.onTicker(ticker);
        }

        @Override
        public void onCandle(final Candle candle) {
            first.onCandle(candle);
            second.onCandle(candle);
        }

        @Override
        public void onListed(final ExchangeConfig effective) {
            first.onListed(effective);
            second.onListed(effective);
        }
    }
}
