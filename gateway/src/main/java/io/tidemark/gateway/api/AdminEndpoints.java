package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.DecimalCodec;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.gateway.auth.ApiKey;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.error.Rejection;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.history.store.AuditEntry;
import io.tidemark.node.view.OperatorViews;
import io.tidemark.node.view.Solvency;
import io.tidemark.node.view.WithdrawalRecord;
import io.tidemark.node.view.WithdrawalStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's routes ({@code /v1/admin/…}, scope {@code admin}): accounts and their keys, freezes,
 * deposits, withdrawals waiting for an operator, halts, solvency and the audit log. Whatever changes the
 * exchange's money or markets is an engine command, journaled and replayed like any other; accounts and
 * keys live in the key store. Every action that got past validation is written to the audit log (key,
 * action, parameters, result) before it is answered, so an answered action is always in the log.
 */
public final class AdminEndpoints {
    private static final Set<String> ACCOUNT_MEMBERS = Set.of("label");
    private static final Set<String> KEY_MEMBERS = Set.of("scopes", "tier", "ip_allowlist", "drift_ms");
    private static final Set<String> FREEZE_MEMBERS = Set.of("cancel_orders");
    private static final Set<String> DEPOSIT_MEMBERS = Set.of("account_id", "asset", "amount", "reference");
    private static final Set<String> FEE_MEMBERS = Set.of("maker_fee_bps", "taker_fee_bps");
    private static final Set<String> ASSET_MEMBERS = Set.of("asset", "scale");
    private static final Set<String> MARKET_MEMBERS = Set.of("pair", "base", "quote", "status", "tick_size", "lot_size",
        "min_size", "min_notional", "max_price", "max_size", "maker_fee_bps", "taker_fee_bps");
    private static final Set<String> WITHDRAWAL_PARAMS = Set.of("status", "limit", "before");
    private static final Set<String> AUDIT_PARAMS = Set.of("limit", "before");
    private static final int MAX_LABEL_LENGTH = 64;

    private final EngineClient engine;
    private final KeyStore keys;
    private final OperatorViews operator;

    /** {@code operator} is read only inside view reads (on the view thread). */
    public AdminEndpoints(final EngineClient engine, final KeyStore keys, final OperatorViews operator) {
        this.engine = engine;
        this.keys = keys;
        this.operator = operator;
    }

    private ExchangeConfig config() {
        return engine.config();
    }

    // ------------------------------------------------------------------------------------- accounts

