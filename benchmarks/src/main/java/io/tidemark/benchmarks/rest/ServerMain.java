package io.tidemark.benchmarks.rest;

import io.tidemark.benchmarks.ChildJvm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One REST target (the gateway or the bare Netty server) in a JVM of its own: {@link ServerProcess} starts it
 * and reads one line a command from its standard output (its other output goes to standard error). Each target
 * alone in its JVM, as in production: in one JVM the two servers' runs deoptimised each other's compiled Netty
 * code, and the JIT recompiling took seconds of CPU from the gateway's measured runs.
 *
 * <pre>
 * (started)  ready PORT [KEY SECRET …]
 * gc      →  gc           (a full collection before a run, so runs start with the same empty young generation)
 * stats   →  stats PROCESS_CPU_NANOS COMPILING_MILLIS CPU PART=NANOS,… ALLOCATED PART=BYTES,…
 * quit
 * </pre>
 * Arguments: {@code hello|gateway WORKER_THREADS DATA_DIR KEYS}.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(final String[] args) throws Exception {
        final String target = args[0];
        final int threads = Integer.parseInt(args[1]);
        final PrintStream protocol = System.out;
        System.setOut(System.err);
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (HelloServer hello = target.equals("hello") ? new HelloServer(threads) : null;
             GatewayTarget gateway = target.equals("gateway") ? new GatewayTarget(Path.of(args[2]), threads) : null) {
            final StringBuilder ready = new StringBuilder("ready ");
            if (gateway != null) {
                ready.append(gateway.port());
                for (final LoadGenerator.Credentials key : gateway.keys(Integer.parseInt(args[3]))) {
                    ready.append(' ').append(key.key()).append(' ').append(key.secret());
                }
            } else {
                ready.append(hello.port());
            }
            protocol.println(ready);
            protocol.flush();
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "stats" -> {
                        protocol.println("stats " + ChildJvm.processCpuNanos() + " " + compiling() + " " + encode(cpuByPart()) + " "
                            + encode(allocatedByPart()));
                        protocol.flush();
                    }
                    case "gc" -> {
                        System.gc();
                        protocol.println("gc");
                        protocol.flush();
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown server command: " + line);
                }
            }
        }
    }

    private static String encode(final Map<String, Long> values) {
        final StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return sb.isEmpty() ? "-" : sb.toString();
    }

    static Map<String, Long> decode(final String text) {
        final Map<String, Long> values = new TreeMap<>();
        if (!text.equals("-")) {
            for (final String pair : text.split(",")) {
                final int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    /** CPU time so far by part of the process: the server's event loops, the pipeline's and the store's threads. */
    private static Map<String, Long> cpuByPart() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> cpu = new TreeMap<>();
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            final long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                cpu.merge(part(info.getThreadName()), nanos, Long::sum);
            }
        }
        return cpu;
    }

    /** Heap bytes allocated so far by part of the process (threads alive now; a thread that ended is lost). */
    private static Map<String, Long> allocatedByPart() {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final Map<String, Long> bytes = new TreeMap<>();
        final long[] ids = threads.getAllThreadIds();
        final long[] allocated = threads.getThreadAllocatedBytes(ids);
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && allocated[i] > 0) {
                bytes.merge(part(infos[i].getThreadName()), allocated[i], Long::sum);
            }
        }
        return bytes;
    }

    private static String part(final String thread) {
        if (thread.equals("main")) {
            return "main";
        }
        if (thread.startsWith("hello")) {
            return "hello-server";
        }
        if (thread.startsWith("multiThreadIoEventLoopGroup")) {
            return "gateway-netty";
        }
        if (thread.startsWith("tidemark-")) {
            return thread.replace("tidemark-", "stage-");
        }
        return "other";
    }

    /** Milliseconds the JIT's compiler threads have spent so far (they are not in the thread list above). */
    private static long compiling() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }


    /** For the parent: the arguments {@link #main} takes. */
    static List<String> args(final String target, final int threads, final Path dataDir, final int keys) {
        return List.of(target, Integer.toString(threads), dataDir.toString(), Integer.toString(keys));
    }
}
