package io.tidemark.app;

import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.gateway.ClusterGateway;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.gateway.auth.AdminKeyFile;
import io.tidemark.gateway.config.GatewayConfig;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.history.HistoryConfig;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.marketdata.analytics.AnalyticsConfig;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.node.config.NodeConfig;
import io.tidemark.node.journal.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tidemark server [--port 8080] [--data-dir ./data] [--config FILE] [--durability mapped|sync]}:
 * the exchange without sandbox features. Prints the URL once ready; SIGTERM (or Ctrl-C) stops it cleanly.
 */
public final class ServerCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);
    public static final Set<String> FLAGS = Set.of("port", "data-dir", "config", "durability");
    private static final Set<String> SERVER_FLAGS = Set.of("port", "data-dir", "config", "durability", "cluster");

    private ServerCommand() {
    }

    public static void main(final String[] args) throws Exception {
        final String usage = "usage: tidemark server [--port 8080] [--data-dir ./data] [--config FILE] [--durability mapped|sync]"
            + " [--cluster \"0=host:port,1=host:port,2=host:port\"]";
        final Flags flags;
        try {
            flags = Flags.parse(List.of(args), SERVER_FLAGS, Set.of());
        } catch (final IllegalArgumentException e) {
            refuse("tidemark server: " + e.getMessage(), usage);
            return;
        }
        final GatewayServer.Context context;
        try {
            final GatewayServer.Context plain = context(flags, ConfigFile.loadOrDefaults(flags.path("config", null)));
            // the gateway of a cluster running elsewhere: the engine is the cluster's, this process its client
            context = flags.has("cluster")
                ? ClusterGateway.configure(plain, ClusterMembers.parse(flags.get("cluster", null))) : plain;
        } catch (final IllegalArgumentException | ConfigException e) {
            refuse("tidemark server: " + configError(e, flags), usage);
            return;
        }
        final GatewayServer server = GatewayServer.start(context);
        // the sandbox prints its own key in its banner
        server.adminKeyCreated().ifPresent(created -> System.out.println("Operator (admin) key " + created.key().id()
            + "   secret " + created.secret() + "   (shown this once; kept in "
            + server.node().dataDir().resolve(AdminKeyFile.NAME) + ", mode 0600)"));
        run(server, null, null);
    }

    static void refuse(final String message, final String usage) {
        System.err.println(message);
        System.err.println(usage);
        System.exit(2);
    }

    /** A config error names the file it came from, whichever section's binder found it. */
    static String configError(final RuntimeException e, final Flags flags) {
        final String message = e.getMessage();
        if (!(e instanceof ConfigException) || !flags.has("config") || message.startsWith("config file ")) {
            return message;
        }
        return "config file " + flags.path("config", null) + ": " + message;
    }

    /** The context every launcher mode shares: config, data directory, port, durability. */
    public static GatewayServer.Context context(final Flags flags, final ConfigFile file) {
        final GatewayConfig gateway = GatewayConfig.from(file);
        final ExchangeConfig exchange = file.exchange();
        return new GatewayServer.Context()
            .dataDir(flags.path("data-dir", "./data").toAbsolutePath().normalize())
            .config(exchange)
            .analytics(AnalyticsConfig.from(file, exchange))
            .history(HistoryConfig.from(file))
            .gateway(gateway.withPort(flags.integer("port", gateway.port())))
            .durability(Durability.valueOf(flags.get("durability", "mapped").toUpperCase()))
            .topology(NodeConfig.from(file).topology());
    }

    /**
     * Runs until SIGTERM or Ctrl-C, then stops {@code beforeServer} (e.g. simulated clients), closes the
     * server, then {@code afterServer} (e.g. executors that requests in flight still answer through).
     * Either may be null.
     */
    public static void run(final GatewayServer server, final AutoCloseable beforeServer, final AutoCloseable afterServer)
        throws InterruptedException {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeQuietly(beforeServer);
            server.close();
            closeQuietly(afterServer);
            stopped.countDown();
        }, "tidemark-shutdown"));
        System.out.println("Tidemark is listening on " + server.baseUrl() + "/v1  (data: " + server.node().dataDir() + ")");
        System.out.flush();
        stopped.await();
    }


    private static void closeQuietly(final AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (final Exception e) {
            LOG.warn("event=shutdown_step_failed error={}", e.toString());
        }
    }
}
