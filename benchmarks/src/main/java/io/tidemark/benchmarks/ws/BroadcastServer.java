package io.tidemark.benchmarks.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The fan-out baseline, as {@code HelloServer} is for REST: a bare Netty WebSocket server on 127.0.0.1
 * with the gateway's transport and worker count and nothing else. A client's first text frame (its
 * subscribe) is answered with a snapshot-typed frame and makes it a subscriber; {@link #broadcast} sends
 * one text frame to every subscriber with one task per event loop and reports, for each subscriber, the
 * nanoseconds from the call to the completed write. It flushes each channel once per message, as a bare
 * broadcast does; Netty's {@code ChannelGroup.writeAndFlush} (a task per channel from the calling thread)
 * delivered even less here (16,751 of 195,000 frames/s at 1,000 subscribers, against 76-78 k for this one).
 */
final class BroadcastServer implements AutoCloseable {
    private static final String SNAPSHOT = "{\"channel\":\"orderbook:BTC-USD\",\"type\":\"snapshot\",\"seq\":0,\"bids\":[],\"asks\":[],\"checksum\":0}";

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final List<Channel> subscribers = new CopyOnWriteArrayList<>();
    private final LongConsumer delivered;

    BroadcastServer(final int workerThreads, final LongConsumer delivered) throws InterruptedException {
        this.delivered = delivered;
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("broadcast-boss"), io);
        workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("broadcast"), io);
        channel = new ServerBootstrap().group(boss, workers).channel(type)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                        new WebSocketServerProtocolHandler("/v1/ws"), new Subscribe());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * One frame with {@code payload} to every subscriber: one task per event loop, which writes the frame
     * to each of its subscribers and flushes each — the least a Netty server can do per message.
     */
    void broadcast(final byte[] payload) {
        final long stamp = System.nanoTime();
        final ByteBuf frame = frame(payload);
        try {
            for (final EventExecutor loop : workers) {
                final ByteBuf shared = frame.retainedDuplicate();
                loop.execute(() -> {
                    try {
                        for (final Channel subscriber : subscribers) {
                            if (subscriber.eventLoop() == loop) {
                                subscriber.writeAndFlush(shared.retainedDuplicate()).addListener(written -> {
                                    if (written.isSuccess()) {
                                        delivered.accept(System.nanoTime() - stamp);
                                    }
                                });
                            }
                        }
                    } finally {
                        shared.release();
                    }
                });
            }
        } finally {
            frame.release();
        }
    }

    /** A server's text frame (unmasked, so every subscriber can be sent the same bytes). */
    private static ByteBuf frame(final byte[] payload) {
        final ByteBuf frame = Unpooled.buffer(payload.length + 4);
        frame.writeByte(0x81);
        if (payload.length < 126) {
            frame.writeByte(payload.length);
        } else {
            frame.writeByte(126).writeShort(payload.length);
        }
        return frame.writeBytes(payload);
    }

    private final class Subscribe extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private boolean subscribed;

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame) {
            if (!subscribed) {
                subscribed = true;
                ctx.writeAndFlush(new TextWebSocketFrame(SNAPSHOT));
                subscribers.add(ctx.channel());
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
            subscribers.remove(ctx.channel());
            super.channelInactive(ctx);
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
