package io.tidemark.app;

import io.tidemark.cluster.ClusterNodeMain;

import java.util.Arrays;

/**
 * The one entry point behind {@code ./tidemark}: {@code sandbox}, {@code server}, {@code cluster},
 * {@code cluster-node}, {@code keys} and {@code replay}, each handed the remaining arguments.
 */
public final class Launcher {
    private static final String USAGE = String.join("\n",
        "usage: tidemark sandbox [--port 8080] [--data-dir ./data] [--config FILE] [--no-sim]",
        "       tidemark server  [--port 8080] [--data-dir ./data] [--config FILE] [--durability mapped|sync]"
            + " [--cluster \"0=host:port,…\"]",
        "       tidemark cluster [--nodes 3] [--port 8080] [--data-dir ./cluster-data] [--sandbox] [--no-sim]"
            + " [--node-port 9100] [--config FILE]",
        "       tidemark cluster-node --id N --members \"0=host:port,1=host:port,2=host:port\" --data-dir DIR"
            + " [--config FILE]",
        "       tidemark keys create|list|revoke [--data-dir ./data] ...",
        "       tidemark replay --data-dir DIR [--config FILE]");

    private Launcher() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        final String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "sandbox" -> SandboxCommand.main(rest);
            case "server" -> ServerCommand.main(rest);
            case "cluster" -> ClusterCommand.main(rest);
            case "cluster-node" -> ClusterNodeMain.main(rest);
            case "keys" -> KeysCommand.main(rest);
            case "replay" -> ReplayCommand.main(rest);
            case "help", "-h", "--help" -> System.out.println(USAGE);
            default -> {
                System.err.println("tidemark: unknown command " + args[0]);
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }
}
