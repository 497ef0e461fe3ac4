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

import java.util.Set;

/** Balances (spot, margin and earn wallets), transfers between them, and withdrawals. */
public final class AccountEndpoints {
    private static final Set<String> TRANSFER_MEMBERS = Set.of("asset", "amount", "from", "to");
    private static final Set<String> WITHDRAW_MEMBERS = Set.of("asset", "amount", "address");
    private static final int MAX_ADDRESS_LENGTH = 128;

    private final EngineClient engine;

    public AccountEndpoints(final EngineClient engine) {
        this.engine = engine;
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
        final Command command = new Command().withdraw(request.key().accountId(), asset.id(), amount);
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
            // there is no chain behind this exchange: a withdrawal is recorded and completes at once
            data.put("status", "completed");
            data.put("time", Times.ofEpochNanos(done[1]));
            responder.send(ApiResponse.data(request, data));
        });
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
