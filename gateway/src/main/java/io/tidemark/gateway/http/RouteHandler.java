package io.tidemark.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the route of a request: 404 {@code not_found} when no route has its path, 405
 * {@code method_not_allowed} (with {@code Allow}) when the path exists for other methods only.
 * Stateless: shared by all channels.
 */
@ChannelHandler.Sharable
public final class RouteHandler extends ChannelInboundHandlerAdapter {
    private final List<Route> routes;

    public RouteHandler(final boolean sandbox) {
        this(sandbox, false);
    }

    public RouteHandler(final boolean sandbox, final boolean cluster) {
        this.routes = Route.table(sandbox, cluster);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (!(msg instanceof ApiRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        final String[] segments = request.path().length() > 1 ? request.path().substring(1).split("/", -1)
            : new String[] {""};
        Set<String> allowed = null;
        final List<String> captured = new ArrayList<>(2);
        for (final Route route : routes) {
            captured.clear();
            if (route.matches(segments, captured)) {
                if (route.method().equals(request.method())) {
                    request.route = route;
                    final List<String> names = route.captureNames();
                    for (int i = 0; i < names.size(); i++) {
                        request.captures.put(names.get(i), captured.get(i));
                    }
                    ctx.fireChannelRead(request);
                    return;
                }
                if (allowed == null) {
                    allowed = new LinkedHashSet<>();
                }
                allowed.add(route.method().name());
            }
        }
        if (allowed == null) {
            ctx.channel().writeAndFlush(ApiResponse.error(request,
                new ApiException(ErrorCode.NOT_FOUND, "no endpoint " + request.path())));
        } else {
            ctx.channel().writeAndFlush(ApiResponse.error(request, new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                request.method() + " is not allowed on " + request.path())).header("Allow", String.join(", ", allowed)));
        }
    }
}
