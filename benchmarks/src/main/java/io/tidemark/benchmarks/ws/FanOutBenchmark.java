package io.tidemark.benchmarks.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * WebSocket fan-out: a real gateway on a temporary data directory, N Netty WebSocket subscribers to
 * {@code orderbook:BTC-USD} and {@code trades:BTC-USD} on loopback, and a steady open-loop order flow
 * straight into the pipeline. Latency is from the view thread seeing the market-data change (the
 * stamp taken once per encoded message) to the write of each subscriber's frame completing on the
 * server (HdrHistogram, every frame); also the delivered message rate counted by the clients, and how
 * many subscribers were cut off as slow consumers (the clients share this JVM and the 2 cores).
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ws-fanout [--subscribers 1000] [--rate 2000]
 * [--seconds 20] [--warmup 5]}.
 */
public final class FanOutBenchmark {
    private static final long MID = 6_000_000;

    private FanOutBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        int subscribers = 1_000;
        int rate = 2_000;
        int seconds = 20;
        int warmup = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--subscribers" -> subscribers = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "ws fan-out: %d subscribers x (orderbook + trades) BTC-USD, %,d orders/s open loop, "
            + "%d s measured after %d s warm-up, %d cores%n", subscribers, rate, seconds, warmup,
            Runtime.getRuntime().availableProcessors());

        final Path dir = Files.createTempDirectory("tidemark-ws-fanout");
        final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(120), 3);
        final ConfigFile file = ConfigFile.defaults();
        final ExchangeConfig config = file.exchange();
        // every subscriber connects from 127.0.0.1: the per-address cap would turn all but 64 away
        final GatewayConfig gateway = GatewayConfig.from(file).withPort(0).withConnectionLimits(subscribers, subscribers);
        final EventLoopGroup clients = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (GatewayServer server = GatewayServer.start(new GatewayServer.Context().dataDir(dir).config(config)
            .gateway(gateway).webSocketDeliveryObserver(latency::recordValue))) {
            final int market = config.marketByPair("BTC-USD").id();
            final long[] accounts = new long[10];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = server.keys().createAccountWithKey(Set.of(Scope.READ, Scope.TRADE), List.of(), Tier.RETAIL, 5_000)
                    .key().accountId();
                submit(server.node().pipeline(), new Command().deposit(accounts[i], config.assetBySymbol("USD").id(),
                    config.assetBySymbol("USD").parseAmount("1000000000")), null);
                submit(server.node().pipeline(), new Command().deposit(accounts[i], config.assetBySymbol("BTC").id(),
                    config.assetBySymbol("BTC").parseAmount("100000")), null);
            }

            final LongAdder received = new LongAdder();
            final AtomicInteger closed = new AtomicInteger();
            final CountDownLatch snapshots = new CountDownLatch(subscribers);
            final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/v1/ws");
            final Bootstrap bootstrap = new Bootstrap().group(clients).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536),
                            new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                                .maxFramePayloadLength(1 << 20).build()),
                            new Subscriber(received, snapshots, closed));
                    }
                });
            final long connectStart = System.nanoTime();
            for (int i = 0; i < subscribers; i++) {
                bootstrap.connect(uri.getHost(), uri.getPort()).sync();
            }
            if (!snapshots.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(snapshots.getCount() + " subscribers got no snapshot");
            }
            System.out.printf(Locale.ROOT, "%d subscribers connected and snapshotted in %.1f s%n", subscribers,
                (System.nanoTime() - connectStart) / 1e9);

            final Flow flow = new Flow(server.node().pipeline(), market, accounts, rate);
            final Thread driver = new Thread(flow, "order-flow");
            driver.start();
            Thread.sleep(warmup * 1_000L);
            latency.reset();
            final long receivedBefore = received.sum();
            final long ordersBefore = flow.submitted.sum();
            final long start = System.nanoTime();
            Thread.sleep(seconds * 1_000L);
            final Histogram histogram = latency.getIntervalHistogram();
            final double elapsed = (System.nanoTime() - start) / 1e9;
            final long delivered = received.sum() - receivedBefore;
            final long orders = flow.submitted.sum() - ordersBefore;
            flow.stop = true;
            driver.join();

            System.out.printf(Locale.ROOT, "orders: %,.0f/s submitted (%,d busy retries)%n", orders / elapsed, flow.busy.sum());
            System.out.printf(Locale.ROOT, "delivered: %,.0f messages/s to clients (%,d frames written and timed)%n",
                delivered / elapsed, histogram.getTotalCount());
            System.out.printf(Locale.ROOT, "event->frame written (us): p50 %.0f  p90 %.0f  p99 %.0f  p99.9 %.0f  max %.0f%n",
                histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                histogram.getMaxValue() / 1e3);
            System.out.printf(Locale.ROOT, "summary: ws-fanout subscribers=%d orders/s=%,.0f delivered/s=%,.0f p50=%.2fms "
                    + "p99=%.2fms max=%.2fms slow_consumer_disconnects=%d%n", subscribers, orders / elapsed,
                delivered / elapsed, histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                histogram.getMaxValue() / 1e6, closed.get());
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void submit(final Pipeline pipeline, final Command command, final ReplyHandler reply) {
        while (pipeline.submit(command, reply) != Pipeline.Submit.PUBLISHED) {
            Thread.onSpinWait();
        }
    }

    /** Counts frames; the first snapshot marks the subscriber ready. */
    private static final class Subscriber extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final LongAdder received;
        private final CountDownLatch snapshots;
        private final AtomicInteger closed;
        private boolean ready;

        Subscriber(final LongAdder received, final CountDownLatch snapshots, final AtomicInteger closed) {
            this.received = received;
            this.snapshots = snapshots;
            this.closed = closed;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.writeAndFlush(new TextWebSocketFrame(
                    "{\"op\":\"subscribe\",\"id\":1,\"channels\":[\"orderbook:BTC-USD\",\"trades:BTC-USD\"]}"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame) {
            received.increment();
            if (!ready && ByteBufUtil.indexOf(SNAPSHOT, frame.content()) >= 0) {
                ready = true;
                snapshots.countDown();
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
            closed.incrementAndGet();
            super.channelInactive(ctx);
        }

        private static final io.netty.buffer.ByteBuf SNAPSHOT = io.netty.buffer.Unpooled.unreleasableBuffer(
            io.netty.buffer.Unpooled.copiedBuffer("\"type\":\"snapshot\"", StandardCharsets.US_ASCII));
    }

    /** Random limit orders around the mid at a fixed rate (open loop), cancelling about one in three later. */
    private static final class Flow implements Runnable {
        private final Pipeline pipeline;
        private final int market;
        private final long[] accounts;
        private final long intervalNanos;
        private final Random random = new Random(42);
        final LongAdder submitted = new LongAdder();
        final LongAdder busy = new LongAdder();
        volatile boolean stop;

        Flow(final Pipeline pipeline, final int market, final long[] accounts, final int rate) {
            this.pipeline = pipeline;
            this.market = market;
            this.accounts = accounts;
            this.intervalNanos = 1_000_000_000L / rate;
        }

        @Override
        public void run() {
            final Command command = new Command();
            long next = System.nanoTime();
            while (!stop) {
                final long now = System.nanoTime();
                if (now < next) {
                    LockSupport.parkNanos(Math.min(next - now, 200_000));
                    continue;
                }
                next += intervalNanos;
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long price = MID + random.nextInt(101) - 50;
                command.placeOrder(accounts[random.nextInt(accounts.length)], market, side, OrderType.LIMIT, price,
                    1 + random.nextInt(50));
                while (pipeline.submit(command, null) != Pipeline.Submit.PUBLISHED) {
                    busy.increment();
                    Thread.onSpinWait();
                }
                submitted.increment();
            }
        }
    }
}
