package io.tidemark.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.ratelimit.RateLimiter.Budget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Every endpoint of API.md: method, path pattern ({@code {name}} captures one segment), who may call it,
 * and what it costs against which budget. Sandbox endpoints exist only in sandbox mode.
 */
public enum Route {
    PING("GET", "/v1/ping", Access.FREE, null, 0, Budget.DATA),
    TIME("GET", "/v1/time", Access.PUBLIC, null, 1, Budget.DATA),
    MARKETS("GET", "/v1/markets", Access.PUBLIC, null, 1, Budget.DATA),
    OPENAPI("GET", "/v1/openapi.json", Access.PUBLIC, null, 1, Budget.DATA),
    INFO("GET", "/v1/info", Access.PUBLIC, null, 1, Budget.DATA),
    METRICS("GET", "/metrics", Access.FREE, null, 0, Budget.DATA),
    // the web trading screen's static files: free, so loading the page costs the API calls it makes nothing
    SCREEN("GET", "/", Access.FREE, null, 0, Budget.DATA),
    SCREEN_ASSET("GET", "/assets/{file}", Access.FREE, null, 0, Budget.DATA),
    TICKER("GET", "/v1/ticker/{pair}", Access.PUBLIC, null, 1, Budget.DATA),
    ORDERBOOK("GET", "/v1/orderbook/{pair}", Access.PUBLIC_OR_SIGNED, null, 5, Budget.DATA),
    TRADES("GET", "/v1/trades/{pair}", Access.PUBLIC, null, 10, Budget.DATA),
    CANDLES("GET", "/v1/candles/{pair}", Access.PUBLIC, null, 10, Budget.DATA),
    STATS("GET", "/v1/stats", Access.PUBLIC, null, 1, Budget.DATA),
    MARKET_OVERVIEW("GET", "/v1/market/overview/{pair}", Access.PUBLIC, null, 5, Budget.DATA),
    MARKET_LEVELS("GET", "/v1/market/levels/{pair}", Access.SIGNED, Scope.READ, 5, Budget.DATA),
    MARKET_HEATMAP("GET", "/v1/market/heatmap/{pair}", Access.SIGNED, Scope.READ, 5, Budget.DATA),
    LARGE_TRADES("GET", "/v1/market/large-trades", Access.PUBLIC, null, 10, Budget.DATA),

    PLACE_ORDER("POST", "/v1/orders", Access.SIGNED, Scope.TRADE, 1, Budget.ORDERS),
    LIST_ORDERS("GET", "/v1/orders", Access.SIGNED, Scope.READ, 10, Budget.DATA),
    CANCEL_ALL("POST", "/v1/orders/cancel-all", Access.SIGNED, Scope.TRADE, 1, Budget.ORDERS),
    GET_ORDER_BY_CLIENT_ID("GET", "/v1/orders/by-client-id/{client_order_id}", Access.SIGNED, Scope.READ, 1, Budget.DATA),
    CANCEL_ORDER_BY_CLIENT_ID("POST", "/v1/orders/by-client-id/{client_order_id}/cancel", Access.SIGNED, Scope.TRADE, 1,
        Budget.ORDERS),
    GET_ORDER("GET", "/v1/orders/{id}", Access.SIGNED, Scope.READ, 1, Budget.DATA),
    CANCEL_ORDER("POST", "/v1/orders/{id}/cancel", Access.SIGNED, Scope.TRADE, 1, Budget.ORDERS),
    AMEND_ORDER("POST", "/v1/orders/{id}/amend", Access.SIGNED, Scope.TRADE, 1, Budget.ORDERS),
    FILLS("GET", "/v1/fills", Access.SIGNED, Scope.READ, 10, Budget.DATA),
    BALANCES("GET", "/v1/account/balances", Access.SIGNED, Scope.READ, 1, Budget.DATA),
    LEDGER("GET", "/v1/account/ledger", Access.SIGNED, Scope.READ, 10, Budget.DATA),
    TRANSFER("POST", "/v1/account/transfers", Access.SIGNED, Scope.TRADE, 1, Budget.ORDERS),
    WITHDRAW("POST", "/v1/account/withdrawals", Access.SIGNED, Scope.WITHDRAW, 1, Budget.ORDERS),
    PERFORMANCE("GET", "/v1/account/performance", Access.SIGNED, Scope.READ, 5, Budget.DATA),
    PERFORMANCE_HISTORY("GET", "/v1/account/performance/history", Access.SIGNED, Scope.READ, 10, Budget.DATA),
    EQUITY("GET", "/v1/account/equity", Access.SIGNED, Scope.READ, 10, Budget.DATA),

