package io.tidemark.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.error.ErrorCode;
import io.tidemark.gateway.error.Rejection;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;
import io.tidemark.gateway.json.Times;
import io.tidemark.history.store.LedgerEntry;

import java.util.List;
import java.util.Set;

/**
 * Balances (spot, margin and earn wallets), transfers between them, and withdrawals: held for an
 * operator to complete or reject on a real exchange, completed at once in the sandbox.
 */
public final class AccountEndpoints {
    private static final Set<String> TRANSFER_MEMBERS = Set.of("asset", "amount", "from", "to");
    private static final Set<String> WITHDRAW_MEMBERS = Set.of("asset", "amount", "address");
    private static final int MAX_ADDRESS_LENGTH = 128;
    private static final Set<String> LEDGER_PARAMS = Set.of("asset", "limit", "before");

    private final EngineClient engine;
    private final boolean holdWithdrawals;

    public AccountEndpoints(final EngineClient engine) {
        this(engine, false);
    }

    /** @param holdWithdrawals a withdrawal waits, its funds held, until an operator completes or rejects it */
    public AccountEndpoints(final EngineClient engine, final boolean holdWithdrawals) {
        this.engine = engine;
        this.holdWithdrawals = holdWithdrawals;
    }

    private ExchangeConfig config() {
        return engine.config();
    }

    public void balances(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final long accountId = request.key().accountId();
        final int assets = config().assets().size();
        engine.query((views, command, slot) -> {
            final long[][] balances = new long[assets][];
            for (int a = 0; a < assets; a++) {
                balances[a] = ApiJson.newWallets();
                for (final Wallet wallet : Wallet.values()) {
                    balances[a][2 * wallet.code()] = views.accounts().available(accountId, a, wallet);
                    balances[a][2 * wallet.code() + 1] = views.accounts().hold(accountId, a, wallet);
                }
            }
            return balances;
        }, responder.executor(), outcome -> {
            final long[][] balances = outcome.valueOrThrow();
            responder.send(ApiResponse.data(request, out -> {
                out.writeStartArray();
                for (final Asset asset : config().assets()) {
                    ApiJson.writeBalance(out, asset, balances[asset.id()]);
                }
                out.writeEndArray();
            }));
        });
    }

    public void transfer(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final RequestBody body = RequestBody.parse(request.body(), TRANSFER_MEMBERS);
        final Asset asset = asset(body);
        final long amount = body.amount("amount", asset, true);
        final Wallet from = body.enumValue("from", true, Wallet::fromWire, "spot, margin, earn");
        final Wallet to = body.enumValue("to", true, Wallet::fromWire, "spot, margin, earn");
        if (from == to) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "from and to must be different wallets", "to");
        }
        final Command command = new Command().transfer(request.key().accountId(), asset.id(), amount, from, to);
        engine.command(command, (views, applied, slot) -> {
            if (applied.result.isRejection()) {
                throw Rejection.of(applied.result).exception();
            }
            return applied.timestamp;
        }, responder.executor(), outcome -> {
            final long time = outcome.valueOrThrow();
            final ObjectNode data = Json.object();
            data.put("asset", asset.symbol());
            data.put("amount", asset.formatAmount(amount));
            data.put("from", from.wireName());
            data.put("to", to.wireName());
            data.put("time", Times.ofEpochNanos(time));
            responder.send(ApiResponse.data(request, data));
        });
    }

    public void withdraw(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        final RequestBody body = RequestBody.parse(request.body(), WITHDRAW_MEMBERS);
        final Asset asset = asset(body);
        final long amount = body.amount("amount", asset, true);
        final String address = body.string("address", true);
        if (address.isEmpty() || address.length() > MAX_ADDRESS_LENGTH || !address.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "address must be 1-" + MAX_ADDRESS_LENGTH
                + " printable ASCII characters without spaces", "address");
        }
        final long accountId = request.key().accountId();
        final Command command = holdWithdrawals ? new Command().requestWithdrawal(accountId, asset.id(), amount)
            : new Command().withdraw(accountId, asset.id(), amount);
        engine.command(command, (views, applied, slot) -> {
            if (applied.result.isRejection()) {
                throw Rejection.of(applied.result).exception();
            }
            return new long[] {applied.resultId, applied.timestamp};
        }, responder.executor(), outcome -> {
            final long[] done = outcome.valueOrThrow();
            final ObjectNode data = Json.object();
            data.put("id", Long.toString(done[0]));
            data.put("asset", asset.symbol());
            data.put("amount", asset.formatAmount(amount));
            data.put("address", address);
            // the sandbox has no chain behind it: its withdrawals complete at once
            data.put("status", holdWithdrawals ? "pending" : "completed");
            data.put("created_at", Times.ofEpochNanos(done[1]));
            // the operator needs the address to pay it out; the journal's records hold no text
            engine.history().write(store -> {
                store.putWithdrawalAddress(done[0], address);
                return done[0];
            }, responder.executor(), written -> responder.send(ApiResponse.data(request, data)));
        });
    }

    /**
     * {@code GET /v1/account/ledger?asset=&limit=&before=}: every change of a wallet's total, newest first,
     * from the history store once it has everything the views have seen (so a balance just read and the
     * ledger agree).
     */
    public void ledger(final ApiRequest request, final Responder responder) {
        final Query query = Query.of(request, LEDGER_PARAMS);
        final String symbol = query.get("asset");
        final Asset asset = symbol == null ? null : config().assetBySymbol(symbol);
        if (symbol != null && asset == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown asset " + RequestBody.printable(symbol), "asset");
        }
        final int limit = query.limit(Query.DEFAULT_LIMIT, Query.MAX_LIMIT);
        final long before = query.before('l');
        final long accountId = request.key().accountId();
        final int assetId = asset == null ? -1 : asset.id();
        engine.query((views, command, slot) -> engine.history().viewsSequence(), responder.executor(), outcome ->
            engine.history().read(outcome.valueOrThrow(), store -> store.ledger(accountId, assetId, before, limit + 1),
                responder.executor(), rows -> {
                    final List<LedgerEntry> entries = rows.valueOrThrow();
                    final int count = Math.min(limit, entries.size());
                    final String next = entries.size() > limit ? Query.cursor('l', entries.get(limit - 1).id()) : null;
                    responder.send(ApiResponse.page(request, out -> {
                        out.writeStartArray();
                        for (int i = 0; i < count; i++) {
                            final LedgerEntry e = entries.get(i);
                            final Asset entryAsset = config().assets().get(e.assetId());
                            out.writeStartObject();
                            out.writeStringField("id", Long.toString(e.id()));
                            out.writeStringField("asset", entryAsset.symbol());
                            out.writeStringField("wallet", e.wallet().wireName());
                            out.writeStringField("amount", entryAsset.formatAmount(e.amount()));
                            out.writeStringField("balance_after", entryAsset.formatAmount(e.balanceAfter()));
                            out.writeStringField("type", e.type().wireName());
                            out.writeStringField("ref", Long.toString(e.ref()));
                            out.writeStringField("time", Times.ofEpochNanos(e.time()));
                            out.writeEndObject();
                        }
                        out.writeEndArray();
                    }, next));
                }));
    }

    private Asset asset(final RequestBody body) {
        final String symbol = body.string("asset", true);
        final Asset asset = config().assetBySymbol(symbol);
        if (asset == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown asset " + RequestBody.printable(symbol), "asset");
        }
        return asset;
    }
}
