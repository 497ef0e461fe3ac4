package io.tidemark.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tidemark.gateway.auth.Authenticator;
import io.tidemark.gateway.error.ApiException;

/**
 * Authenticates signed routes (and signed requests to routes that are public but may be signed, such
 * as deep order books); answers the contract's 401/403 codes otherwise. Stateless: shared.
 */
@ChannelHandler.Sharable
public final class AuthHandler extends ChannelInboundHandlerAdapter {
    public static final String KEY = "X-Api-Key";
    public static final String TIMESTAMP = "X-Api-Timestamp";
    public static final String NONCE = "X-Api-Nonce";
    public static final String SIGNATURE = "X-Api-Signature";

    private final Authenticator authenticator;

    public AuthHandler(final Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (!(msg instanceof ApiRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        final Route.Access access = request.route().access();
        final boolean signed = request.headers().contains(KEY) || request.headers().contains(SIGNATURE);
        if (access == Route.Access.SIGNED || (access == Route.Access.PUBLIC_OR_SIGNED && signed)) {
            try {
                request.key = authenticator.authenticate(request.headers().get(KEY), request.headers().get(TIMESTAMP),
                    request.headers().get(NONCE), request.headers().get(SIGNATURE), request.method().name(),
                    request.target(), request.body(), request.client(), request.route().scope());
            } catch (final ApiException e) {
                ctx.channel().writeAndFlush(ApiResponse.error(request, e));
                return;
            }
        }
        ctx.fireChannelRead(request);
    }
}
