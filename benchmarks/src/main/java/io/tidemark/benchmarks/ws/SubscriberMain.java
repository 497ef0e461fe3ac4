package io.tidemark.benchmarks.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The WebSocket subscribers' own process: {@link SubscriberProcess} starts it and sends it one command a
 * line on standard input; it answers on standard output (its other output goes to standard error).
 *
 * <pre>
 * connect URI N   N clients each subscribe to orderbook:BTC-USD and trades:BTC-USD → "ready SECONDS" once every
 *                 one got its book snapshot
 * count           → "count RECEIVED CLOSED": frames received and connections closed by the server so far
 * close           closes every client → "closed"
 * quit
 * </pre>
 */
public final class SubscriberMain {
    private static final String SUBSCRIBE = "{\"op\":\"subscribe\",\"id\":1,\"channels\":[\"orderbook:BTC-USD\",\"trades:BTC-USD\"]}";

    private SubscriberMain() {
    }

    public static void main(final String[] args) throws Exception {
        final PrintStream protocol = System.out;
        System.setOut(System.err);
        final boolean epoll = Epoll.isAvailable();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        final LongAdder received = new LongAdder();
        final AtomicInteger closed = new AtomicInteger();
        final List<Channel> channels = new ArrayList<>();
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            protocol.println("ready");
            protocol.flush();
            String line;
            while ((line = in.readLine()) != null) {
                final String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "connect" -> {
                        final URI uri = URI.create(words[1]);
                        final int count = Integer.parseInt(words[2]);
                        final CountDownLatch snapshots = new CountDownLatch(count);
                        final Bootstrap bootstrap = new Bootstrap().group(group)
                            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                            .option(ChannelOption.TCP_NODELAY, true)
                            .handler(new ChannelInitializer<SocketChannel>() {
                                @Override
                                protected void initChannel(final SocketChannel ch) {
                                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536),
                                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                            .webSocketUri(uri).maxFramePayloadLength(1 << 20).build()),
                                        new Subscriber(received, snapshots, closed));
                                }
                            });
                        final long start = System.nanoTime();
                        for (int i = 0; i < count; i++) {
                            channels.add(bootstrap.connect(uri.getHost(), uri.getPort()).sync().channel());
                        }
                        if (!snapshots.await(60, TimeUnit.SECONDS)) {
                            protocol.println("failed " + snapshots.getCount() + " subscribers got no snapshot");
                        } else {
                            protocol.printf(Locale.ROOT, "ready %.1f%n", (System.nanoTime() - start) / 1e9);
                        }
                    }
                    case "count" -> protocol.println("count " + received.sum() + " " + closed.get());
                    case "close" -> {
                        for (final Channel channel : channels) {
                            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
                        }
                        channels.clear();
                        closed.set(0);
                        protocol.println("closed");
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown subscriber command: " + line);
                }
                protocol.flush();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Counts frames; the first book snapshot marks the subscriber ready. */
    private static final class Subscriber extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private static final ByteBuf SNAPSHOT = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("\"type\":\"snapshot\"", StandardCharsets.US_ASCII));

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
                ctx.writeAndFlush(new TextWebSocketFrame(SUBSCRIBE));
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
    }
}
