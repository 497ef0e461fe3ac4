package io.tidemark.app;

import io.tidemark.engine.config.ConfigException;
import io.tidemark.gateway.auth.AdminKeyFile;
import io.tidemark.gateway.http.Route;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.sandbox.Sandbox;
import io.tidemark.sandbox.SandboxConfig;
import io.tidemark.sandbox.Simulation;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code tidemark sandbox [--port 8080] [--data-dir ./data] [--config FILE] [--no-sim]}: the whole
 * exchange plus the sandbox endpoints, the demo account and the simulated market, on loopback
 * (127.0.0.1 unless {@code gateway.host} says otherwise). Prints the URL it is bound to and the demo
 * key once ready; SIGTERM or Ctrl-C stops the traders, then the server (final
 * snapshot). A later start on the same data directory recovers everything and reuses the demo and
 * simulated accounts.
 */
public final class SandboxCommand {
    static final String USAGE = "usage: tidemark sandbox [--port 8080] [--data-dir ./data] [--config FILE] [--no-sim]"
        + " [--durability mapped|sync]";

    private SandboxCommand() {
    }

    /** A running sandbox: the server, its sandbox features, the demo account and the simulated market (null if off). */
    public record Launched(GatewayServer server, Sandbox sandbox, Sandbox.Demo demo, Simulation simulation,
                           SandboxConfig config) implements AutoCloseable {
        /** Stops the traders, then the server, then the sandbox's executor (as a SIGTERM does). */
        @Override
        public void close() {
            if (simulation != null) {
                simulation.close();
            }
            server.close();
            sandbox.close();
        }
    }

    public static void main(final String[] args) throws Exception {
        final Launched launched;
        try {
            launched = launch(args);
        } catch (final Refused e) {
            ServerCommand.refuse("tidemark sandbox: " + e.getMessage(), USAGE);
            return;
        }
        banner(System.out, launched.server(), launched.demo(), launched.simulation() != null, launched.config());
        // the simulated traders stop first; the sandbox's executor closes after the server, so that a signup
        // or faucet call in flight at shutdown is still answered
        ServerCommand.run(launched.server(), launched.simulation(), launched.sandbox());
    }

    /**
     * Starts the sandbox the command line describes and returns once it serves and the simulation (unless
     * {@code --no-sim}) has started; {@link Refused} for bad flags or config. Also how benchmarks start one.
     */
    public static Launched launch(final String... args) throws IOException {
        return launch(UnaryOperator.identity(), args);
    }

    /** As {@link #launch(String...)}, with {@code customize} applied to the server's context last (a cluster gateway). */
    public static Launched launch(final UnaryOperator<GatewayServer.Context> customize, final String... args)
        throws IOException {
        final Flags flags;
        try {
            flags = Flags.parse(List.of(args), new HashSet<>(ServerCommand.FLAGS), Set.of("no-sim"));
        } catch (final IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        final SandboxConfig config;
        final Sandbox[] sandbox = new Sandbox[1];
        final GatewayServer.Context context;
        try {
            final ConfigFile file = ConfigFile.loadOrDefaults(flags.path("config", null));
            config = SandboxConfig.from(file, file.exchange());
            context = ServerCommand.context(flags, file).sandbox(true)
                .endpoint(Route.SANDBOX_ACCOUNTS, server -> sandbox(sandbox, server, config)::accounts)
                .endpoint(Route.SANDBOX_FAUCET, server -> sandbox(sandbox, server, config)::faucet);
        } catch (final IllegalArgumentException | ConfigException e) {
            throw new Refused(ServerCommand.configError(e, flags));
        }
        final GatewayServer server = GatewayServer.start(customize.apply(context));
        try {
            final Sandbox.Demo demo = sandbox[0].demo();
            final SandboxConfig.Simulation sim = config.simulation();
            final Simulation simulation = flags.has("no-sim") || sim.makers() + sim.takers() == 0 ? null
                : Simulation.start(sim, sandbox[0]);
            return new Launched(server, sandbox[0], demo, simulation, config);
        } catch (final RuntimeException e) {
            sandbox[0].close();
            server.close();
            throw e;
        }
    }

    /** The command line or the config was refused; the message says why. */
    public static final class Refused extends RuntimeException {
        Refused(final String message) {
            super(message);
        }
    }

    private static Sandbox sandbox(final Sandbox[] holder, final GatewayServer server, final SandboxConfig config) {
        if (holder[0] == null) {
            holder[0] = new Sandbox(server, config);
        }
        return holder[0];
    }

    static void banner(final PrintStream out, final GatewayServer server, final Sandbox.Demo demo,
                               final boolean simulated, final SandboxConfig config) {
        final String base = server.baseUrl();
        out.println();
        out.println("Tidemark sandbox  " + base + "/v1   (WebSocket ws" + base.substring("http".length()) + "/v1/ws)");
        out.println("  demo account " + demo.accountId() + "   key " + demo.key());
        if (demo.created()) {
            out.println("                    secret " + demo.secret() + "   (shown this once; kept in " + demo.file()
                + ", mode 0600)");
        } else {
            out.println("                    secret in " + demo.file() + " (mode 0600)");
        }
        server.adminKeyCreated().ifPresent(created -> out.println("  operator (admin) key " + created.key().id()
            + "   secret " + created.secret() + "   (shown this once; kept in "
            + server.node().dataDir().resolve(AdminKeyFile.NAME) + ", mode 0600)"));
        out.println("  a new funded account + key:  curl -s -X POST " + base + "/v1/sandbox/accounts");
        out.println("  simulated market: " + (simulated ? config.simulation().makers() + " makers, "
            + config.simulation().takers() + " takers (seed " + config.simulation().seed() + ")" : "off (--no-sim)"));
        out.flush();
    }
}
