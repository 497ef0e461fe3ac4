package io.tidemark.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;

/**
 * The last inbound handler: runs the request's {@link Endpoint}. Bad input thrown as an
 * {@link ApiException} becomes its error response; anything else is logged (without the body, which
 * may carry anything) and answered 500 {@code internal_error}. Shared.
 */
@ChannelHandler.Sharable
public final class EndpointHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointHandler.class);

    private final Map<Route, Endpoint> endpoints;

    public EndpointHandler(final Map<Route, Endpoint> endpoints) {
        this.endpoints = new EnumMap<>(endpoints);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (!(msg instanceof ApiRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        final Responder responder = new Responder(ctx.channel(), request);
        final Endpoint endpoint = endpoints.get(request.route());
        if (endpoint == null) {
            responder.fail(request, new ApiException(ErrorCode.NOT_FOUND, "no endpoint " + request.path()));
            return;
        }
        try {
            endpoint.handle(request, responder);
        } catch (final ApiException e) {
            responder.fail(request, e);
        } catch (final RuntimeException e) {
            LOG.error("event=endpoint_failed route={} error={}", request.route(), e.toString(), e);
            responder.fail(request, new ApiException(ErrorCode.INTERNAL_ERROR, "internal error"));
        }
    }

    /** A broken connection (reset, closed mid-request, undecodable bytes) ends that connection only. */
    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        LOG.debug("event=connection_error remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
