package io.tidemark.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM on this jar's class path with the parent pom's JVM flags: the harnesses run in one (like a
 * JMH fork), and the load they put on a server — the REST generator, the WebSocket subscribers — runs in
 * another, so the server's process measures only the server.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The command line: java, the flags, {@code jvmArgs}, the class path, {@code mainClass} and {@code args}. */
    public static List<String> command(final String mainClass, final List<String> jvmArgs, final List<String> args)
        throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(BenchmarkMain.jvmFlags());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Starts {@code mainClass} with its standard input and output piped to this process (the caller's
     * protocol) and its standard error shared with this one.
     */
    public static Process start(final String mainClass, final List<String> jvmArgs, final List<String> args)
        throws IOException {
        return new ProcessBuilder(command(mainClass, jvmArgs, args))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    }

    /** In a child: the CPU time its whole process has used so far (each child reports its own). */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
            .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
