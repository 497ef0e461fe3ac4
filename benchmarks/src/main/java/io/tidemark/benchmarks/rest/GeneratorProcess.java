package io.tidemark.benchmarks.rest;

import io.tidemark.benchmarks.ChildProcess;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@link LoadGenerator} in a JVM of its own ({@link GeneratorMain}), so the server's process — whose
 * threads' CPU the benchmark reads per request — shares nothing with the client but the machine's cores.
 * Each run is one command line to the child and one result line back: the counts, the client process's CPU
 * over the run, and the latency histogram (HdrHistogram's compressed form, Base64).
 */
public final class GeneratorProcess implements AutoCloseable {
    static final String RESULT = "result";

    private final ChildProcess child;

    /** What one run measured, and the CPU time the generator's whole process used for it. */
    public record Run(LoadGenerator.Result result, long clientCpuNanos) {
    }

    public GeneratorProcess(final int threads) throws IOException {
        child = new ChildProcess("generator", GeneratorMain.class.getName(),
            List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), List.of(Integer.toString(threads)));
        child.started("ready");
    }

    public Run run(final String target, final InetSocketAddress address, final List<LoadGenerator.Credentials> keys,
                   final LoadGenerator.Options options) throws IOException {
        final StringBuilder line = new StringBuilder("keys");
        for (final LoadGenerator.Credentials key : keys) {
            line.append(' ').append(key.key()).append(' ').append(key.secret());
        }
        child.send(line.toString());
        final String answer = child.ask(String.format(Locale.ROOT, "run %s %d %d %d %d %s %s %d", target, address.getPort(),
            options.connections(), options.rate(), options.depth(), options.warmupSeconds(), options.seconds(),
            options.maxInFlight()));
        if (!answer.startsWith(RESULT + " ")) {
            throw new IOException("the generator process answered " + answer);
        }
        return decode(answer, options);
    }

    static String encode(final LoadGenerator.Result r, final long cpuNanos) {
        final ByteBuffer histogram = ByteBuffer.allocate(r.latency().getNeededByteBufferCapacity());
        final int length = r.latency().encodeIntoCompressedByteBuffer(histogram);
        final StringBuilder statuses = new StringBuilder();
        r.statuses().forEach((status, count) -> statuses.append(statuses.length() == 0 ? "" : ",").append(status)
            .append(':').append(count));
        return String.join(" ", RESULT, r.target(), Long.toString(r.requests()), Long.toString(r.places()),
            Double.toString(r.elapsedSeconds()), Long.toString(r.unanswered()), Long.toString(r.connectionErrors()),
            Long.toString(r.answered()), statuses.length() == 0 ? "-" : statuses.toString(), Long.toString(cpuNanos),
            Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(histogram.array(), length)));
    }

    static Run decode(final String line, final LoadGenerator.Options options) {
        final String[] w = line.split(" ");
        final Map<Integer, Long> statuses = new TreeMap<>();
        if (!w[8].equals("-")) {
            for (final String pair : w[8].split(",")) {
                final String[] kv = pair.split(":");
                statuses.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
            }
        }
        final Histogram latency;
        try {
            latency = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(w[10])),
                TimeUnit.SECONDS.toNanos(60));
        } catch (final java.util.zip.DataFormatException e) {
            throw new IllegalStateException("the generator's histogram does not decode", e);
        }
        final long requests = Long.parseLong(w[2]);
        final long places = Long.parseLong(w[3]);
        return new Run(new LoadGenerator.Result(w[1], options, requests, places, requests - places,
            Double.parseDouble(w[4]), latency, statuses, Long.parseLong(w[5]), Long.parseLong(w[6]), Long.parseLong(w[7])),
            Long.parseLong(w[9]));
    }

    @Override
    public void close() {
        child.close();
    }
}
