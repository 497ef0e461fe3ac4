package io.tidemark.gateway.testkit;

import io.tidemark.engine.api.Command;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.ReplyHandler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real gateway on an ephemeral 127.0.0.1 port over a temporary data directory, with helpers to make
 * funded accounts and their keys the way an operator would (deposits go through the ring).
 */
public final class TestServer implements AutoCloseable {
    private final GatewayServer server;

    private TestServer(final GatewayServer server) {
        this.server = server;
    }

    public static TestServer start(final Path dataDir) throws IOException {
        return start(dataDir, context -> context);
    }

    public static TestServer start(final Path dataDir, final UnaryOperator<GatewayServer.Context> customize)
        throws IOException {
        final ConfigFile file = ConfigFile.defaults();
        final GatewayServer.Context context = new GatewayServer.Context().dataDir(dataDir).config(file.exchange())
            .gateway(io.tidemark.gateway.config.GatewayConfig.from(file).withPort(0));
        return new TestServer(GatewayServer.start(customize.apply(context)));
    }

    public GatewayServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** A new account with a read+trade key and the given deposits ({@code "USD", "100000"} pairs). */
    public SignedClient account(final String... deposits) {
        return account(Set.of(Scope.READ, Scope.TRADE), List.of(), Tier.RETAIL, deposits);
    }

    public SignedClient account(final Set<Scope> scopes, final List<String> allowlist, final Tier tier,
                                final String... deposits) {
        final KeyStore.Created created = server.keys().createAccountWithKey(scopes, allowlist, tier, 5_000);
        for (int i = 0; i < deposits.length; i += 2) {
            deposit(created.key().accountId(), deposits[i], deposits[i + 1]);
        }
        return new SignedClient(baseUrl(), created.key().id(), created.secret(), created.key().accountId());
    }

    /** Deposits through the ring, as an operator tool would, and waits until the views show it. */
    public void deposit(final long accountId, final String asset, final String amount) {
        final var a = server.config().assetBySymbol(asset);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final var submit = server.node().pipeline().submit(new Command().deposit(accountId, a.id(), a.parseAmount(amount)),
            new ReplyHandler() {
                @Override
                public void onReply(final CommandSlot slot) {
                    done.complete(null);
                }
            });
        if (submit != io.tidemark.node.pipeline.Pipeline.Submit.PUBLISHED) {
            throw new IllegalStateException("deposit not accepted: " + submit);
        }
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