    public void createAccount(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final RequestBody body = RequestBody.parseOptional(request.body(), ACCOUNT_MEMBERS);
        final String label = body.string("label", false);
        if (label != null && (label.isEmpty() || label.length() > MAX_LABEL_LENGTH
            || !label.chars().allMatch(c -> c >= 0x20 && c != 0x7f))) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "label must be 1-" + MAX_LABEL_LENGTH
                + " printable characters", "label");
        }
        final long account = keys.createAccount(label);
        final ObjectNode data = Json.object();
        data.put("account_id", Long.toString(account));
        if (label == null) {
            data.putNull("label");
        } else {
            data.put("label", label);
        }
        audited(request, responder, "create_account", params(request, body), ApiResponse.data(request, data));
    }

    public void createKey(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final long account = existingAccount(request.capture("id"));
        final RequestBody body = RequestBody.parseOptional(request.body(), KEY_MEMBERS);
        final Set<Scope> scopes = KeyFields.scopes(body.member("scopes"));
        final Tier tier = body.has("tier") ? body.enumValue("tier", false, Tier::fromWire, "retail, verified, market_maker")
            : Tier.RETAIL;
        final List<String> allowlist = KeyFields.allowlist(body.member("ip_allowlist"));
        final long drift = drift(body.member("drift_ms"));
        final KeyStore.Created created;
        try {
            created = keys.createKey(account, scopes, allowlist, tier, drift);
        } catch (final IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, e.getMessage(), "ip_allowlist");
        }
        final ApiKey key = created.key();
        final ObjectNode data = Json.object();
        data.put("account_id", Long.toString(account));
        data.put("key", key.id());
        data.put("secret", created.secret());
        final ArrayNode scopeNames = data.putArray("scopes");
        key.scopes().stream().map(Scope::wireName).sorted().forEach(scopeNames::add);
        data.put("tier", key.tier().wireName());
        final ArrayNode allow = data.putArray("ip_allowlist");
        key.allowlist().entries().forEach(allow::add);
        data.put("drift_ms", key.driftMillis());
        // the log keeps which key was made, never its secret
        final ObjectNode logged = data.deepCopy();
        logged.remove("secret");
        audited(request, responder, "create_key", params(request, body), ApiResponse.data(request, data), logged);
    }

    public void freeze(final ApiRequest request, final Responder responder) {
        setFrozen(request, responder, true);
    }

    public void unfreeze(final ApiRequest request, final Responder responder) {
        setFrozen(request, responder, false);
    }

    private void setFrozen(final ApiRequest request, final Responder responder, final boolean frozen) {
        Query.of(request, Set.of());
        final long account = existingAccount(request.capture("id"));
        final RequestBody body = RequestBody.parseOptional(request.body(), FREEZE_MEMBERS);
        final boolean cancelOrders = body.bool("cancel_orders", false);
        final Command command = frozen ? new Command().freezeAccount(account, cancelOrders)
            : new Command().unfreezeAccount(account);
        engine.command(command, (views, applied, slot) -> {
            check(applied.result);
            return applied.resultId;
        }, responder.executor(), outcome -> {
            final ObjectNode data = Json.object();
            data.put("account_id", Long.toString(account));
            data.put("frozen", frozen);
            data.put("cancelled_orders", outcome.value() == null ? 0 : outcome.value());
            answer(request, responder, frozen ? "freeze_account" : "unfreeze_account", params(request, body), outcome,
                data);
        });
    }

    // ------------------------------------------------------------------------------------- deposits

    public void deposit(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final RequestBody body = RequestBody.parse(request.body(), DEPOSIT_MEMBERS);
        final String accountText = body.string("account_id", true);
        final long account = existingAccount(accountText);
        final Asset asset = asset(body.string("asset", true));
        final long amount = body.amount("amount", asset, true);
        final String reference = body.string("reference", true);
        if (!ClientOrderId.isValid(reference)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "reference must be 1-" + ClientOrderId.MAX_LENGTH
                + " characters of [A-Za-z0-9_-]", "reference");
        }
        final Command command = new Command().deposit(account, asset.id(), amount, reference);
        engine.command(command, (views, applied, slot) -> {
            check(applied.result);
            return new long[] {applied.resultId, applied.result == ResultCode.REPLAYED ? 1 : 0};
        }, responder.executor(), outcome -> {
            final ObjectNode data = Json.object();
            if (outcome.value() != null) {
                data.put("id", Long.toString(outcome.value()[0]));
            }
            data.put("account_id", Long.toString(account));
            data.put("asset", asset.symbol());
            data.put("amount", asset.formatAmount(amount));
            data.put("reference", reference);
            final boolean replayed = outcome.value() != null && outcome.value()[1] == 1;
            answer(request, responder, "deposit", params(request, body), outcome, data,
                replayed ? "Idempotent-Replayed" : null);
        });
    }

    // ---------------------------------------------------------------------------------- withdrawals

    public void withdrawals(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, WITHDRAWAL_PARAMS);
        final String statusText = query.get("status");
        final WithdrawalStatus status = statusText == null || statusText.equals("all") ? null
            : WithdrawalStatus.fromWire(statusText);
        if (statusText != null && status == null && !statusText.equals("all")) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "status must be pending, completed, rejected or all",
                "status");
        }
        final int limit = query.limit(Query.DEFAULT_LIMIT, Query.MAX_LIMIT);
        final long before = query.before('w');
        engine.query((views, command, slot) -> operator.withdrawals(status, before, limit + 1), responder.executor(),
            outcome -> {
                final List<WithdrawalRecord> rows = outcome.valueOrThrow();
                final List<WithdrawalRecord> page = rows.subList(0, Math.min(limit, rows.size()));
                final String next = rows.size() > limit ? Query.cursor('w', page.get(page.size() - 1).id()) : null;
                final List<Long> ids = page.stream().map(WithdrawalRecord::id).toList();
                engine.history().write(store -> store.withdrawalAddresses(ids), responder.executor(), addresses -> {
                    final Map<Long, String> known = addresses.valueOrThrow();
                    final ArrayNode items = ApiJson.array();
                    page.forEach(w -> items.add(withdrawal(w, known.get(w.id()))));
                    responder.send(ApiResponse.page(request, items, next));
                });
            });
    }

    public void completeWithdrawal(final ApiRequest request, final Responder responder) {
        settleWithdrawal(request, responder, true);
    }

    public void rejectWithdrawal(final ApiRequest request, final Responder responder) {
        settleWithdrawal(request, responder, false);
    }

    private void settleWithdrawal(final ApiRequest request, final Responder responder, final boolean complete) {
        Query.of(request, Set.of());
        RequestBody.parseOptional(request.body(), Set.of());
        final long id = withdrawalId(request.capture("id"));
        final WithdrawalStatus target = complete ? WithdrawalStatus.COMPLETED : WithdrawalStatus.REJECTED;
        final Command command = complete ? new Command().completeWithdrawal(id) : new Command().rejectWithdrawal(id);
        engine.command(command, (views, applied, slot) -> {
            final WithdrawalRecord record = operator.withdrawal(id);
            // settling it again the same way answers its final state, as a repeated cancel does
            if (applied.result == ResultCode.WITHDRAWAL_NOT_PENDING && record != null && record.status() == target) {
                return record;
            }
            check(applied.result);
            return record;
        }, responder.executor(), outcome -> {
            if (outcome.error() != null) {
                answer(request, responder, complete ? "complete_withdrawal" : "reject_withdrawal",
                    params(request, null), outcome, null);
                return;
            }
            engine.history().write(store -> store.withdrawalAddresses(List.of(id)), responder.executor(), address ->
                answer(request, responder, complete ? "complete_withdrawal" : "reject_withdrawal", params(request, null),
                    outcome, withdrawal(outcome.value(), address.error() == null ? address.value().get(id) : null)));
        });
    }

    private ObjectNode withdrawal(final WithdrawalRecord w, final String address) {
        final Asset asset = config().asset(w.assetId());
        final ObjectNode node = Json.object();
        node.put("id", Long.toString(w.id()));
        node.put("account_id", Long.toString(w.accountId()));
        node.put("asset", asset.symbol());
        node.put("amount", asset.formatAmount(w.amount()));
        if (address == null) {
            node.putNull("address");
        } else {
            node.put("address", address);
        }
        node.put("status", w.status().wireName());
        node.put("created_at", Times.ofEpochNanos(w.createdTime()));
        node.put("updated_at", Times.ofEpochNanos(w.updatedTime()));
        return node;
    }

    // ------------------------------------------------------------------------------------- markets

    public void halt(final ApiRequest request, final Responder responder) {
        setStatus(request, responder, MarketStatus.HALTED);
    }

    public void resume(final ApiRequest request, final Responder responder) {
        setStatus(request, responder, MarketStatus.TRADING);
    }

    private void setStatus(final ApiRequest request, final Responder responder, final MarketStatus status) {
        Query.of(request, Set.of());
        RequestBody.parseOptional(request.body(), Set.of());
        final Market market = Query.market(config(), request.capture("pair"));
        engine.command(new Command().setMarketStatus(market.id(), status), (views, applied, slot) -> {
            check(applied.result);
            return marketNow(market, views);
        }, responder.executor(), outcome -> answer(request, responder,
            status == MarketStatus.HALTED ? "halt_market" : "resume_market", params(request, null), outcome,
            outcome.value()));
    }

    /**
     * New maker and taker fees for the orders placed from now on; orders already placed keep the fees
     * they were placed under (what a resting buy holds covers its own fee). Answers the market as
     * {@code GET /v1/markets} now shows it.
     */
    public void fees(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final Market market = Query.market(config(), request.capture("pair"));
        final RequestBody body = RequestBody.parse(request.body(), FEE_MEMBERS);
        final int maker = feeBps(body.member("maker_fee_bps"), "maker_fee_bps");
        final int taker = feeBps(body.member("taker_fee_bps"), "taker_fee_bps");
        if (maker > taker) {
            // a resting buy holds the taker fee: a larger maker fee could exceed what it holds
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "maker_fee_bps must not exceed taker_fee_bps",
                "maker_fee_bps");
        }
        engine.command(new Command().setMarketFees(market.id(), maker, taker), (views, applied, slot) -> {
            check(applied.result);
            return marketNow(market, views);
        }, responder.executor(), outcome -> answer(request, responder, "set_market_fees", params(request, body),
            outcome, outcome.value()));
    }

    // ------------------------------------------------------------------------------------- listings

    /** Lists an asset at run time: accounts can hold it (deposits) at once, markets may name it. */
    public void listAsset(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final RequestBody body = RequestBody.parse(request.body(), ASSET_MEMBERS);
        final String symbol = body.string("asset", true);
        final JsonNode scaleNode = body.member("scale");
        if (scaleNode == null || !scaleNode.isIntegralNumber() || scaleNode.asLong() < 0
            || scaleNode.asLong() > DecimalCodec.MAX_SCALE) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "scale must be an integer 0.." + DecimalCodec.MAX_SCALE
                + " (decimals of the smallest unit)", "scale");
        }
        final int scale = scaleNode.intValue();
        if (config().assetBySymbol(symbol) != null) {
            throw Rejection.of(ResultCode.ASSET_EXISTS).exception();
        }
        try {
            config().withAsset(new AssetConfig(symbol, scale));
        } catch (final ConfigException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, e.getMessage(), "asset");
        }
        engine.command(Listing.listAsset(new Command(), symbol, scale), (views, applied, slot) -> {
            check(applied.result);
            final Asset asset = operator.config().asset((int) applied.resultId);
            final ObjectNode data = Json.object();
            data.put("asset", asset.symbol());
            data.put("scale", asset.scale());
            return data;
        }, responder.executor(), outcome -> answer(request, responder, "list_asset", params(request, body), outcome,
            outcome.value()));
    }

    /**
     * Lists a market at run time between two listed assets; it trades at once. Validated as a configured
     * market is (exact arithmetic in longs), answered as {@code GET /v1/markets} shows it.
     */
    public void listMarket(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final RequestBody body = RequestBody.parse(request.body(), MARKET_MEMBERS);
        final String pair = body.string("pair", true);
        final int dash = pair.indexOf('-');
        checkSide(body, "base", dash < 0 ? pair : pair.substring(0, dash));
        checkSide(body, "quote", dash < 0 ? "" : pair.substring(dash + 1));
        final MarketStatus status = body.has("status")
            ? body.enumValue("status", false, MarketStatus::fromWire, "trading, halted") : MarketStatus.TRADING;
        final String minSize = body.string("min_size", false);
        final String minNotional = body.string("min_notional", false);
        final int maker = body.has("maker_fee_bps") ? feeBps(body.member("maker_fee_bps"), "maker_fee_bps") : 0;
        final int taker = body.has("taker_fee_bps") ? feeBps(body.member("taker_fee_bps"), "taker_fee_bps") : 0;
        final MarketConfig listing = new MarketConfig(pair, body.string("tick_size", true), body.string("lot_size", true),
            minSize == null ? "0" : minSize, minNotional == null ? "0" : minNotional, maker, taker, status,
            body.string("max_price", false), body.string("max_size", false));
        if (config().marketByPair(pair) != null) {
            throw Rejection.of(ResultCode.MARKET_EXISTS).exception();
        }
        final Market market;
        try {
            market = config().withMarket(listing).marketByPair(pair);
        } catch (final ConfigException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, e.getMessage(), e.field() == null ? "pair" : e.field());
        }
        engine.command(Listing.listMarket(new Command(), market), (views, applied, slot) -> {
            check(applied.result);
            return marketNow(operator.config().market((int) applied.resultId), views);
        }, responder.executor(), outcome -> answer(request, responder, "list_market", params(request, body), outcome,
            outcome.value()));
    }

    /** {@code base} / {@code quote}, when given, must name the pair's own assets. */
    private static void checkSide(final RequestBody body, final String field, final String expected) {
        final String given = body.string(field, false);
        if (given != null && !given.equals(expected)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, field + " must be " + expected + ", as the pair says", field);
        }
    }

    private ObjectNode marketNow(final Market market, final EngineClient.Views views) {
        return MarketJson.market(market, views.marketData().status(market.id()).wireName(),
            operator.makerFeeBps(market.id()), operator.takerFeeBps(market.id()));
    }

    private static int feeBps(final JsonNode node, final String field) {
        if (node == null || !node.isIntegralNumber() || node.asLong() < 0 || node.asLong() > Market.MAX_FEE_BPS) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, field + " must be an integer 0.." + Market.MAX_FEE_BPS
                + " (basis points)", field);
        }
        return node.intValue();
    }

    // -------------------------------------------------------------------------------- solvency, audit

    public void solvency(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final List<Asset> assets = config().assets();
        engine.query((views, command, slot) -> {
            final List<Solvency> lines = new ArrayList<>(assets.size());
            for (final Asset asset : assets) {
                lines.add(Solvency.of(asset.id(), views.accounts(), operator));
            }
            return lines;
        }, responder.executor(), outcome -> {
            final ArrayNode items = ApiJson.array();
            for (final Solvency line : outcome.valueOrThrow()) {
                final Asset asset = config().asset(line.assetId());
                final ObjectNode node = items.addObject();
                node.put("asset", asset.symbol());
                node.put("deposits", asset.formatAmount(line.deposits()));
                node.put("withdrawals", asset.formatAmount(line.withdrawals()));
                node.put("balances", asset.formatAmount(line.balances()));
                node.put("fees", asset.formatAmount(line.fees()));
                // exactly "0" when the books balance, as the contract states it; otherwise the signed amount
                node.put("difference", line.difference() == 0 ? "0" : asset.formatAmount(line.difference()));
            }
            responder.send(ApiResponse.data(request, items));
        });
    }

    public void audit(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, AUDIT_PARAMS);
        final int limit = query.limit(Query.DEFAULT_LIMIT, Query.MAX_LIMIT);
        final long before = query.before('a');
        engine.history().write(store -> store.audit(before, limit + 1), responder.executor(), outcome -> {
            final List<AuditEntry> rows = outcome.valueOrThrow();
            final int count = Math.min(limit, rows.size());
            final String next = rows.size() > limit ? Query.cursor('a', rows.get(limit - 1).id()) : null;
            final ArrayNode items = ApiJson.array();
            for (int i = 0; i < count; i++) {
                final AuditEntry e = rows.get(i);
                final ObjectNode node = items.addObject();
                node.put("id", Long.toString(e.id()));
                node.put("key", e.keyId());
                node.put("action", e.action());
                node.set("params", parse(e.params()));
                node.set("result", parse(e.result()));
                node.put("time", Times.ofEpochNanos(e.time()));
            }
            responder.send(ApiResponse.page(request, items, next));
        });
    }

    // ------------------------------------------------------------------------------------- helpers

    /** An engine refusal as the API's error. */
    private static void check(final ResultCode result) {
        if (result.isRejection()) {
            throw Rejection.of(result).exception();
        }
    }

    private void answer(final ApiRequest request, final Responder responder, final String action, final ObjectNode params,
                        final EngineClient.Outcome<?> outcome, final JsonNode data) {
        answer(request, responder, action, params, outcome, data, null);
    }

    private void answer(final ApiRequest request, final Responder responder, final String action, final ObjectNode params,
                        final EngineClient.Outcome<?> outcome, final JsonNode data, final String replayedHeader) {
        if (outcome.error() != null) {
            final ApiException error = outcome.error();
            final ObjectNode result = Json.object();
            result.put("status", error.code().status().code());
            result.put("error", error.code().code());
            audit(request, responder, action, params, result, ApiResponse.error(request, error));
            return;
        }
        ApiResponse response = ApiResponse.data(request, data);
        if (replayedHeader != null) {
            response = response.header(replayedHeader, "true");
        }
        audited(request, responder, action, params, response, data);
    }

    private void audited(final ApiRequest request, final Responder responder, final String action,
                         final ObjectNode params, final ApiResponse response) {
        audited(request, responder, action, params, response, parse(response));
    }

    private void audited(final ApiRequest request, final Responder responder, final String action,
                         final ObjectNode params, final ApiResponse response, final JsonNode logged) {
        final ObjectNode result = Json.object();
        result.put("status", response.status().code());
        result.set("data", logged);
        audit(request, responder, action, params, result, response);
    }

    /** Writes the audit row, then sends the answer; if the log cannot be written the action is answered 500. */
    private void audit(final ApiRequest request, final Responder responder, final String action, final ObjectNode params,
                       final ObjectNode result, final ApiResponse response) {
        final String key = request.key().id();
        final String paramsText = new String(Json.bytes(params), java.nio.charset.StandardCharsets.UTF_8);
        final String resultText = new String(Json.bytes(result), java.nio.charset.StandardCharsets.UTF_8);
        final long now = System.currentTimeMillis() * 1_000_000L;
        engine.history().write(store -> store.appendAudit(key, action, paramsText, resultText, now),
            responder.executor(), written -> {
                if (written.error() != null) {
                    responder.send(ApiResponse.error(request, new ApiException(ErrorCode.INTERNAL_ERROR,
                        "the action was applied but could not be written to the audit log")));
                    return;
                }
                responder.send(response);
            });
    }

    /** The path's captures and the body's members, as the audit log keeps them. */
    private static ObjectNode params(final ApiRequest request, final RequestBody body) {
        final ObjectNode params = Json.object();
        for (final String name : request.route().captureNames()) {
            params.put(name, request.capture(name));
        }
        if (body != null) {
            final JsonNode root = body.root();
            final Iterator<Map.Entry<String, JsonNode>> members = root.fields();
            while (members.hasNext()) {
                final Map.Entry<String, JsonNode> member = members.next();
                params.set(member.getKey(), member.getValue());
            }
        }
        return params;
    }

    private static JsonNode parse(final ApiResponse response) {
        final JsonNode root = parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        return root.path("data");
    }

    private static JsonNode parse(final String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (final IOException e) {
            throw new IllegalStateException("the audit log holds text that is not JSON", e);
        }
    }

    /** An account id from a path or body: digits of an account that was handed out, else 404 unknown_account. */
    private long existingAccount(final String text) {
        long id = -1;
        if (text != null && !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            id = Long.parseLong(text);
        }
        if (!keys.accountExists(id)) {
            throw new ApiException(ErrorCode.UNKNOWN_ACCOUNT, "no account " + RequestBody.printable(String.valueOf(text)),
                "account_id");
        }
        return id;
    }

    private static long withdrawalId(final String text) {
        if (text != null && !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            final long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        }
        throw new ApiException(ErrorCode.NOT_FOUND, "no such withdrawal");
    }

    private Asset asset(final String symbol) {
        final Asset asset = config().assetBySymbol(symbol);
        if (asset == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown asset " + RequestBody.printable(symbol), "asset");
        }
        return asset;
    }

    private static long drift(final JsonNode node) {
        if (node == null || node.isNull()) {
            return ApiKey.DEFAULT_DRIFT_MILLIS;
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > ApiKey.MAX_DRIFT_MILLIS) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "drift_ms must be an integer 1.." + ApiKey.MAX_DRIFT_MILLIS,
                "drift_ms");
        }
        return node.asLong();
    }
}
