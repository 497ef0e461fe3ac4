package io.tidemark.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.api.EngineClient;
import io.tidemark.gateway.api.KeyFields;
import io.tidemark.gateway.api.RequestBody;
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
import io.tidemark.gateway.server.GatewayServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's features on a running server: self-signup ({@code POST /v1/sandbox/accounts}), the
 * faucet ({@code POST /v1/sandbox/faucet}), the demo account, and the accounts of the simulated traders.
 * Money only ever enters through deposit commands on the ring, like an operator's, so it is journaled,
 * replayed and conserved like every other command. File work (the key store, the faucet ledger) runs
 * on one sandbox thread, never on a network event loop; answers go back on the request's event loop.
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final Set<String> ACCOUNT_MEMBERS = Set.of("scopes", "ip_allowlist", "tier");
    private static final Set<String> FAUCET_MEMBERS = Set.of("asset", "amount");
    private static final String DEMO_FILE = "demo-key.json";
    private static final String SIM_FILE = "simulation.json";

    private final GatewayServer server;
    private final SandboxConfig config;
    private final StateFiles files;
    private final ExecutorService io;
    private FaucetLedger faucet;

    /** A key made for a new account, with its secret (shown once). */
    public record NewAccount(ApiKey key, String secret) {
    }

    public Sandbox(final GatewayServer server, final SandboxConfig config) {
        this.server = server;
        this.config = config;
        this.files = new StateFiles(server.node().dataDir());
        this.io = Executors.newSingleThreadExecutor(r -> {
            final Thread thread = new Thread(r, "tidemark-sandbox-io");
            thread.setDaemon(true);
            return thread;
        });
    }

    private ExchangeConfig exchange() {
        return server.config();
    }

    private EngineClient engine() {
        return server.engine();
    }

    StateFiles files() {
        return files;
    }

    SandboxConfig config() {
        return config;
    }

    GatewayServer server() {
        return server;
    }

    // ------------------------------------------------------------------------------ POST /v1/sandbox/accounts

    /** {@code POST /v1/sandbox/accounts}: a new account and key, answered once the starting balances are applied. */
    public void accounts(final ApiRequest request, final Responder responder) {
        final RequestBody members = RequestBody.parseOptional(request.body(), ACCOUNT_MEMBERS);
        final Set<Scope> scopes = KeyFields.scopes(members.member("scopes"));
        final List<String> allowlist = KeyFields.allowlist(members.member("ip_allowlist"));
        final Tier tier = members.enumValue("tier", false, Tier::fromWire, "retail, verified, market_maker");
        createAccount(scopes, allowlist, tier == null ? Tier.RETAIL : tier).whenCompleteAsync((created, failure) -> {
            if (failure != null) {
                responder.fail(request, apiError(failure));
                return;
            }
            responder.send(ApiResponse.data(request, accountJson(created)));
        }, responder.executor());
    }

    static ObjectNode accountJson(final NewAccount created) {
        final ApiKey key = created.key();
        final ObjectNode data = Json.object();
        data.put("account_id", Long.toString(key.accountId()));
        data.put("key", key.id());
        data.put("secret", created.secret());
        final ArrayNode scopes = data.putArray("scopes");
        key.scopes().stream().sorted().forEach(scope -> scopes.add(scope.wireName()));
        data.put("tier", key.tier().wireName());
        final ArrayNode allow = data.putArray("ip_allowlist");
        key.allowlist().entries().forEach(allow::add);
        return data;
    }

    /** Makes an account with a key and deposits the starting balances; completes once they are applied. */
    public CompletableFuture<NewAccount> createAccount(final Set<Scope> scopes, final List<String> allowlist,
                                                      final Tier tier) {
        return createAccount(scopes, allowlist, tier, config.startingBalances());
    }

    CompletableFuture<NewAccount> createAccount(final Set<Scope> scopes, final List<String> allowlist, final Tier tier,
                                                final long[] balances) {
        final KeyStore keys = server.keys();
        return CompletableFuture.supplyAsync(() -> keys.createAccountWithKey(scopes, allowlist, tier,
                ApiKey.DEFAULT_DRIFT_MILLIS), io)
            .thenCompose(created -> deposit(created.key().accountId(), balances)
                .handleAsync((ignored, failure) -> {
                    if (failure != null) {
                        // the secret was never shown: the key must not outlive the account that failed to open
                        keys.revoke(created.key().id());
                        throw new CompletionException(failure);
                    }
                    LOG.info("event=sandbox_account_created account={} key={} tier={}", created.key().accountId(),
                        created.key().id(), tier.wireName());
                    return new NewAccount(created.key(), created.secret());
                }, io));
    }

    /**
     * Deposits {@code amounts} (minor units by asset id; zeros skipped) through the ring; completes when
     * the last is applied (commands are applied in order), or exceptionally with the API error.
     */
    CompletableFuture<Void> deposit(final long accountId, final long[] amounts) {
        final List<CompletableFuture<Void>> applied = new ArrayList<>();
        try {
            for (int asset = 0; asset < amounts.length; asset++) {
                if (amounts[asset] > 0) {
                    final CompletableFuture<Void> done = new CompletableFuture<>();
                    engine().command(new Command().deposit(accountId, asset, amounts[asset]), (views, command, slot) -> {
                        if (command.result.isRejection()) {
                            throw Rejection.of(command.result).exception();
                        }
                        return Boolean.TRUE;
                    }, Runnable::run, outcome -> {
                        if (outcome.error() != null) {
                            done.completeExceptionally(outcome.error());
                        } else {
                            done.complete(null);
                        }
                    });
                    applied.add(done);
                }
            }
        } catch (final ApiException e) {
            applied.add(CompletableFuture.failedFuture(e));
        }
        return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
    }

    // ------------------------------------------------------------------------------ POST /v1/sandbox/faucet

    /**
     * {@code POST /v1/sandbox/faucet {"asset","amount"}}: deposits to the caller's account, up to the
     * asset's lifetime cap per account; over the cap it answers 400 {@code invalid_parameter} (field
     * {@code amount}) and pays nothing.
     */
    public void faucet(final ApiRequest request, final Responder responder) {
        final RequestBody body = RequestBody.parse(request.body(), FAUCET_MEMBERS);
        final String symbol = body.string("asset", true);
        final Asset asset = exchange().assetBySymbol(symbol);
        if (asset == null) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "unknown asset", "asset");
        }
        if (asset.id() >= config.faucetCap().length) {
            // the faucet's caps come from the config file; an asset listed at run time has none
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "the faucet does not pay " + symbol
                + ", an asset listed at run time", "asset");
        }
        final long amount = body.amount("amount", asset, true);
        final long accountId = request.key().accountId();
        final long cap = config.faucetCap()[asset.id()];
        CompletableFuture.supplyAsync(() -> {
            final FaucetLedger ledger = ledger();
            final long used = ledger.used(accountId, asset.id());
            if (amount > cap - used) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "over the faucet cap: this account may get "
                    + asset.formatAmount(Math.max(0, cap - used)) + " " + asset.symbol() + " more (the cap is "
                    + asset.formatAmount(cap) + " per account)", "amount");
            }
            ledger.reserve(accountId, asset.id(), amount);
            return used + amount;
        }, io).thenCompose(usedNow -> {
            final CompletableFuture<long[]> done = new CompletableFuture<>();
            try {
                engine().command(new Command().faucet(accountId, asset.id(), amount), (views, command, slot) -> {
                    if (command.result.isRejection()) {
                        throw Rejection.of(command.result).exception();
                    }
                    return new long[] {views.accounts().available(accountId, asset.id(), Wallet.SPOT), command.timestamp};
                }, Runnable::run, outcome -> {
                    if (outcome.error() != null) {
                        done.completeExceptionally(outcome.error());
                    } else {
                        done.complete(outcome.value());
                    }
                });
            } catch (final ApiException e) {
                done.completeExceptionally(e);
            }
            return done.handleAsync((result, failure) -> {
                if (failure != null) {
                    ledger().release(accountId, asset.id(), amount);
                    throw new CompletionException(failure);
                }
                final ObjectNode data = Json.object();
                data.put("asset", asset.symbol());
                data.put("amount", asset.formatAmount(amount));
                data.put("available", asset.formatAmount(result[0]));
                data.put("faucet_used", asset.formatAmount(usedNow));
                data.put("faucet_remaining", asset.formatAmount(cap - usedNow));
                data.put("time", Times.ofEpochNanos(result[1]));
                return data;
            }, io);
        }).whenCompleteAsync((data, failure) -> {
            if (failure != null) {
                responder.fail(request, apiError(failure));
            } else {
                responder.send(ApiResponse.data(request, data));
            }
        }, responder.executor());
    }

    /** The ledger, read on first use on the I/O thread. */
    private FaucetLedger ledger() {
        if (faucet == null) {
            faucet = new FaucetLedger(files, exchange());
        }
        return faucet;
    }

    private static ApiException apiError(final Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            return api;
        }
        LOG.error("event=sandbox_request_failed error={}", cause.toString(), cause);
        return new ApiException(ErrorCode.INTERNAL_ERROR, "internal error");
    }

    // ------------------------------------------------------------------------------ the demo account

    /** The demo account's key and secret and whether it was made just now (made and saved on first start). */
    public record Demo(long accountId, String key, String secret, boolean created, java.nio.file.Path file) {
    }

    /** The demo account of this data directory: made on first start (funded like any new account), then reused. */
    public Demo demo() {
        final JsonNode saved = files.read(DEMO_FILE);
        if (saved != null) {
            final String keyId = saved.path("key").asText();
            final ApiKey key = server.keys().find(keyId);
            if (key != null && !key.revoked()) {
                return new Demo(key.accountId(), key.id(), key.secret(), false, files.path(DEMO_FILE));
            }
            LOG.warn("event=demo_key_gone key={} note=making a new demo account", keyId);
        }
        final NewAccount created = await(createAccount(EnumSet.of(Scope.READ, Scope.TRADE, Scope.WITHDRAW), List.of(),
            Tier.RETAIL));
        final ObjectNode file = Json.object();
        file.put("account_id", Long.toString(created.key().accountId()));
        file.put("key", created.key().id());
        file.put("secret", created.secret());
        files.write(DEMO_FILE, file);
        return new Demo(created.key().accountId(), created.key().id(), created.secret(), true, files.path(DEMO_FILE));
    }

    static <T> T await(final CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final Exception e) {
            throw new IllegalStateException("sandbox setup failed: " + apiError(e).getMessage(), e);
        }
    }

    /** Spot available plus hold of each asset of an account, read from the views after everything submitted before. */
    CompletableFuture<long[]> spotTotals(final long accountId) {
        final int assets = exchange().assets().size();
        final CompletableFuture<long[]> done = new CompletableFuture<>();
        engine().query((views, command, slot) -> {
            final long[] totals = new long[assets];
            for (int a = 0; a < assets; a++) {
                totals[a] = views.accounts().available(accountId, a, Wallet.SPOT) + views.accounts().hold(accountId, a, Wallet.SPOT);
            }
            return totals;
        }, Runnable::run, outcome -> {
            if (outcome.error() != null) {
                done.completeExceptionally(outcome.error());
            } else {
                done.complete(outcome.value());
            }
        });
        return done;
    }

    // ------------------------------------------------------------------------------ simulated traders' accounts

    /**
     * Tops the simulated traders' spot balance of {@code assetId} up to {@code target} minor units where it
     * is below half of it (an asset listed at run time, which {@code account_funding} does not cover): a
     * deposit on the ring like every other sandbox payment.
     */
    void fundSimAccounts(final List<SimAccount> accounts, final int assetId, final long target) {
        for (final SimAccount account : accounts) {
            final long[] totals = await(spotTotals(account.accountId()));
            if (totals[assetId] < target / 2) {
                final long[] topUp = new long[totals.length];
                topUp[assetId] = target - totals[assetId];
                await(deposit(account.accountId(), topUp));
            }
        }
    }

    /** A simulated trader's account: its role ({@code maker-0}, {@code taker-1}, ...) and key. */
    record SimAccount(String role, long accountId, String key, String secret) {
    }

    /**
     * The simulated traders' accounts (market_maker tier keys): made once and remembered in
     * {@code <data-dir>/sandbox/simulation.json} (the key ids; the secrets stay in the key store), funded
     * with {@code account_funding} when made, and topped up at a later start only where an asset fell
     * below half of it.
     */
    List<SimAccount> simAccounts(final int makers, final int takers) {
        final JsonNode saved = files.read(SIM_FILE);
        final ObjectNode roles = Json.object();
        if (saved != null && saved.path("accounts").isObject()) {
            roles.setAll((ObjectNode) saved.path("accounts"));
        }
        final long[] funding = config.simulation().accountFunding();
        final List<SimAccount> accounts = new ArrayList<>();
        final List<String> wanted = new ArrayList<>();
        for (int i = 0; i < makers; i++) {
            wanted.add("maker-" + i);
        }
        for (int i = 0; i < takers; i++) {
            wanted.add("taker-" + i);
        }
        for (final String role : wanted) {
            final ApiKey key = roles.has(role) ? server.keys().find(roles.path(role).asText()) : null;
            if (key != null && !key.revoked()) {
                final long[] totals = await(spotTotals(key.accountId()));
                final long[] topUp = new long[funding.length];
                for (int a = 0; a < funding.length; a++) {
                    topUp[a] = totals[a] < funding[a] / 2 ? funding[a] - totals[a] : 0;
                }
                await(deposit(key.accountId(), topUp));
                accounts.add(new SimAccount(role, key.accountId(), key.id(), key.secret()));
            } else {
                final NewAccount created = await(createAccount(EnumSet.of(Scope.READ, Scope.TRADE), List.of(),
                    Tier.MARKET_MAKER, funding));
                roles.put(role, created.key().id());
                final ObjectNode file = Json.object();
                file.put("note", "keys of the simulated traders (secrets are in keys/keys.json)");
                file.set("accounts", roles);
                files.write(SIM_FILE, file);
                accounts.add(new SimAccount(role, created.key().accountId(), created.key().id(), created.secret()));
            }
        }
        return accounts;
    }

    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
