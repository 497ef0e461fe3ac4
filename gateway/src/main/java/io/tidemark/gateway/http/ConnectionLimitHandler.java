package io.tidemark.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tidemark.gateway.error.ErrorCode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the connections open at once, per client address and in all, counted from accept to close. A
 * connection over a cap is still taken, so that it can be told why: it is handed to the
 * {@link RequestSequencer} as a {@link RequestSequencer.Refusal}, answered 429 {@code too_many_connections}
 * (its address's cap, checked first) or 503 {@code server_busy} (the total) before any request is read,
 * and ends without being counted. Leaves the pipeline once it has decided. Shared by all channels, whose
 * accepts run on every event loop: the counts are atomic.
 */
@ChannelHandler.Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private final int maxPerAddress;
    private final int max;
    private final RequestSequencer.Refusal tooManyFromAddress;
    private final RequestSequencer.Refusal tooMany;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();

    public ConnectionLimitHandler(final int maxPerAddress, final int max) {
        this.maxPerAddress = maxPerAddress;
        this.max = max;
        this.tooManyFromAddress = new RequestSequencer.Refusal(ErrorCode.TOO_MANY_CONNECTIONS,
            "at most " + maxPerAddress + " connections from one address are open at once; close one first");
        this.tooMany = new RequestSequencer.Refusal(ErrorCode.SERVER_BUSY,
            "the server has as many connections open as it takes; retry later");
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        final InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        final RequestSequencer.Refusal refusal = admit(address);
        if (refusal == null) {
            ctx.channel().closeFuture().addListener(closed -> release(address));
        } else {
            ctx.fireUserEventTriggered(refusal);
        }
        ctx.pipeline().remove(this);
    }

    private RequestSequencer.Refusal admit(final InetAddress address) {
        if (openByAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
            releaseAddress(address);
            return tooManyFromAddress;
        }
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            releaseAddress(address);
            return tooMany;
        }
        return null;
    }

    private void release(final InetAddress address) {
        open.decrementAndGet();
        releaseAddress(address);
    }

    private void releaseAddress(final InetAddress address) {
        openByAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }
}
