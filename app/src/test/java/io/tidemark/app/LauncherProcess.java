package io.tidemark.app;

import io.tidemark.sandbox.SignedHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tidemark sandbox ...} started from the repository root as a newcomer would, as a child
 * process on a free 127.0.0.1 port. {@code TIDEMARK_NO_BUILD=1}: the Maven build running these tests
 * has already produced the launcher's classpath (process-classes), so the script must not start a
 * nested Maven. Output goes to files next to the data directory, shown when something fails.
 */
final class LauncherProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    final int port;
    final String baseUrl;

    private LauncherProcess(final Process process, final String host, final int port, final Path stdout,
                            final Path stderr) {
        this.process = process;
        this.port = port;
        this.baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("tidemark"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no ./tidemark above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts {@code ./tidemark sandbox --port P --data-dir D extra...} and waits until ping answers 200. */
    static LauncherProcess start(final Path dataDir, final String name, final String... extra) throws Exception {
        return start("127.0.0.1", dataDir, name, extra);
    }

    /** As {@link #start(Path, String, String...)} for a sandbox whose config binds it to {@code host}. */
    static LauncherProcess start(final String host, final Path dataDir, final String name, final String... extra)
        throws Exception {
        return launch("sandbox", host, dataDir, name, extra);
    }

    /** {@code ./tidemark server --port P --data-dir D extra...}: the real exchange, no sandbox endpoints. */
    static LauncherProcess server(final Path dataDir, final String name, final String... extra) throws Exception {
        return launch("server", "127.0.0.1", dataDir, name, extra);
    }

    /** {@code ./tidemark cluster --port P --data-dir D extra...}: node processes and their gateway. */
    static LauncherProcess cluster(final Path dataDir, final String name, final String... extra) throws Exception {
        return launch("cluster", "127.0.0.1", dataDir, name, extra);
    }

    private static LauncherProcess launch(final String mode, final String host, final Path dataDir, final String name,
                                          final String... extra) throws Exception {
        final int port = freePort();
        final List<String> command = new ArrayList<>(List.of("./tidemark", mode, "--port", Integer.toString(port),
            "--data-dir", dataDir.toString()));
        command.addAll(List.of(extra));
        final Path out = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".out");
        final Path err = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".err");
        final ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot().toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("TIDEMARK_NO_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));  // the JDK running the tests
        builder.environment().put("TIDEMARK_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC");
        final LauncherProcess launched = new LauncherProcess(builder.start(), host, port, out, err);
        launched.awaitReady(Duration.ofSeconds(mode.equals("cluster") ? 120 : 60));
        return launched;
    }

    private void awaitReady(final Duration timeout) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final SignedHttp anonymous = SignedHttp.anonymous(baseUrl);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher exited with " + process.exitValue() + "\n" + output());
            }
            try {
                if (anonymous.get("/v1/ping").status() == 200) {
                    return;
                }
            } catch (final IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no ping within " + timeout + "\n" + output());
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String output() throws IOException {
        return "--- stdout\n" + stdout() + "--- stderr\n" + Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** SIGTERM (what {@link Process#destroy()} sends), then waits for the clean stop; returns the exit code. */
    int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the sandbox did not stop within 30 s of SIGTERM\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no final snapshot. */
    void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }
}
