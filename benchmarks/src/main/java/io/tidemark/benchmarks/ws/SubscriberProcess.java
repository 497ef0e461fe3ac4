package io.tidemark.benchmarks.ws;

import io.tidemark.benchmarks.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The WebSocket subscribers in a JVM of their own ({@link SubscriberMain}): their decoding shares the
 * machine's cores with the server, not its process, its heap or its garbage collector.
 */
final class SubscriberProcess implements AutoCloseable {
    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;

    /** Frames the clients received, and connections the server closed, so far. */
    record Count(long received, int closed) {
    }

    SubscriberProcess() throws IOException {
        process = ChildJvm.start(SubscriberMain.class.getName(), List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"), List.of());
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        expect("ready");
    }

    /** Connects {@code count} subscribers and waits for each one's book snapshot; the seconds it took. */
    double connect(final URI uri, final int count) throws IOException {
        final String answer = ask("connect " + uri + " " + count);
        if (!answer.startsWith("ready ")) {
            throw new IOException("the subscribers answered " + answer);
        }
        return Double.parseDouble(answer.substring(6));
    }

    Count count() throws IOException {
        final String[] words = ask("count").split(" ");
        return new Count(Long.parseLong(words[1]), Integer.parseInt(words[2]));
    }

    void closeAll() throws IOException {
        if (!ask("close").equals("closed")) {
            throw new IOException("the subscribers did not close");
        }
    }

    private String ask(final String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        final String answer = answers.readLine();
        if (answer == null) {
            throw new IOException("the subscriber process ended");
        }
        return answer;
    }

    private void expect(final String word) throws IOException {
        final String line = answers.readLine();
        if (!word.equals(line)) {
            throw new IOException("the subscriber process did not start: " + line);
        }
    }

    @Override
    public void close() throws IOException {
        ChildJvm.quit(process, commands);
    }
}
