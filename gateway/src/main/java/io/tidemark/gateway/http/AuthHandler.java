package io.tidemark.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaders;
import io.tidemark.gateway.auth.Authenticator;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;

import java.util.Iterator;

/**
 * Authenticates signed routes (and signed requests to routes that are public but may be signed, such
 * as deep order books). Each {@code X-Api-*} header must come at most once (else 400
 * {@code invalid_parameter}, before anything else is looked at). A refused request is not answered
 * here but handed on marked with its refusal: what fails authentication is charged to the client
 * address's public budget by the {@link RateLimitHandler}, so a flood of bad signatures meets 429.
 * Stateless: shared.
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
        final HttpHeaders headers = request.headers();
        final boolean signed = headers.contains(KEY) || headers.contains(SIGNATURE);
        if (access == Route.Access.SIGNED || (access == Route.Access.PUBLIC_OR_SIGNED && signed)) {
            try {
                final String key = single(headers, KEY);
                final String timestamp = single(headers, TIMESTAMP);
                final String nonce = single(headers, NONCE);
                final String signature = single(headers, SIGNATURE);
                request.key = authenticator.authenticate(key, timestamp, nonce, signature, request.method().name(),
                    request.target(), request.body(), request.client(), request.route().scope());
            } catch (final ApiException e) {
                request.authRefusal = e;
            }
        }
        ctx.fireChannelRead(request);
    }

    /** The header's one value, or null; a header given twice could be read two ways, so it is refused. */
    private static String single(final HttpHeaders headers, final String name) {
        final Iterator<String> values = headers.valueStringIterator(name);
        if (!values.hasNext()) {
            return null;
        }
        final String value = values.next();
        if (values.hasNext()) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, name + " is given more than once", name);
        }
        return value;
    }
}
