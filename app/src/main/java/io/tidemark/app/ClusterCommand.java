package io.tidemark.app;

import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.ClusterNode;
import io.tidemark.cluster.ClusterNodeMain;
import io.tidemark.cluster.gateway.ClusterGateway;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.gateway.auth.AdminKeyFile;
import io.tidemark.gateway.server.GatewayServer;
import io.tidemark.node.config.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code tidemark cluster [--nodes 3] [--port 8080] [--data-dir ./cluster-data] [--sandbox] [--no-sim]
 * [--node-port 9100] [--config FILE]}: a replicated exchange on one machine, for trying it. Starts N
 * consensus nodes as child processes ({@code <data-dir>/node-N}, member i on ports
 * {@code node-port + 5i} … {@code + 4}, logs in {@code node-N/node.log}), then a gateway in this process
 * on {@code --port} ({@code <data-dir>/gateway}: its admin key, keys, replica and history) as their
 * client. Killing any one node (even the leader) loses nothing acknowledged. SIGTERM stops the gateway,
 * then the nodes; the nodes also end when this process does.
 */
public final class ClusterCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCommand.class);
    static final String USAGE = "usage: tidemark cluster [--nodes 3] [--port 8080] [--data-dir ./cluster-data] [--sandbox]"
        + " [--no-sim] [--node-port 9100] [--config FILE]";
    private static final Set<String> VALUED = Set.of("nodes", "port", "data-dir", "config", "node-port", "durability");

    private ClusterCommand() {
    }

    public static void main(final String[] args) throws Exception {
        final Flags flags;
        final int size;
        final ClusterMembers members;
        final Path dataDir;
        try {
            flags = Flags.parse(List.of(args), VALUED, Set.of("sandbox", "no-sim"));
            size = flags.integer("nodes", 3);
            if (size < 1 || size > 9 || size % 2 == 0) {
                throw new IllegalArgumentException("--nodes must be an odd number from 1 to 9 (a majority must survive)");
            }
            members = ClusterMembers.onOneHost(size, "127.0.0.1", flags.integer("node-port", 9100));
            dataDir = flags.path("data-dir", "./cluster-data").toAbsolutePath().normalize();
            if (flags.has("no-sim") && !flags.has("sandbox")) {
                throw new IllegalArgumentException("--no-sim goes with --sandbox");
            }
            ConfigFile.loadOrDefaults(flags.path("config", null)).exchange();
        } catch (final IllegalArgumentException | ConfigException e) {
            ServerCommand.refuse("tidemark cluster: " + e.getMessage(), USAGE);
            return;
        }
        final List<Process> nodes = new ArrayList<>();
        final List<Path> nodeDirs = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            final Path nodeDir = dataDir.resolve("node-" + id);
            Files.createDirectories(nodeDir);
            nodes.add(startNode(id, members, nodeDir, flags.path("config", null)));
            nodeDirs.add(nodeDir);
        }
        System.out.println("Tidemark cluster: " + size + " nodes " + members + " (data: " + dataDir + ")");

        final List<String> gatewayArgs = new ArrayList<>(List.of("--data-dir", dataDir.resolve("gateway").toString()));
        for (final String name : List.of("port", "config", "durability")) {
            if (flags.has(name)) {
                gatewayArgs.addAll(List.of("--" + name, flags.get(name, null)));
            }
        }
        if (flags.has("sandbox")) {
            if (flags.has("no-sim")) {
                gatewayArgs.add("--no-sim");
            }
            final SandboxCommand.Launched launched = SandboxCommand.launch(
                context -> ClusterGateway.configure(context, members), gatewayArgs.toArray(String[]::new));
            SandboxCommand.banner(System.out, launched.server(), launched.demo(), launched.simulation() != null,
                launched.config());
            ServerCommand.run(launched.server(), launched.simulation(), () -> {
                launched.sandbox().close();
                stopNodes(nodes, nodeDirs);
            });
        } else {
            final Flags gatewayFlags = Flags.parse(gatewayArgs, ServerCommand.FLAGS, Set.of());
            final GatewayServer server = GatewayServer.start(ClusterGateway.configure(
                ServerCommand.context(gatewayFlags, ConfigFile.loadOrDefaults(gatewayFlags.path("config", null))),
                members));
            server.adminKeyCreated().ifPresent(created -> System.out.println("Operator (admin) key " + created.key().id()
                + "   secret " + created.secret() + "   (shown this once; kept in "
                + server.node().dataDir().resolve(AdminKeyFile.NAME) + ", mode 0600)"));
            System.out.println("Cluster view: GET " + server.baseUrl() + "/v1/admin/cluster (admin key)");
            ServerCommand.run(server, null, () -> stopNodes(nodes, nodeDirs));
        }
    }

    private static Process startNode(final int id, final ClusterMembers members, final Path nodeDir, final Path config)
        throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            ClusterNodeMain.class.getName(), "--id", Integer.toString(id), "--members", members.toString(),
            "--data-dir", nodeDir.toString(), "--exit-with", Long.toString(ProcessHandle.current().pid())));
        if (config != null) {
            command.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile())).start();
    }

    /** After the gateway has closed: SIGTERM, on which each node closes itself cleanly. */
    private static void stopNodes(final List<Process> nodes, final List<Path> nodeDirs) {
        nodes.forEach(Process::destroy);
        for (final Process node : nodes) {
            try {
                if (!node.waitFor(20, TimeUnit.SECONDS)) {
                    LOG.warn("event=node_not_stopped pid={}; killing it", node.pid());
                    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a node killed at any time (by the operator too) leaves its Aeron directory in shared memory
        for (final Path nodeDir : nodeDirs) {
            ClusterNode.deleteAeronDirectory(nodeDir);
        }
    }
}
