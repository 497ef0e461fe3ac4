package io.tidemark.benchmarks.rest;

import io.tidemark.benchmarks.ChildJvm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST load generator's own process: {@link GeneratorProcess} starts it and sends it one command a
 * line on standard input; it answers each run with one {@link GeneratorProcess#RESULT} line on standard
 * output (its other output goes to standard error).
 *
 * <pre>
 * keys KEY SECRET [KEY SECRET …]
 * run TARGET PORT CONNECTIONS RATE DEPTH WARMUP SECONDS MAX_IN_FLIGHT
 * quit
 * </pre>
 */
public final class GeneratorMain {
    private GeneratorMain() {
    }

    public static void main(final String[] args) throws Exception {
        final int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        final PrintStream protocol = System.out;
        System.setOut(System.err);
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<LoadGenerator.Credentials> keys = List.of();
        try (LoadGenerator generator = new LoadGenerator(threads)) {
            protocol.println("ready");
            protocol.flush();
            String line;
            while ((line = in.readLine()) != null) {
                final String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "keys" -> {
                        final List<LoadGenerator.Credentials> read = new ArrayList<>();
                        for (int i = 1; i + 1 < words.length; i += 2) {
                            read.add(new LoadGenerator.Credentials(words[i], words[i + 1]));
                        }
                        keys = read;
                    }
                    case "run" -> {
                        final LoadGenerator.Options options = new LoadGenerator.Options(Integer.parseInt(words[3]),
                            Long.parseLong(words[4]), Integer.parseInt(words[5]), Double.parseDouble(words[6]),
                            Double.parseDouble(words[7]), Integer.parseInt(words[8]));
                        final long cpuBefore = ChildJvm.processCpuNanos();
                        final LoadGenerator.Result result = generator.run(words[1],
                            new InetSocketAddress("127.0.0.1", Integer.parseInt(words[2])), keys, options);
                        protocol.println(GeneratorProcess.encode(result, ChildJvm.processCpuNanos() - cpuBefore));
                        protocol.flush();
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown generator command: " + line);
                }
            }
        }
    }

}
