package io.tidemark.gateway.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Signer;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.http.Route;
import io.tidemark.gateway.testkit.RawHttp;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.SignedClient.Reply;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.web.WebScreen;
import io.tidemark.marketdata.analytics.AnalyticsConfig;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code /v1/openapi.json} true: real requests to a real server, each request and response
 * validated against the document (schemas with {@code additionalProperties: false}, the error codes
 * each operation lists, the headers every response must carry), plus structural checks that the
 * document and the route table / error codes agree.
 */
@Timeout(120)
class OpenApiContractTest {
    private static final AtomicLong NONCES = new AtomicLong(System.nanoTime());

    @TempDir
    static Path dir;
    static TestServer server;
    static String documentText;
    static OpenAPI document;
    static OpenApiInteractionValidator validator;
    /** "METHOD pattern status" of every exchange validated in full, for the coverage check. */
    static final Set<String> exercised = new TreeSet<>();

    @BeforeAll
    static void start() throws IOException {
        // a built web screen of two files, so that its routes answer 200 as a real build's would
        final Map<String, String> screen = Map.of("index.html", "<!doctype html><title>Tidemark</title>",
            "assets/index-Ab12Cd34.js", "console.log('screen');");
        server = TestServer.start(dir.resolve("main"), context -> context.webScreen(new WebScreen(path ->
            screen.containsKey(path) ? new ByteArrayInputStream(screen.get(path).getBytes(StandardCharsets.UTF_8)) : null))
            // trades of 50 USD (BTC-USD, ETH-USD) and 1 BTC (ETH-BTC) and more are large here, so the feed has rows
            .analytics(AnalyticsConfig.of(ConfigFile.defaults().exchange(), 50_000_000L, 50_000_000L, 100_000_000L)));
        documentText = new String(PublicEndpoints.openApiDocument(), StandardCharsets.UTF_8);
        final ParseOptions options = new ParseOptions();
        options.setResolve(true);
        final SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(documentText, null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        document = parsed.getOpenAPI();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(documentText).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- the document itself

    @Test
    void theDocumentIsValidOpenApi303AndIsWhatTheServerServes() {
        assertThat(document).isNotNull();
        assertThat(document.getOpenapi()).isEqualTo("3.0.3");
        final Exchange served = send(null, "GET", "/v1/openapi.json", "");
        assertThat(served.reply.status()).isEqualTo(200);
        assertThat(new String(served.reply.raw().body(), StandardCharsets.UTF_8)).isEqualTo(documentText);
        assertValid(served);
        // the four signing headers are apiKey schemes in header, required together
        assertThat(document.getComponents().getSecuritySchemes().values())
            .extracting(s -> s.getName())
            .containsExactlyInAnyOrder("X-Api-Key", "X-Api-Timestamp", "X-Api-Nonce", "X-Api-Signature");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        final Set<String> routes = new TreeSet<>();
        for (final Route route : Route.values()) {
            routes.add(route.method().name() + " " + route.pattern());
            final Operation operation = operation(route.method().name(), route.pattern());
            assertThat(operation).as("%s %s in the document", route.method(), route.pattern()).isNotNull();
            // signed routes require all four headers together; public ones need none (orderbook: optional)
            final boolean signed = route.access() == Route.Access.SIGNED;
            final boolean optional = route.access() == Route.Access.PUBLIC_OR_SIGNED;
            final var security = operation.getSecurity();
            if (signed) {
                assertThat(security).as(route.name()).hasSize(1);
                assertThat(security.get(0).keySet()).containsExactlyInAnyOrder("ApiKey", "ApiTimestamp", "ApiNonce",
                    "ApiSignature");
            } else if (optional) {
                assertThat(security).as(route.name()).hasSize(2);
                assertThat(security.get(0)).isEmpty();
            } else {
                assertThat(security).as(route.name()).isEmpty();
            }
            // every endpoint that is rate limited documents the 429; cancels (never refused once signed
            // correctly) only the one a request that fails authentication gets
            final boolean limited = route.access() != Route.Access.FREE;
            assertThat(operation.getResponses().containsKey("429")).as(route.name() + " 429").isEqualTo(limited);
            if (route.neverRefusedForRate()) {
                assertThat(operation.getResponses().get("429").get$ref()).as(route.name())
                    .endsWith("/Error429-failed-authentication");
            }
            if (signed) {
                assertThat(operation.getResponses()).as(route.name()).containsKeys("401", "403");
            }
            for (final String capture : route.captureNames()) {
                assertThat(operation.getParameters()).as(route.name())
                    .anyMatch(p -> p.getName().equals(capture) && "path".equals(p.getIn()));
            }
        }
        final Set<String> documented = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
            .forEach((method, op) -> documented.add(method.name() + " " + path)));
        assertThat(documented).isEqualTo(routes);
    }

    @Test
    void everyDocumentedErrorCodeExistsWithTheDocumentedStatus() {
        final Map<String, Integer> statusOf = new LinkedHashMap<>();
        for (final ErrorCode code : ErrorCode.values()) {
            statusOf.put(code.code(), code.status().code());
        }
        final Set<String> seen = new HashSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
            op.getResponses().forEach((status, response) -> {
                final ApiResponse resolved = response.get$ref() == null ? response : document.getComponents()
                    .getResponses().get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1));
                final String name = method + " " + path + " " + status;
                assertThat(resolved).as(name).isNotNull();
                assertThat(resolved.getHeaders()).as(name).containsKeys("RateLimit-Limit", "RateLimit-Remaining",
                    "RateLimit-Reset", "RateLimit-Policy");
                if (status.equals("200")) {
                    return;
                }
                for (final String code : codes(resolved)) {
                    assertThat(statusOf).as(name).containsKey(code);
                    assertThat(statusOf.get(code)).as(name + " " + code).isEqualTo(Integer.parseInt(status));
                    seen.add(code);
                }
                if (status.equals("429")) {
                    assertThat(resolved.getHeaders()).as(name).containsKey("Retry-After");
                }
            })));
        // a method a path does not offer: described in the document's text, not per operation (errorsAnswerAsDocumented)
        seen.add("method_not_allowed");
        // codes only the WebSocket answers are listed with it, and answerable nowhere else
        @SuppressWarnings("unchecked")
        final List<String> wsOnly = (List<String>) ((Map<String, Object>) document.getExtensions().get("x-websocket"))
            .get("error_codes");
        assertThat(wsOnly).doesNotContainAnyElementsOf(seen);
        seen.addAll(wsOnly);
        // answers that belong to a connection rather than to an operation
        connectionResponses().forEach((status, response) -> {
            final String name = "x-connection " + status;
            assertThat(response).as(name).isNotNull();
            assertThat(response.getHeaders()).as(name).containsKeys("RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset", "RateLimit-Policy", "Connection");
            for (final String code : codes(response)) {
                assertThat(statusOf).as(name).containsKey(code);
                assertThat(statusOf.get(code)).as(name + " " + code).isEqualTo(Integer.parseInt(status));
                seen.add(code);
            }
        });
        // every code of the contract is answerable somewhere in the document
        assertThat(seen).containsAll(statusOf.keySet());
    }

    @SuppressWarnings("unchecked")
    static List<String> codes(final ApiResponse response) {
        final Schema<?> body = resolve(response.getContent().get("application/json").getSchema());
        final Schema<?> error = resolve((Schema<?>) body.getProperties().get("error"));
        final List<String> codes = new ArrayList<>();
        for (final Object code : ((Schema<Object>) error.getProperties().get("code")).getEnum()) {
            codes.add((String) code);
        }
        assertThat(codes).isNotEmpty();
        return codes;
    }

    // ---------------------------------------------------------------- happy paths, every endpoint

    @Test
    void everyEndpointAnswersAsDocumented() {
        final SignedClient maker = server.account("USD", "200000", "BTC", "2");
        final SignedClient taker = server.account("USD", "200000", "BTC", "2");
        final SignedClient withdrawer = server.account(Set.of(Scope.READ, Scope.TRADE, Scope.WITHDRAW), List.of(),
            Tier.RETAIL, "USD", "1000");
        final SignedClient verified = server.account(Set.of(Scope.READ), List.of(), Tier.VERIFIED);

        ok(send(null, "GET", "/v1/ping", ""));
        ok(send(null, "GET", "/v1/openapi.json", ""));
        final Exchange info = ok(send(null, "GET", "/v1/info", ""));
        assertThat(info.reply.data().path("mode").asText()).isEqualTo("server");
        final Exchange page = send(null, "GET", "/", "");
        assertThat(page.reply.header("Content-Type")).startsWith("text/html");
        ok(page);
        final Exchange script = send(null, "GET", "/assets/index-Ab12Cd34.js", "");
        assertThat(script.reply.header("Cache-Control")).contains("immutable");
        ok(script);
        final Exchange time = ok(send(null, "GET", "/v1/time", ""));
        assertThat(time.reply.data().path("epoch_ms").isIntegralNumber()).isTrue();
        final Exchange markets = ok(send(null, "GET", "/v1/markets", ""));
        assertThat(markets.reply.data()).hasSize(3);
        final Exchange metrics = send(null, "GET", "/metrics", "");
        assertThat(metrics.reply.status()).isEqualTo(200);
        assertThat(metrics.reply.header("Content-Type")).startsWith("text/plain");
        assertValid(metrics);

        // a pair that never traded: the trade-derived members are null, and that is documented
        final Exchange quiet = ok(send(null, "GET", "/v1/ticker/ETH-BTC", ""));
        assertThat(quiet.reply.data().path("last_price").isNull()).isTrue();
        assertThat(quiet.reply.data().path("market_cap").isNull()).isTrue();
        ok(send(null, "GET", "/v1/orderbook/ETH-BTC", ""));
        ok(send(null, "GET", "/v1/trades/ETH-BTC", ""));
        ok(send(null, "GET", "/v1/candles/ETH-BTC", ""));

        // resting orders on both sides, one with every optional member given explicitly
        final String resting = "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"64000\","
            + "\"size\":\"0.02\",\"time_in_force\":\"gtc\",\"post_only\":true,\"client_order_id\":\"mm-1\","
            + "\"stop_price\":null,\"funds\":null,\"stp\":\"cancel_maker\"}";
        final Exchange sell = ok(send(maker, "POST", "/v1/orders", resting));
        assertThat(sell.reply.data().path("status").asText()).isEqualTo("open");
        assertThat(sell.reply.header("Idempotent-Replayed")).isNull();
        final String sellId = sell.reply.data().path("id").asText();
        ok(send(maker, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}"));
        ok(send(maker, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"62000\",\"size\":\"0.05\",\"client_order_id\":\"mm-2\"}"));
        ok(send(maker, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"61000\",\"size\":\"0.01\"}"));

        // the same client_order_id and fields again: a replay, with its header
        final Exchange replay = ok(send(maker, "POST", "/v1/orders", resting));
        assertThat(replay.reply.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.reply.data().path("id").asText()).isEqualTo(sellId);

        // an IOC that takes the 63000 ask and cancels its remainder; a market buy by funds; stops
        final Exchange ioc = ok(send(taker, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.02\",\"time_in_force\":\"ioc\"}"));
        assertThat(ioc.reply.data().path("status").asText()).isEqualTo("cancelled");
        assertThat(ioc.reply.data().path("cancel_reason").asText()).isEqualTo("ioc_remainder");
        assertThat(ioc.reply.data().path("filled_size").asText()).isEqualTo("0.0100");
        assertThat(ioc.reply.data().path("avg_fill_price").asText()).isEqualTo("63000.00");
        final Exchange byFunds = ok(send(taker, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"market\",\"funds\":\"100\"}"));
        assertThat(byFunds.reply.data().path("size").isNull()).isTrue();
        assertThat(byFunds.reply.data().path("remaining_size").isNull()).isTrue();
        assertThat(byFunds.reply.data().path("funds").asText()).startsWith("100");
        final Exchange stop = ok(send(taker, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"sell\",\"type\":\"stop\",\"stop_price\":\"50000\",\"size\":\"0.01\"}"));
        assertThat(stop.reply.data().path("status").asText()).isEqualTo("pending_trigger");
        ok(send(taker, "POST", "/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"stop_limit\","
            + "\"stop_price\":\"70000\",\"price\":\"70500\",\"size\":\"0.01\",\"client_order_id\":\"tk-stop\"}"));

        // market data after trading
        final Exchange ticker = ok(send(null, "GET", "/v1/ticker/BTC-USD", ""));
        assertThat(ticker.reply.data().path("last_price").asText()).isEqualTo("64000.00");
        assertThat(ticker.reply.data().path("market_cap").isTextual()).isTrue();
        final Exchange book = ok(send(null, "GET", "/v1/orderbook/BTC-USD?depth=10", ""));
        assertThat(book.reply.data().path("bids")).hasSize(2);
        assertThat(book.reply.data().path("asks")).hasSize(1);
        ok(send(verified, "GET", "/v1/orderbook/BTC-USD?depth=1000", ""));
        final Exchange trades = ok(send(null, "GET", "/v1/trades/BTC-USD?limit=1", ""));
        assertThat(trades.reply.json().path("next_cursor").isTextual()).isTrue();
        final Exchange older = ok(send(null, "GET", "/v1/trades/BTC-USD?limit=1&before="
            + trades.reply.json().path("next_cursor").asText(), ""));
        assertThat(older.reply.data()).hasSize(1);
        final Exchange candles = ok(send(null, "GET", "/v1/candles/BTC-USD?interval=1m&limit=300", ""));
        assertThat(candles.reply.data()).isNotEmpty();
        ok(send(null, "GET", "/v1/candles/BTC-USD?interval=1d", ""));

        // reading orders and fills back, with pagination
        ok(send(maker, "GET", "/v1/orders/" + sellId, ""));
        ok(send(maker, "GET", "/v1/orders/by-client-id/mm-1", ""));
        final Exchange open = ok(send(maker, "GET", "/v1/orders?pair=BTC-USD&status=open&limit=1", ""));
        assertThat(open.reply.json().path("next_cursor").isTextual()).isTrue();
        ok(send(maker, "GET", "/v1/orders?status=open&limit=1&before=" + open.reply.json().path("next_cursor").asText(), ""));
        ok(send(taker, "GET", "/v1/orders?status=closed", ""));
        ok(send(taker, "GET", "/v1/orders?status=all", ""));
        final Exchange fills = ok(send(taker, "GET", "/v1/fills?pair=BTC-USD&limit=1", ""));
        assertThat(fills.reply.data()).hasSize(1);
        assertThat(fills.reply.json().path("next_cursor").isTextual()).isTrue();
        ok(send(taker, "GET", "/v1/fills?before=" + fills.reply.json().path("next_cursor").asText(), ""));
        final Exchange makerFills = ok(send(maker, "GET", "/v1/fills", ""));
        assertThat(makerFills.reply.data().get(0).path("liquidity").asText()).isEqualTo("maker");
        final Exchange ledger = ok(send(taker, "GET", "/v1/account/ledger?asset=USD&limit=2", ""));
        assertThat(ledger.reply.data()).hasSize(2);
        assertThat(ledger.reply.json().path("next_cursor").isTextual()).isTrue();
        ok(send(taker, "GET", "/v1/account/ledger?before=" + ledger.reply.json().path("next_cursor").asText(), ""));

        // amend, cancel (twice: idempotent), cancel by client id, cancel-all
        final Exchange amended = ok(send(maker, "POST", "/v1/orders/" + sellId + "/amend", "{\"size\":\"0.019\"}"));
        assertThat(amended.reply.data().path("size").asText()).isEqualTo("0.0190");
        ok(send(maker, "POST", "/v1/orders/" + sellId + "/amend", "{\"price\":\"63500\",\"size\":null}"));
        final Exchange cancelled = ok(send(maker, "POST", "/v1/orders/" + sellId + "/cancel", ""));
        assertThat(cancelled.reply.data().path("cancel_reason").asText()).isEqualTo("user");
        final Exchange again = ok(send(maker, "POST", "/v1/orders/" + sellId + "/cancel", ""));
        assertThat(again.reply.data().path("status").asText()).isEqualTo("cancelled");
        ok(send(maker, "POST", "/v1/orders/by-client-id/mm-2/cancel", ""));
        ok(send(taker, "POST", "/v1/orders/by-client-id/tk-stop/cancel", ""));
        final Exchange all = ok(send(maker, "POST", "/v1/orders/cancel-all", "{\"pair\":\"BTC-USD\"}"));
        assertThat(all.reply.data().path("count").asInt()).isEqualTo(1);
        assertThat(all.reply.data().path("cancelled_order_ids")).hasSize(1);
        final Exchange rest = ok(send(taker, "POST", "/v1/orders/cancel-all", ""));
        assertThat(rest.reply.data().path("cancelled_order_ids")).hasSize(rest.reply.data().path("count").asInt());

        // the account
        final Exchange balances = ok(send(maker, "GET", "/v1/account/balances", ""));
        assertThat(balances.reply.data()).hasSize(3);
        ok(send(maker, "POST", "/v1/account/transfers", "{\"asset\":\"USD\",\"amount\":\"10.5\",\"from\":\"spot\",\"to\":\"earn\"}"));
        final Exchange withdrawal = ok(send(withdrawer, "POST", "/v1/account/withdrawals",
            "{\"asset\":\"USD\",\"amount\":\"25\",\"address\":\"0xabc123\"}"));
        // a real exchange holds it for the operator
        assertThat(withdrawal.reply.data().path("status").asText()).isEqualTo("pending");

        // the operator's routes, with the data directory's first admin key
        final var adminKey = server.server().adminKeyCreated().orElseThrow();
        final SignedClient admin = new SignedClient(server.baseUrl(), adminKey.key().id(), adminKey.secret(), 0);
        final Exchange account = ok(send(admin, "POST", "/v1/admin/accounts", "{\"label\":\"desk 1\"}"));
        final String accountId = account.reply.data().path("account_id").asText();
        ok(send(admin, "POST", "/v1/admin/accounts", ""));
        ok(send(admin, "POST", "/v1/admin/accounts/" + accountId + "/keys",
            "{\"scopes\":[\"read\",\"trade\"],\"tier\":\"verified\",\"ip_allowlist\":[\"127.0.0.1/32\"],\"drift_ms\":10000}"));
        ok(send(admin, "POST", "/v1/admin/deposits", "{\"account_id\":\"" + accountId
            + "\",\"asset\":\"USD\",\"amount\":\"500\",\"reference\":\"wire-1\"}"));
        final Exchange pending = ok(send(admin, "GET", "/v1/admin/withdrawals?status=pending&limit=10", ""));
        assertThat(pending.reply.data()).hasSize(1);
        final String withdrawalId = withdrawal.reply.data().path("id").asText();
        ok(send(admin, "POST", "/v1/admin/withdrawals/" + withdrawalId + "/complete", ""));
        final Exchange second = ok(send(withdrawer, "POST", "/v1/account/withdrawals",
            "{\"asset\":\"USD\",\"amount\":\"5\",\"address\":\"0xabc124\"}"));
        ok(send(admin, "POST", "/v1/admin/withdrawals/" + second.reply.data().path("id").asText() + "/reject", ""));
        ok(send(admin, "GET", "/v1/admin/withdrawals", ""));
        ok(send(admin, "POST", "/v1/admin/accounts/" + accountId + "/freeze", "{\"cancel_orders\":true}"));
        ok(send(admin, "POST", "/v1/admin/accounts/" + accountId + "/unfreeze", ""));
        ok(send(admin, "POST", "/v1/admin/markets/ETH-BTC/halt", ""));
        ok(send(admin, "POST", "/v1/admin/markets/ETH-BTC/resume", ""));
        final Exchange fees = ok(send(admin, "POST", "/v1/admin/markets/ETH-BTC/fees",
            "{\"maker_fee_bps\":5,\"taker_fee_bps\":15}"));
        assertThat(fees.reply.data().path("taker_fee_bps").asInt()).isEqualTo(15);
        ok(send(admin, "POST", "/v1/admin/assets", "{\"asset\":\"SOL\",\"scale\":9}"));
        assertError(send(admin, "POST", "/v1/admin/assets", "{\"asset\":\"SOL\",\"scale\":9}"), 409, "asset_exists",
            true);
        final Exchange listed = ok(send(admin, "POST", "/v1/admin/markets", "{\"pair\":\"SOL-USD\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\",\"min_notional\":\"1\",\"maker_fee_bps\":10,\"taker_fee_bps\":25}"));
        assertThat(listed.reply.data().path("pair").asText()).isEqualTo("SOL-USD");
        assertError(send(admin, "POST", "/v1/admin/markets", "{\"pair\":\"SOL-USD\",\"tick_size\":\"0.01\","
            + "\"lot_size\":\"0.01\"}"), 409, "market_exists", true);
        ok(send(admin, "GET", "/v1/markets", ""));
        final Exchange solvency = ok(send(admin, "GET", "/v1/admin/solvency", ""));
        solvency.reply.data().forEach(line -> assertThat(line.path("difference").asText()).isEqualTo("0"));
        final Exchange audit = ok(send(admin, "GET", "/v1/admin/audit?limit=2", ""));
        ok(send(admin, "GET", "/v1/admin/audit?before=" + audit.reply.json().path("next_cursor").asText(), ""));

        // market intelligence and account analytics, after that trading
        final Exchange stats = ok(send(null, "GET", "/v1/stats", ""));
        assertThat(stats.reply.data().path("markets").asInt()).as("the three configured and SOL-USD listed above").isEqualTo(4);
        assertThat(stats.reply.data().path("trades_24h").asLong()).isPositive();
        final Exchange overview = ok(send(null, "GET", "/v1/market/overview/BTC-USD", ""));
        assertThat(overview.reply.data().path("depth")).hasSize(4);
        ok(send(null, "GET", "/v1/market/overview/ETH-BTC", ""));
        final Exchange levels = ok(send(verified, "GET", "/v1/market/levels/BTC-USD?period=1h", ""));
        assertThat(levels.reply.data().path("period").asText()).isEqualTo("1h");
        ok(send(verified, "GET", "/v1/market/levels/BTC-USD", ""));
        final Exchange heatmap = ok(send(verified, "GET", "/v1/market/heatmap/BTC-USD?window=7d", ""));
        assertThat(heatmap.reply.data().path("samples").asLong()).isPositive();
        final Exchange large = ok(send(null, "GET", "/v1/market/large-trades?pair=BTC-USD&limit=1", ""));
        assertThat(large.reply.data()).hasSize(1);
        assertThat(large.reply.json().path("threshold").asText()).isEqualTo("50.000000");
        assertThat(large.reply.json().path("next_cursor").isTextual()).isTrue();
        ok(send(null, "GET", "/v1/market/large-trades?pair=BTC-USD&taker_side=sell&min_notional=200&before="
            + large.reply.json().path("next_cursor").asText(), ""));
        ok(send(null, "GET", "/v1/market/large-trades", ""));
        final Exchange performance = ok(send(taker, "GET", "/v1/account/performance", ""));
        assertThat(performance.reply.data().path("summary").path("fills").asInt()).isPositive();
        ok(send(taker, "GET", "/v1/account/performance?pair=BTC-USD", ""));
        ok(send(taker, "GET", "/v1/account/performance/history?limit=5", ""));
        final Exchange equity = ok(send(taker, "GET", "/v1/account/equity?days=3&quote=USD", ""));
        assertThat(equity.reply.data()).hasSizeBetween(3, 4);

        // every operation of this (non-sandbox) server was exercised with a 200 that matched the document
        final Set<String> expected = new TreeSet<>();
        for (final Route route : Route.table(false)) {
            expected.add(route.method().name() + " " + route.pattern() + " 200");
        }
        assertThat(exercised).containsAll(expected);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void errorsAnswerAsDocumented() {
        final SignedClient bot = server.account("USD", "1000");
        final SignedClient reader = server.account(Set.of(Scope.READ), List.of(), Tier.RETAIL);

        // 400: a request the document accepts but the market refuses (tick), and one it cannot fund
        assertError(send(bot, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000.001\",\"size\":\"0.01\"}"), 400, "invalid_price", true);
        assertError(send(bot, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.00001\"}"), 400, "invalid_size", true);
        assertError(send(bot, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"1\"}"), 400, "insufficient_funds", true);
        assertError(send(bot, "POST", "/v1/account/transfers",
            "{\"asset\":\"USD\",\"amount\":\"5000\",\"from\":\"spot\",\"to\":\"margin\"}"), 400, "insufficient_funds", true);
        // 400s whose requests the document also refuses: only the response is checked against the operation
        final Exchange exponent = send(bot, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"6.3e4\",\"size\":\"0.01\"}");
        assertError(exponent, 400, "invalid_price", false);
        assertThat(validator.validateRequest(request(exponent)).hasErrors()).as("the document refuses exponents too").isTrue();
        final Exchange number = send(bot, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":63000,\"size\":\"0.01\"}");
        assertError(number, 400, "invalid_price", false);
        assertThat(validator.validateRequest(request(number)).hasErrors()).as("the document refuses JSON numbers").isTrue();
        assertError(send(bot, "POST", "/v1/orders", "{\"pair\":"), 400, "invalid_json", false);
        final Exchange unknownMember = send(bot, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"1\",\"size\":\"0.01\",\"leverage\":\"10\"}");
        assertError(unknownMember, 400, "invalid_parameter", false);
        assertThat(validator.validateRequest(request(unknownMember)).hasErrors()).as("unknown members").isTrue();
        assertError(send(null, "GET", "/v1/time?verbose=1", ""), 400, "invalid_parameter", false);
        assertError(send(null, "GET", "/v1/candles/BTC-USD?interval=2m", ""), 400, "invalid_parameter", false);
        assertError(send(bot, "GET", "/v1/orders?limit=0", ""), 400, "invalid_parameter", false);
        assertError(send(bot, "POST", "/v1/orders/1/amend", "{}"), 400, "invalid_parameter", false);

        // 401
        final Exchange unsigned = send(null, "GET", "/v1/orders", "");
        assertError(unsigned, 401, "missing_auth", false);
        final Exchange stale = sendAt(bot, "GET", "/v1/account/balances", "", System.currentTimeMillis() - 60_000,
            "stale" + NONCES.incrementAndGet(), null);
        assertError(stale, 401, "timestamp_out_of_window", true);
        assertThat(stale.reply.json().path("error").path("server_time").isIntegralNumber()).isTrue();
        final long now = System.currentTimeMillis();
        final String nonce = "once" + NONCES.incrementAndGet();
        ok(sendAt(bot, "GET", "/v1/account/balances", "", now, nonce, null));
        assertError(sendAt(bot, "GET", "/v1/account/balances", "", now, nonce, null), 401, "nonce_reused", true);
        assertError(sendAt(bot, "GET", "/v1/account/balances", "", now, "bad" + NONCES.incrementAndGet(), "00".repeat(32)),
            401, "invalid_signature", true);
        assertError(send(new SignedClient(server.baseUrl(), "no-such-key", "secret", 0), "GET", "/v1/fills", ""),
            401, "invalid_key", true);

        // 403
        assertError(send(reader, "POST", "/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"63000\",\"size\":\"0.01\"}"), 403, "insufficient_scope", true);
        assertError(send(bot, "POST", "/v1/account/withdrawals",
            "{\"asset\":\"USD\",\"amount\":\"1\",\"address\":\"addr\"}"), 403, "insufficient_scope", true);
        assertError(send(null, "GET", "/v1/orderbook/BTC-USD?depth=500", ""), 403, "tier_required", true);
        assertError(send(bot, "GET", "/v1/orderbook/BTC-USD?depth=1000", ""), 403, "tier_required", true);
        // levels and heatmap: signed, and for verified keys and up
        assertError(send(null, "GET", "/v1/market/levels/BTC-USD", ""), 401, "missing_auth", false);
        assertError(send(null, "GET", "/v1/market/heatmap/BTC-USD", ""), 401, "missing_auth", false);
        assertError(send(reader, "GET", "/v1/market/levels/BTC-USD", ""), 403, "tier_required", true);
        assertError(send(reader, "GET", "/v1/market/heatmap/BTC-USD?window=30d", ""), 403, "tier_required", true);
        assertError(send(null, "GET", "/v1/market/overview/DOGE-USD", ""), 404, "unknown_pair", true);
        assertError(send(null, "GET", "/v1/market/large-trades?taker_side=both", ""), 400, "invalid_parameter", false);
        assertError(send(bot, "GET", "/v1/account/equity?quote=EUR", ""), 400, "invalid_parameter", true);
        final SignedClient elsewhere = server.account(Set.of(Scope.READ), List.of("10.0.0.0/8"), Tier.RETAIL);
        assertError(send(elsewhere, "GET", "/v1/account/balances", ""), 403, "ip_not_allowed", true);

        // 404
        assertError(send(null, "GET", "/v1/ticker/DOGE-USD", ""), 404, "unknown_pair", true);
        assertError(send(null, "GET", "/v1/orderbook/DOGE-USD", ""), 404, "unknown_pair", true);
        assertError(send(bot, "GET", "/v1/orders?pair=DOGE-USD", ""), 404, "unknown_pair", true);
        assertError(send(bot, "POST", "/v1/orders",
            "{\"pair\":\"DOGE-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"1\",\"size\":\"1\"}"), 404, "unknown_pair", true);
        assertError(send(bot, "GET", "/v1/orders/999999999", ""), 404, "order_not_found", true);
        assertError(send(bot, "POST", "/v1/orders/999999999/cancel", ""), 404, "order_not_found", true);
        assertError(send(bot, "GET", "/v1/orders/by-client-id/nobody", ""), 404, "order_not_found", true);
        assertError(send(bot, "POST", "/v1/orders/by-client-id/nobody/cancel", ""), 404, "order_not_found", true);
        assertError(send(bot, "POST", "/v1/orders/999999999/amend", "{\"size\":\"0.01\"}"), 404, "order_not_found", true);
        // sandbox endpoints are documented but exist only in sandbox mode: not_found here
        assertError(send(null, "POST", "/v1/sandbox/accounts", ""), 404, "not_found", true);
        assertError(send(bot, "POST", "/v1/sandbox/faucet", "{\"asset\":\"USD\",\"amount\":\"100\"}"), 404, "not_found", true);
        // a file the web screen's build did not make
        assertError(send(null, "GET", "/assets/index-00000000.js", ""), 404, "not_found", true);
        // an undocumented path: the same 404 not_found body the documented paths use
        final Exchange nowhere = send(null, "GET", "/v1/nowhere", "");
        assertThat(nowhere.reply.status()).isEqualTo(404);
        assertMatchesComponentResponse(nowhere, "Error404-not_found", "not_found");

        // 405 with Allow
        final Exchange delete = send(bot, "DELETE", "/v1/orders", "");
        assertThat(delete.reply.status()).isEqualTo(405);
        assertThat(delete.reply.header("Allow")).contains("GET").contains("POST");
        assertThat(delete.reply.errorCode()).isEqualTo("method_not_allowed");
        assertThat(delete.reply.json().path("error").path("message").asText()).isNotBlank();
        assertThat(delete.reply.json().fieldNames()).toIterable().containsExactly("error");

        // 409: the same client_order_id with different fields
        ok(send(bot, "POST", "/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"1000\","
            + "\"size\":\"0.01\",\"client_order_id\":\"dup-1\"}"));
        assertError(send(bot, "POST", "/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"1001\","
            + "\"size\":\"0.01\",\"client_order_id\":\"dup-1\"}"), 409, "client_order_id_conflict", true);

        // 413: a body over 64 KiB
        final String huge = "{\"pair\":\"BTC-USD\",\"client_order_id\":\"" + "x".repeat(70_000) + "\"}";
        assertError(send(bot, "POST", "/v1/orders", huge), 413, "payload_too_large", false);
    }

    @Test
    void rateLimitedAnswersAsDocumented(@TempDir final Path limitedDir) throws IOException {
        final GatewayConfig tiny = GatewayConfig.from(ConfigFile.defaults()).withPort(0)
            .withLimits(Map.of(Tier.RETAIL, 3, Tier.VERIFIED, 3, Tier.MARKET_MAKER, 3), 3, 1);
        try (TestServer limited = TestServer.start(limitedDir, context -> context.gateway(tiny))) {
            final SignedClient bot = limited.account("USD", "1000");
            for (int i = 0; i < 3; i++) {
                final Exchange fine = exchange(limited.baseUrl(), null, "GET", "/v1/time", "", System.currentTimeMillis(),
                    "n" + NONCES.incrementAndGet(), null);
                assertValid(fine);
                assertThat(fine.reply.header("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
                assertThat(fine.reply.header("RateLimit-Policy")).isEqualTo("3;w=60");
            }
            final Exchange over = exchange(limited.baseUrl(), null, "GET", "/v1/time", "", System.currentTimeMillis(),
                "n" + NONCES.incrementAndGet(), null);
            assertError(over, 429, "rate_limited", true);
            assertThat(over.reply.header("Retry-After")).isNotNull();
            assertThat(over.reply.json().path("error").path("resets_at").isTextual()).isTrue();
            // a signed list (weight 10) is over a budget of 3 at once
            final Exchange list = exchange(limited.baseUrl(), bot, "GET", "/v1/orders", "", System.currentTimeMillis(),
                "n" + NONCES.incrementAndGet(), null);
            assertError(list, 429, "rate_limited", true);
            // a cancel is never refused for rate, and the document lists no 429 for it
            final Exchange cancel = exchange(limited.baseUrl(), bot, "POST", "/v1/orders/123456/cancel", "",
                System.currentTimeMillis(), "n" + NONCES.incrementAndGet(), null);
            assertError(cancel, 404, "order_not_found", true);
        }
    }

    @Test
    void connectionAnswersAreAsDocumented(@TempDir final Path connectionDir) throws IOException {
        final GatewayConfig strict = GatewayConfig.from(ConfigFile.defaults()).withPort(0).withHeaderTimeoutMillis(300);
        try (TestServer limited = TestServer.start(connectionDir, context -> context.gateway(strict))) {
            try (Socket socket = new Socket("127.0.0.1", limited.server().port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /v1/ping HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                assertMatchesConnectionResponse(RawHttp.read(new BufferedInputStream(socket.getInputStream())), "408",
                    "request_timeout");
            }
        }
        // one connection from 127.0.0.1 and one from 127.0.0.2 in all
        final GatewayConfig capped = GatewayConfig.from(ConfigFile.defaults()).withPort(0).withConnectionLimits(1, 2);
        try (TestServer limited = TestServer.start(connectionDir.resolve("capped"), context -> context.gateway(capped));
             Socket first = connectFrom("127.0.0.1", limited);
             Socket second = connectFrom("127.0.0.2", limited)) {
            for (final Socket open : new Socket[] {first, second}) {
                open.getOutputStream().write("GET /v1/ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.read(new BufferedInputStream(open.getInputStream())).status()).isEqualTo(200);
            }
            try (Socket sameAddress = connectFrom("127.0.0.1", limited)) {
                assertMatchesConnectionResponse(RawHttp.read(new BufferedInputStream(sameAddress.getInputStream())), "429",
                    "too_many_connections");
            }
            try (Socket otherAddress = connectFrom("127.0.0.3", limited)) {
                assertMatchesConnectionResponse(RawHttp.read(new BufferedInputStream(otherAddress.getInputStream())), "503",
                    "server_busy");
            }
        }
    }

    private static Socket connectFrom(final String address, final TestServer server) throws IOException {
        final Socket socket = new Socket();
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.server().port()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    // ---------------------------------------------------------------- helpers

    /** One real exchange: what was sent and what came back. */
    record Exchange(String method, String path, Map<String, List<String>> query, Map<String, String> headers, String body,
                    Reply reply) {
        @Override
        public String toString() {
            return method + " " + path + query + " -> " + reply.status() + " " + reply.json();
        }
    }

    static Exchange send(final SignedClient who, final String method, final String pathWithQuery, final String body) {
        return sendAt(who, method, pathWithQuery, body, System.currentTimeMillis(), "c" + NONCES.incrementAndGet(), null);
    }

    static Exchange sendAt(final SignedClient who, final String method, final String pathWithQuery, final String body,
                           final long timestamp, final String nonce, final String signature) {
        return exchange(server.baseUrl(), who, method, pathWithQuery, body, timestamp, nonce, signature);
    }

    /** Sends a request (signed when {@code who} is given; {@code signature} overrides the computed one). */
    static Exchange exchange(final String baseUrl, final SignedClient who, final String method, final String pathWithQuery,
                             final String body, final long timestamp, final String nonce, final String signature) {
        final Map<String, String> headers = new LinkedHashMap<>();
        if (who != null) {
            headers.put("X-Api-Key", who.keyId());
            headers.put("X-Api-Timestamp", Long.toString(timestamp));
            headers.put("X-Api-Nonce", nonce);
            headers.put("X-Api-Signature", signature != null ? signature : Signer.sign(who.secret(), Long.toString(timestamp),
                nonce, method, pathWithQuery, body.getBytes(StandardCharsets.UTF_8)));
        }
        if (!body.isEmpty()) {
            headers.put("Content-Type", "application/json");
        }
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathWithQuery))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        final Reply reply = SignedClient.raw(baseUrl, builder);
        final int q = pathWithQuery.indexOf('?');
        final String path = q < 0 ? pathWithQuery : pathWithQuery.substring(0, q);
        final Map<String, List<String>> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (final String pair : pathWithQuery.substring(q + 1).split("&")) {
                final int eq = pair.indexOf('=');
                final String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new Exchange(method, path, query, headers, body, reply);
    }

    static Request request(final Exchange x) {
        final SimpleRequest.Builder builder = new SimpleRequest.Builder(x.method, x.path);
        x.query.forEach(builder::withQueryParam);
        x.headers.forEach((name, value) -> builder.withHeader(name, value));
        if (!x.body.isEmpty()) {
            builder.withBody(x.body);
        }
        return builder.build();
    }

    static SimpleResponse response(final Exchange x) {
        final SimpleResponse.Builder builder = SimpleResponse.Builder.status(x.reply.status());
        x.reply.raw().headers().map().forEach(builder::withHeader);
        builder.withBody(x.reply.raw().body());
        return builder.build();
    }

    /** A 200 whose request and response both match the document. */
    static Exchange ok(final Exchange x) {
        assertThat(x.reply.status()).as(x.toString()).isEqualTo(200);
        assertValid(x);
        return x;
    }

    /** The request and the response both match the document; records the operation as exercised. */
    static void assertValid(final Exchange x) {
        final ValidationReport report = validator.validate(request(x), response(x));
        assertThat(messages(report)).as(x.toString()).isEmpty();
        exercised.add(x.method + " " + patternOf(x.method, x.path) + " " + x.reply.status());
    }

    /**
     * An error with its code and status, matching the document: the whole exchange when the request is
     * one the document accepts ({@code requestValid}), else the response against the operation.
     */
    static void assertError(final Exchange x, final int status, final String code, final boolean requestValid) {
        assertThat(x.reply.status()).as(x.toString()).isEqualTo(status);
        assertThat(x.reply.errorCode()).as(x.toString()).isEqualTo(code);
        assertThat(x.reply.header("Content-Type")).isEqualTo("application/json");
        if (requestValid) {
            assertValid(x);
        } else {
            final ValidationReport report = validator.validateResponse(x.path,
                Request.Method.valueOf(x.method.toUpperCase(Locale.ROOT)), response(x));
            assertThat(messages(report)).as(x.toString()).isEmpty();
        }
    }

    /** For paths and methods the document cannot name: the body against a shared response, and its headers. */
    static void assertMatchesComponentResponse(final Exchange x, final String name, final String code) {
        assertThat(x.reply.errorCode()).isEqualTo(code);
        final ApiResponse response = document.getComponents().getResponses().get(name);
        final Schema<?> schema = response.getContent().get("application/json").getSchema();
        final ValidationReport report = new SchemaValidator(document, new MessageResolver())
            .validate(new String(x.reply.raw().body(), StandardCharsets.UTF_8), schema, "response.body");
        assertThat(messages(report)).as(x.toString()).isEmpty();
        response.getHeaders().forEach((header, definition) -> {
            if (Boolean.TRUE.equals(definition.getRequired()) || definition.get$ref() != null) {
                assertThat(x.reply.header(header)).as(header + " on " + x).isNotNull();
            }
        });
    }

    /** The responses of {@code x-connection} by status. */
    @SuppressWarnings("unchecked")
    static Map<String, ApiResponse> connectionResponses() {
        final Map<String, Object> connection = (Map<String, Object>) document.getExtensions().get("x-connection");
        final Map<String, ApiResponse> responses = new LinkedHashMap<>();
        ((Map<String, Map<String, String>>) connection.get("responses")).forEach((status, response) -> {
            final String ref = response.get("$ref");
            responses.put(status, document.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1)));
        });
        return responses;
    }

    /** An answer read off a socket, against the {@code x-connection} response of its status. */
    static void assertMatchesConnectionResponse(final RawHttp.Response answer, final String status, final String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(Integer.parseInt(status));
        assertThat(answer.errorCode()).isEqualTo(code);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.header("Connection")).isEqualTo("close");
        final ApiResponse documented = connectionResponses().get(status);
        assertThat(codes(documented)).contains(code);
        final ValidationReport report = new SchemaValidator(document, new MessageResolver())
            .validate(answer.text(), documented.getContent().get("application/json").getSchema(), "response.body");
        assertThat(messages(report)).as(answer.toString()).isEmpty();
        documented.getHeaders().forEach((header, definition) -> {
            if (Boolean.TRUE.equals(definition.getRequired()) || definition.get$ref() != null) {
                assertThat(answer.header(header)).as(header + " on " + answer).isNotNull();
            }
        });
    }

    static List<String> messages(final ValidationReport report) {
        final List<String> out = new ArrayList<>();
        for (final ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                out.add(message.getKey() + ": " + message.getMessage());
            }
        }
        return out;
    }

    static String patternOf(final String method, final String path) {
        final String[] segments = path.substring(1).split("/", -1);
        for (final Route route : Route.table(true)) {
            if (route.method().name().equals(method) && route.matches(segments, new ArrayList<>())) {
                return route.pattern();
            }
        }
        return path;
    }

    static Operation operation(final String method, final String path) {
        final PathItem item = document.getPaths().get(path);
        return item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    }

    static Schema<?> resolve(final Schema<?> schema) {
        if (schema.get$ref() == null) {
            return schema;
        }
        final String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        return document.getComponents().getSchemas().get(name);
    }
}
