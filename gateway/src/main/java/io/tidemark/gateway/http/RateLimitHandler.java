package io.tidemark.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.json.Times;
import io.tidemark.gateway.ratelimit.RateLimiter;
import io.tidemark.gateway.ratelimit.RateLimiter.Budget;

/**
 * Charges each request's weight to its principal's budget: the key for signed requests (its tier's
 * limit), the client address otherwise; order entry and data are separate budgets. Over budget it
 * answers 429 {@code rate_limited} with {@code Retry-After} and {@code resets_at}, except for cancels,
 * which are charged but never refused. A request that failed authentication is charged to the client
 * address's public (data) budget whatever its route, cancels included, and answered with its refusal,
 * or 429 once that budget is spent: unauthenticated work is never free. A correctly signed request is
 * never charged to the address, so one client's flood of bad signatures does not lock out another
 * behind the same address. Stateless apart from the shared limiter: shared.
 */
@ChannelHandler.Sharable
public final class RateLimitHandler extends ChannelInboundHandlerAdapter {
    private static final int DEEP_BOOK_WEIGHT = 25;

    private final RateLimiter limiter;
    private final GatewayConfig config;

    public RateLimitHandler(final RateLimiter limiter, final GatewayConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (!(msg instanceof ApiRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        final Route route = request.route();
        if (request.authRefusal != null) {
            ctx.channel().writeAndFlush(limiter.charge(RateLimiter.addressPrincipal(request.client()), Budget.DATA,
                config.publicLimitPerIp(), weight(request), false, request.rate)
                ? ApiResponse.error(request, request.authRefusal) : rateLimited(request));
            return;
        }
        if (route.access() == Route.Access.FREE) {
            peek(request);
            ctx.fireChannelRead(request);
            return;
        }
        if (!limiter.charge(principal(request), route.budget(), limit(request), weight(request),
            route.neverRefusedForRate(), request.rate)) {
            ctx.channel().writeAndFlush(rateLimited(request));
            return;
        }
        ctx.fireChannelRead(request);
    }

    private static ApiResponse rateLimited(final ApiRequest request) {
        final RateLimiter.Decision rate = request.rate;
        return ApiResponse.error(request, ApiException.rateLimited(rate.limit(), Times.ofEpochMillis(rate.retryAtMillis())))
            .header("Retry-After", Long.toString(rate.retryAfterSeconds()));
    }

    /** Fills in the budget a request would draw on, uncharged: for responses given before (or without) charging. */
    public void peek(final ApiRequest request) {
        final Budget budget = request.route() == null ? Budget.DATA : request.route().budget();
        limiter.peek(principal(request), budget, limit(request), request.rate);
    }

    private Object principal(final ApiRequest request) {
        return request.key() != null ? RateLimiter.keyPrincipal(request.key().id())
            : RateLimiter.addressPrincipal(request.client());
    }

    private int limit(final ApiRequest request) {
        if (request.route() != null && request.route().budget() == Budget.SIGNUP) {
            return config.signupLimitPerIp();
        }
        return request.key() != null ? config.limit(request.key().tier()) : config.publicLimitPerIp();
    }

    private static int weight(final ApiRequest request) {
        if (request.route() == Route.ORDERBOOK) {
            final String depth;
            try {
                depth = request.queryParam("depth");
            } catch (final ApiException e) {
                return request.route().weight();
            }
            if (depth != null && depth.length() <= 9 && depth.chars().allMatch(Character::isDigit)
                && Integer.parseInt(depth) > 100) {
                return DEEP_BOOK_WEIGHT;
            }
        }
        return request.route().weight();
    }
}
