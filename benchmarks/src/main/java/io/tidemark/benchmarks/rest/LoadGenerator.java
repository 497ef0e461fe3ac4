package io.tidemark.benchmarks.rest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.tidemark.gateway.auth.Signer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A signed-REST load generator on Netty: N keep-alive HTTP/1.1 connections, each signing every request
 * for real (HMAC-SHA256 over API.md's canonical string, a fresh timestamp and a per-key unique nonce),
 * alternately placing a resting limit order ({@code POST /v1/orders}) and cancelling one of the
 * connection's live orders ({@code POST /v1/orders/{id}/cancel}, the id taken from an earlier place
 * response). Requests are pipelined: a connection may have several in flight, answered in order.
 *
 * <ul>
 *   <li><b>Open loop</b> ({@code rate > 0}): a pacer thread schedules request i at {@code start + i/rate}
 *       and hands it, round-robin, to a connection's event loop, which signs and writes it. Latency runs
 *       from the <em>intended</em> send time to the response, so a generator or server that falls behind
 *       shows up as latency (no coordinated omission).
 *   <li><b>Closed loop</b> ({@code rate == 0}): each connection keeps {@code depth} requests in flight and
 *       sends the next one as each response arrives — the ceiling, with latency from actual send time.
 * </ul>
 *
 * A cancel slot on a connection with no live order (its places not answered yet) sends a place instead,
 * so places ≥ cancels and the book stays bounded by what is in flight. Requests whose intended time
 * falls in the measurement window (after the warm-up) are measured: HdrHistogram of latency, counts by
 * status, places and cancels.
 */
public final class LoadGenerator implements AutoCloseable {
    /**
     * Requests in flight per connection at most; more wait in the generator (their latency still counts
     * from their intended time). The hello server's Netty 4.2 HttpServerCodec closes a connection with more
     * than 128 pipelined requests (the gateway stops reading at 128 instead); one bound for both keeps
     * the comparison even.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    /** The pacer wakes at most this often; requests due in between leave together. */
    private static final long TICK_NANOS = 100_000;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[][] BODIES = bodies();

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;

    /** An API key and its secret. */
    public record Credentials(String key, String secret) {
    }

    /** {@code rate} requests/s (0: closed loop with {@code depth} in flight per connection). */
    public record Options(int connections, long rate, int depth, double warmupSeconds, double seconds, int maxInFlight) {
        public Options(final int connections, final long rate, final int depth, final double warmupSeconds,
                       final double seconds) {
            this(connections, rate, depth, warmupSeconds, seconds, DEFAULT_MAX_IN_FLIGHT);
        }
    }

    /** What one run measured (the measurement window only). */
    public record Result(String target, Options options, long requests, long places, long cancels, double elapsedSeconds,
                         Histogram latency, Map<Integer, Long> statuses, long unanswered, long connectionErrors,
                         long answered) {
        public double requestsPerSecond() {
            return requests / elapsedSeconds;
        }

        public double placesPerSecond() {
            return places / elapsedSeconds;
        }

        public long ok() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToLong(Map.Entry::getValue).sum();
        }

        public double percentileMillis(final double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }

