package io.tidemark.benchmarks.rest;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.config.Asset;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A production gateway in this process, as {@code tidemark server} runs it (default config, mapped
 * journal, the whole handler pipeline) on an ephemeral 127.0.0.1 port over a fresh data directory, with
 * rate limits raised so that the limiter charges every request but never refuses one, the connection caps
 * raised so that any {@code --connections} from 127.0.0.1 is taken, and market-maker keys on accounts
 * funded through the ring.
 */
public final class GatewayTarget implements AutoCloseable {
    private static final int NO_LIMIT = Integer.MAX_VALUE / 2;

    private final Path dataDir;
    private final GatewayServer server;

    public GatewayTarget(final Path base, final int workerThreads) throws IOException {
        dataDir = Files.createTempDirectory(base, "tidemark-rest-bench-");
        final ConfigFile file = ConfigFile.defaults();
        final Map<Tier, Integer> limits = new EnumMap<>(Tier.class);
        for (final Tier tier : Tier.values()) {
            limits.put(tier, NO_LIMIT);
        }
        server = GatewayServer.start(new GatewayServer.Context().dataDir(dataDir).config(file.exchange())
            .workerThreads(workerThreads)
            .gateway(GatewayConfig.from(file).withPort(0).withLimits(limits, NO_LIMIT, NO_LIMIT)
                .withConnectionLimits(NO_LIMIT, NO_LIMIT)));
    }

    public int port() {
        return server.port();
    }

    public GatewayServer server() {
        return server;
    }

    /** {@code count} new accounts with a read+trade market-maker key each, funded with plenty of USD and BTC. */
    public List<LoadGenerator.Credentials> keys(final int count) {
        final List<LoadGenerator.Credentials> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final KeyStore.Created created = server.keys().createAccountWithKey(Set.of(Scope.READ, Scope.TRADE), List.of(),
                Tier.MARKET_MAKER, 5_000);
            deposit(created.key().accountId(), "USD", "1000000000");
            deposit(created.key().accountId(), "BTC", "1000000");
            keys.add(new LoadGenerator.Credentials(created.key().id(), created.secret()));
        }
        return keys;
    }

    private void deposit(final long accountId, final String symbol, final String amount) {
        final Asset asset = server.config().assetBySymbol(symbol);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Pipeline.Submit submit = server.node().pipeline().submit(
            new Command().deposit(accountId, asset.id(), asset.parseAmount(amount)), new ReplyHandler() {
                @Override
                public void onReply(final CommandSlot slot) {
                    done.complete(null);
                }
            });
        if (submit != Pipeline.Submit.PUBLISHED) {
            throw new IllegalStateException("deposit not accepted: " + submit);
        }
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException("deposit not answered", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
