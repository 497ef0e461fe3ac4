package io.tidemark.benchmarks.rest;

import io.tidemark.benchmarks.ChildProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A REST target in its own JVM ({@link ServerMain}): its port, the keys it made, and its threads' CPU and allocation. */
final class ServerProcess implements AutoCloseable {
    private final ChildProcess child;
    private final int port;
    private final List<LoadGenerator.Credentials> keys = new ArrayList<>();

    /** What the server's process has used so far. */
    record Stats(long processCpuNanos, long compilingMillis, Map<String, Long> cpuByPart, Map<String, Long> allocatedByPart) {
    }

    ServerProcess(final String target, final int threads, final Path dataDir, final int keyCount) throws IOException {
        child = new ChildProcess(target + " server", ServerMain.class.getName(),
            List.of("-Xms4g", "-Xmx4g", "-Xmn2g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"),
            ServerMain.args(target, threads, dataDir, keyCount));
        final String[] w = child.started("ready ").split(" ");
        port = Integer.parseInt(w[1]);
        for (int i = 2; i + 1 < w.length; i += 2) {
            keys.add(new LoadGenerator.Credentials(w[i], w[i + 1]));
        }
    }

    int port() {
        return port;
    }

    List<LoadGenerator.Credentials> keys() {
        return keys;
    }

    void gc() throws IOException {
        final String answer = child.ask("gc");
        if (!"gc".equals(answer)) {
            throw new IOException("the server process answered " + answer);
        }
    }

    Stats stats() throws IOException {
        final String answer = child.ask("stats");
        if (!answer.startsWith("stats ")) {
            throw new IOException("the server process answered " + answer);
        }
        final String[] w = answer.split(" ");
        return new Stats(Long.parseLong(w[1]), Long.parseLong(w[2]), ServerMain.decode(w[3]), ServerMain.decode(w[4]));
    }

    @Override
    public void close() {
        child.close();
    }
}