        public String line() {
            final StringBuilder errors = new StringBuilder();
            statuses.forEach((status, count) -> {
                if (status / 100 != 2) {
                    errors.append(' ').append(status).append('×').append(count);
                }
            });
            if (unanswered > 0) {
                errors.append(" unanswered×").append(unanswered);
            }
            if (connectionErrors > 0) {
                errors.append(" connection-errors×").append(connectionErrors);
            }
            return String.format(Locale.ROOT,
                "%-7s %s: %,8.0f req/s (%,7.0f orders/s + %,7.0f cancels/s) | p50 %6.3f p90 %6.3f p99 %6.3f p99.9 %7.3f max %7.3f ms | errors:%s",
                target, options.rate == 0 ? "closed loop, " + options.connections + "×" + options.depth + " in flight"
                    : String.format(Locale.ROOT, "at %,d req/s", options.rate),
                requestsPerSecond(), placesPerSecond(), (requests - places) / elapsedSeconds,
                percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9),
                latency.getMaxValue() / 1e6, errors.length() == 0 ? " none" : errors.toString());
        }
    }

    public LoadGenerator(final int threads) {
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("loadgen"), io);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static String transport() {
        return Epoll.isAvailable() ? "epoll" : "nio";
    }

    /** Runs one load against {@code address}; connection i signs with {@code keys[i % keys.size()]}. */
    public Result run(final String target, final InetSocketAddress address, final List<Credentials> keys,
                      final Options options) throws InterruptedException {
        final List<Connection> connections = new ArrayList<>();
        final Bootstrap bootstrap = new Bootstrap().group(group).channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true);
        final boolean closedLoop = options.rate == 0;
        for (int i = 0; i < options.connections; i++) {
            final Connection connection = new Connection(i, keys.get(i % keys.size()), closedLoop, options.maxInFlight);
            connections.add(connection);
            connection.channel = bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20), connection);
                }
            }).connect(address).sync().channel();
        }
        final long start = System.nanoTime() + 10_000_000;
        final long measureFrom = start + (long) (options.warmupSeconds * 1e9);
        final long end = measureFrom + (long) (options.seconds * 1e9);
        for (final Connection connection : connections) {
            connection.measureFrom = measureFrom;
            connection.measureUntil = end;
        }
        if (closedLoop) {
            LockSupport.parkNanos(start - System.nanoTime());
            for (final Connection connection : connections) {
                connection.channel.eventLoop().execute(() -> {
                    for (int d = 0; d < options.depth; d++) {
                        connection.send(System.nanoTime());
                    }
                    connection.channel.flush();
                });
            }
            LockSupport.parkNanos(end - System.nanoTime());
        } else {
            pace(connections, options.rate, start, end);
        }
        // let what is in flight come back (measured requests may still be queued)
        final long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < drainUntil && inFlight(connections) > 0) {
            Thread.sleep(5);
        }
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Map<Integer, Long> statuses = new TreeMap<>();
        long requests = 0;
        long places = 0;
        long unanswered = 0;
        long errors = 0;
        long answered = 0;
        long lastResponse = measureFrom;
        for (final Connection c : connections) {
            final Connection.Snapshot s = collect(c);
            latency.add(s.histogram());
            s.statuses().forEach((status, count) -> statuses.merge(status, count, Long::sum));
            requests += s.requests();
            places += s.places();
            unanswered += s.unanswered();
            errors += s.errors();
            answered += s.answered();
            lastResponse = Math.max(lastResponse, s.lastResponse());
        }
        for (final Connection c : connections) {
            c.channel.close().sync();
        }
        // throughput: measured responses over the time from the window's start to the last of them, so a
        // server that falls behind (answers arriving after the window) is not credited with the offered rate
        final double elapsed = Math.max(options.seconds, (lastResponse - measureFrom) / 1e9);
        return new Result(target, options, requests, places, requests - places, elapsed, latency, statuses, unanswered, errors, answered);
    }

    /** Hands out request i at {@code start + i × period}, round-robin, in batches per wake-up. */
    private static void pace(final List<Connection> connections, final long rate, final long start, final long end) {
        final double period = 1e9 / rate;
        final int n = connections.size();
        final long[][] due = new long[n][64];
        final int[] counts = new int[n];
        long i = 0;
        int next = 0;
        while (true) {
            final long intended = start + (long) (i * period);
            if (intended >= end) {
                break;
            }
            long now = System.nanoTime();
            if (intended > now) {
                // park, never spin: on 2 cores a spinning pacer would take a core from the server. Parking
                // oversleeps (timer slack), so requests then leave in small bursts; latency counts that delay.
                LockSupport.parkNanos(Math.max(intended - now, TICK_NANOS));
                continue;
            }
            // everything due by now goes out in this batch
            long t = intended;
            while (t <= now && t < end) {
                final int c = next;
                if (counts[c] == due[c].length) {
                    due[c] = java.util.Arrays.copyOf(due[c], due[c].length * 2);
                }
                due[c][counts[c]++] = t;
                next = next + 1 == n ? 0 : next + 1;
                i++;
                t = start + (long) (i * period);
            }
            for (int c = 0; c < n; c++) {
                if (counts[c] > 0) {
                    final long[] times = java.util.Arrays.copyOf(due[c], counts[c]);
                    counts[c] = 0;
                    final Connection connection = connections.get(c);
                    connection.channel.eventLoop().execute(() -> {
                        for (final long time : times) {
                            connection.offer(time);
                        }
                        connection.channel.flush();
                    });
                }
            }
        }
    }

    private static long inFlight(final List<Connection> connections) throws InterruptedException {
        long total = 0;
        for (final Connection c : connections) {
            try {
                total += c.channel.eventLoop().submit(() -> (long) c.inflight.size() + c.waiting.size()).get();
            } catch (final java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return total;
    }

    private static Connection.Snapshot collect(final Connection c) throws InterruptedException {
        try {
            return c.channel.eventLoop().submit(c::snapshot).get();
        } catch (final java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

    /** One keep-alive connection; every field is touched only on its event loop (after set-up). */
    private static final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Credentials credentials;
        private final String noncePrefix;
        private final boolean closedLoop;
        private final int maxInFlight;
        private final ArrayDeque<Long> waiting = new ArrayDeque<>(); // intended times not yet sent
        private final ArrayDeque<long[]> inflight = new ArrayDeque<>(); // {intended, 1 if place}
        private final ArrayDeque<String> liveOrders = new ArrayDeque<>();
        private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private volatile long measureFrom;
        private volatile long measureUntil;
        private Channel channel;
        private long nonce;
        private long sent;
        private long placed;
        private long requests;
        private long places;
        private long errors;
        private long lastResponse;
        private long answered;

        record Snapshot(Histogram histogram, Map<Integer, Long> statuses, long requests, long places, long unanswered,
                        long errors, long lastResponse, long answered) {
        }

        Connection(final int index, final Credentials credentials, final boolean closedLoop, final int maxInFlight) {
            this.credentials = credentials;
            this.maxInFlight = maxInFlight;
            // a run of its own: the server remembers nonces for its receive window, and a run started right after
            // another one on the same keys must not send the same nonce strings again (they would be 401s)
            this.noncePrefix = "c" + index + "r" + RUNS.incrementAndGet() + "n";
            this.closedLoop = closedLoop;
        }

        Snapshot snapshot() {
            long unanswered = 0;
            for (final long[] f : inflight) {
                if (f[0] >= measureFrom && f[0] < measureUntil) {
                    unanswered++;
                }
            }
            for (final long intended : waiting) {
                if (intended >= measureFrom && intended < measureUntil) {
                    unanswered++;
                }
            }
            return new Snapshot(histogram.copy(), new TreeMap<>(statuses), requests, places, unanswered, errors, lastResponse, answered);
        }

        /** Sends (unflushed) or, with {@code maxInFlight} already out, queues a request due at {@code intended}. */
        void offer(final long intended) {
            if (inflight.size() >= maxInFlight || !waiting.isEmpty()) {
                waiting.addLast(intended);
            } else {
                send(intended);
            }
        }

        /** Signs and writes one request (not flushed); {@code intended} is when it should have left. */
        void send(final long intended) {
            final boolean place = (sent++ & 1) == 0 || liveOrders.isEmpty();
            final String path = place ? "/v1/orders" : "/v1/orders/" + liveOrders.pollFirst() + "/cancel";
            final byte[] body = place ? BODIES[(int) (placed++ % BODIES.length)] : EMPTY;
            final String timestamp = Long.toString(System.currentTimeMillis());
            final String nonceText = noncePrefix + nonce++;
            final String signature = Signer.sign(credentials.secret(), timestamp, nonceText, "POST", path, body);
            final String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "X-Api-Key: " + credentials.key() + "\r\n"
                + "X-Api-Timestamp: " + timestamp + "\r\n"
                + "X-Api-Nonce: " + nonceText + "\r\n"
                + "X-Api-Signature: " + signature + "\r\n\r\n";
            final ByteBuf buf = channel.alloc().buffer(head.length() + body.length);
            buf.writeCharSequence(head, StandardCharsets.US_ASCII);
            buf.writeBytes(body);
            inflight.addLast(new long[] {intended, place ? 1 : 0});
            channel.write(buf);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response) {
            final long now = System.nanoTime();
            final long[] request = inflight.pollFirst();
            if (request == null) {
                errors++;
                return;
            }
            answered++;
            final int status = response.status().code();
            final boolean place = request[1] == 1;
            if (request[0] >= measureFrom && request[0] < measureUntil) {
                histogram.recordValue(Math.max(0, now - request[0]));
                statuses.merge(status, 1L, Long::sum);
                requests++;
                if (place) {
                    places++;
                }
                lastResponse = now;
            }
            if (place && status / 100 == 2) {
                final String id = orderId(response.content());
                if (id != null) {
                    liveOrders.addLast(id);
                }
            }
            if (closedLoop && now < measureUntil) {
                send(now);
                ctx.flush();
            } else if (!waiting.isEmpty()) {
                send(waiting.pollFirst());
                ctx.flush();
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            errors++;
            if (errors == 1) {
                System.err.println("loadgen: connection error: " + cause);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
            if (!inflight.isEmpty()) {
                errors++;
                System.err.println("loadgen: connection closed by the server with " + inflight.size() + " requests in flight");
            }
            super.channelInactive(ctx);
        }
    }

    /** The value of the first {@code "id":"…"} member of a JSON response. */
    static String orderId(final ByteBuf content) {
        final String json = content.toString(StandardCharsets.UTF_8);
        final int at = json.indexOf("\"id\":\"");
        if (at < 0) {
            return null;
        }
        final int from = at + 6;
        final int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    /**
     * Resting limit orders far from each other's side: buys 40,000-40,063.xx, sells 90,000-90,063.xx
     * (never crossing), size 0.0100 BTC.
     */
    private static byte[][] bodies() {
        final byte[][] bodies = new byte[128][];
        for (int i = 0; i < bodies.length; i++) {
            final boolean buy = (i & 1) == 0;
            final String price = String.format(Locale.ROOT, "%d.%02d", (buy ? 40_000 : 90_000) + i / 2, (i * 37) % 100);
            bodies[i] = ("{\"pair\":\"BTC-USD\",\"side\":\"" + (buy ? "buy" : "sell") + "\",\"type\":\"limit\",\"price\":\""
                + price + "\",\"size\":\"0.0100\"}").getBytes(StandardCharsets.US_ASCII);
        }
        return bodies;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
