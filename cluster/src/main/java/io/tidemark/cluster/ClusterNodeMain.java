package io.tidemark.cluster;

import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.node.config.ConfigFile;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One consensus node as a process: {@code --id N --members "0=host:port,…" --data-dir D [--config FILE]}
 * (what {@code ./tidemark cluster-node} runs). Runs until SIGTERM; SIGKILL loses nothing the cluster
 * acknowledged, since a command is acknowledged only once a majority has it.
 */
public final class ClusterNodeMain {
    public static final String USAGE =
        "usage: tidemark cluster-node --id N --members \"0=host:port,1=host:port,2=host:port\" --data-dir DIR [--config FILE]";

    private ClusterNodeMain() {
    }

    /** The parsed arguments. */
    public record Arguments(int id, ClusterMembers members, Path dataDir, Path config, long exitWith) {
        public static Arguments parse(final String[] args) {
            Integer id = null;
            ClusterMembers members = null;
            Path dataDir = null;
            Path config = null;
            long exitWith = 0;
            for (int i = 0; i < args.length; i++) {
                final String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                final String value = args[++i];
                switch (name) {
                    case "--id" -> {
                        try {
                            id = Integer.parseInt(value);
                        } catch (final NumberFormatException e) {
                            throw new IllegalArgumentException("--id must be a number, not " + value);
                        }
                    }
                    case "--members" -> members = ClusterMembers.parse(value);
                    case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                    case "--config" -> config = Path.of(value);
                    // started by ./tidemark cluster: end with the launcher, even if it is killed
                    case "--exit-with" -> exitWith = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown argument " + name);
                }
            }
            if (id == null || members == null || dataDir == null) {
                throw new IllegalArgumentException("--id, --members and --data-dir are required");
            }
            members.member(id);
            return new Arguments(id, members, dataDir, config, exitWith);
        }
    }

    public static void main(final String[] args) throws InterruptedException {
        final Arguments arguments;
        final ExchangeConfig config;
        try {
            arguments = Arguments.parse(args);
            config = ConfigFile.loadOrDefaults(arguments.config()).exchange();
        } catch (final RuntimeException e) {
            System.err.println("tidemark cluster-node: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        final ClusterNode node = ClusterNode.launch(new ClusterNode.Context().memberId(arguments.id())
            .members(arguments.members()).dataDir(arguments.dataDir()).config(config));
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "tidemark-shutdown"));
        if (arguments.exitWith() > 0) {
            exitWith(arguments.exitWith());
        }
        System.out.println("Tidemark cluster node " + arguments.id() + " of " + arguments.members() + " running (data: "
            + arguments.dataDir() + ", pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        stopped.await();
    }

    private static void exitWith(final long pid) {
        final Thread watch = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (final InterruptedException e) {
                    return;
                }
            }
            System.exit(0);
        }, "tidemark-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