    ADMIN_CREATE_ACCOUNT("POST", "/v1/admin/accounts", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_CREATE_KEY("POST", "/v1/admin/accounts/{id}/keys", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_FREEZE("POST", "/v1/admin/accounts/{id}/freeze", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_UNFREEZE("POST", "/v1/admin/accounts/{id}/unfreeze", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_DEPOSIT("POST", "/v1/admin/deposits", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_WITHDRAWALS("GET", "/v1/admin/withdrawals", Access.SIGNED, Scope.ADMIN, 10, Budget.DATA),
    ADMIN_COMPLETE_WITHDRAWAL("POST", "/v1/admin/withdrawals/{id}/complete", Access.SIGNED, Scope.ADMIN, 1,
        Budget.ORDERS),
    ADMIN_REJECT_WITHDRAWAL("POST", "/v1/admin/withdrawals/{id}/reject", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_LIST_ASSET("POST", "/v1/admin/assets", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_LIST_MARKET("POST", "/v1/admin/markets", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_HALT("POST", "/v1/admin/markets/{pair}/halt", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_RESUME("POST", "/v1/admin/markets/{pair}/resume", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_FEES("POST", "/v1/admin/markets/{pair}/fees", Access.SIGNED, Scope.ADMIN, 1, Budget.ORDERS),
    ADMIN_SOLVENCY("GET", "/v1/admin/solvency", Access.SIGNED, Scope.ADMIN, 10, Budget.DATA),
    ADMIN_AUDIT("GET", "/v1/admin/audit", Access.SIGNED, Scope.ADMIN, 10, Budget.DATA),
    ADMIN_CLUSTER("GET", "/v1/admin/cluster", Access.SIGNED, Scope.ADMIN, 1, Budget.DATA),

    SANDBOX_ACCOUNTS("POST", "/v1/sandbox/accounts", Access.PUBLIC, null, 1, Budget.SIGNUP),
    SANDBOX_FAUCET("POST", "/v1/sandbox/faucet", Access.SIGNED, Scope.TRADE, 1, Budget.ORDERS);

    /** Who may call an endpoint. */
    public enum Access {
        /** No authentication and no rate limit. */
        FREE,
        /** No authentication; rate limited per client address. */
        PUBLIC,
        /** Public, but a signed request is authenticated (and limited per key), e.g. to prove a tier. */
        PUBLIC_OR_SIGNED,
        /** Signed requests only, limited per key. */
        SIGNED
    }

    private final HttpMethod method;
    private final String pattern;
    private final String[] segments;
    private final Access access;
    private final Scope scope;
    private final int weight;
    private final Budget budget;
    /** Worked out once: the router reads them for every request. */
    private final List<String> captureNames;

    Route(final String method, final String pattern, final Access access, final Scope scope, final int weight,
          final Budget budget) {
        this.method = HttpMethod.valueOf(method);
        this.pattern = pattern;
        this.segments = pattern.substring(1).split("/");
        this.access = access;
        this.scope = scope;
        this.weight = weight;
        this.budget = budget;
        final List<String> names = new ArrayList<>();
        for (final String segment : segments) {
            if (segment.startsWith("{")) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        this.captureNames = List.copyOf(names);
    }

    public HttpMethod method() {
        return method;
    }

    public String pattern() {
        return pattern;
    }

    public Access access() {
        return access;
    }

    /** The scope a key needs, or null for public endpoints. */
    public Scope scope() {
        return scope;
    }

    public int weight() {
        return weight;
    }

    public Budget budget() {
        return budget;
    }

    /** Cancels are charged but never refused for rate: a bot must always be able to pull its quotes. */
    public boolean neverRefusedForRate() {
        return this == CANCEL_ORDER || this == CANCEL_ORDER_BY_CLIENT_ID || this == CANCEL_ALL;
    }

    public boolean isSandbox() {
        return this == SANDBOX_ACCOUNTS || this == SANDBOX_FAUCET;
    }

    /** Only a cluster's gateway serves these. */
    public boolean isCluster() {
        return this == ADMIN_CLUSTER;
    }

    /** The routes a single-node server offers (see {@link #table(boolean, boolean)}). */
    public static List<Route> table(final boolean sandbox) {
        return table(sandbox, false);
    }

    /** The routes a server offers, most literal patterns first so that {@code /cancel-all} beats {@code /{id}}. */
    public static List<Route> table(final boolean sandbox, final boolean cluster) {
        final List<Route> routes = new ArrayList<>();
        for (final Route route : EnumSet.allOf(Route.class)) {
            if ((sandbox || !route.isSandbox()) && (cluster || !route.isCluster())) {
                routes.add(route);
            }
        }
        routes.sort(Comparator.comparingInt(Route::captures));
        return routes;
    }

    private int captures() {
        int count = 0;
        for (final String segment : segments) {
            if (segment.startsWith("{")) {
                count++;
            }
        }
        return count;
    }

    /**
     * Matches a path's segments; on a match, the captured values go to {@code captured} in order.
     * Captures never match an empty segment.
     */
    public boolean matches(final String[] path, final List<String> captured) {
        if (path.length != segments.length) {
            return false;
        }
        for (int i = 0; i < path.length; i++) {
            final String segment = segments[i];
            if (segment.startsWith("{")) {
                if (path[i].isEmpty()) {
                    return false;
                }
            } else if (!segment.equals(path[i])) {
                return false;
            }
        }
        for (int i = 0; i < path.length; i++) {
            if (segments[i].startsWith("{")) {
                captured.add(path[i]);
            }
        }
        return true;
    }

    /** The names of the captures, in order. */
    public List<String> captureNames() {
        return captureNames;
    }
}
