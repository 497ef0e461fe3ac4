package io.tidemark.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChildJvm} spoken to a line at a time: commands on its standard input, its answers on its standard
 * output (the child sends the rest of its output to standard error). The load generator, the WebSocket
 * subscribers and the REST targets each run in one.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;

    /** Starts {@code mainClass}; {@code name} says which child in errors. */
    public ChildProcess(final String name, final String mainClass, final List<String> jvmArgs, final List<String> args)
        throws IOException {
        this.name = name;
        this.process = ChildJvm.start(mainClass, jvmArgs, args);
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The next line the child wrote; an error if it ended instead. */
    public String readLine() throws IOException {
        final String line = answers.readLine();
        if (line == null) {
            throw new IOException("the " + name + " process ended");
        }
        return line;
    }

    /** Reads the child's first line and checks it starts with {@code prefix}; the line. */
    public String started(final String prefix) throws IOException {
        final String line = answers.readLine();
        if (line == null || !line.startsWith(prefix)) {
            throw new IOException("the " + name + " process did not start: " + line);
        }
        return line;
    }

    public void send(final String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    /** Sends one command and reads its one-line answer. */
    public String ask(final String command) throws IOException {
        send(command);
        return readLine();
    }

    /** Asks the child to quit, waits up to 10 s for it, then ends it. */
    @Override
    public void close() {
        try {
            send("quit");
        } catch (final IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
