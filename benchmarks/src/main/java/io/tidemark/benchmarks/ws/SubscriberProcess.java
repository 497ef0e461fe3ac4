package io.tidemark.benchmarks.ws;

import io.tidemark.benchmarks.ChildProcess;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The WebSocket subscribers in a JVM of their own ({@link SubscriberMain}): their decoding shares the
 * machine's cores with the server, not its process, its heap or its garbage collector.
 */
final class SubscriberProcess implements AutoCloseable {
    private final ChildProcess child;

    /** Frames the clients received, and connections the server closed, so far. */
    record Count(long received, int closed) {
    }

    SubscriberProcess() throws IOException {
        child = new ChildProcess("subscriber", SubscriberMain.class.getName(),
            List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), List.of());
        child.started("ready");
    }

    /** Connects {@code count} subscribers and waits for each one's book snapshot; the seconds it took. */
    double connect(final URI uri, final int count) throws IOException {
        final String answer = child.ask("connect " + uri + " " + count);
        if (!answer.startsWith("ready ")) {
            throw new IOException("the subscribers answered " + answer);
        }
        return Double.parseDouble(answer.substring(6));
    }

    Count count() throws IOException {
        final String[] words = child.ask("count").split(" ");
        return new Count(Long.parseLong(words[1]), Integer.parseInt(words[2]));
    }

    void closeAll() throws IOException {
        if (!child.ask("close").equals("closed")) {
            throw new IOException("the subscribers did not close");
        }
    }

    @Override
    public void close() {
        child.close();
    }
}
