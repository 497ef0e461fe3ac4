package io.tidemark.gateway.api;

import io.tidemark.gateway.http.Responder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Replies collected over one batch of the ring, handed to each executor (a channel's event loop) as one
 * task at the end of the batch instead of one task per reply: a loop that answers many requests of a
 * batch wakes once and runs them in the order the ring answered them. Continuations for one executor
 * keep their order; continuations for different executors never had one.
 *
 * <p>Not thread safe: owned by the pipeline's reply thread (the core thread when fused), which calls
 * {@link #add} for each reply and {@link #run} at the end of each batch.
 */
final class ReplyBatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyBatch.class);

    /** Executors seen so far (a few event loops), and what each waits for in this batch. */
    private Executor[] executors = new Executor[4];
    private List<Runnable>[] pending = newLists(4);
    private int count;

    @SuppressWarnings("unchecked")
    private static List<Runnable>[] newLists(final int size) {
        return new List[size];
    }

    void add(final Executor target, final Runnable continuation) {
        // a request's guarded executor is one of many over the same event loop: group by the loop
        final Executor executor;
        final Runnable task;
        if (target instanceof Responder.Guarded guarded) {
            executor = guarded.eventLoop();
            task = () -> guarded.runHere(continuation);
        } else {
            executor = target;
            task = continuation;
        }
        for (int i = 0; i < count; i++) {
            if (executors[i] == executor) {
                pending[i].add(task);
                return;
            }
        }
        if (count == executors.length) {
            executors = Arrays.copyOf(executors, count * 2);
            pending = Arrays.copyOf(pending, count * 2);
        }
        executors[count] = executor;
        pending[count] = new ArrayList<>();
        pending[count].add(task);
        count++;
    }

    /** The end of a batch: one task per executor that has replies waiting. */
    @Override
    public void run() {
        for (int i = 0; i < count; i++) {
            final List<Runnable> tasks = pending[i];
            if (tasks.isEmpty()) {
                continue;
            }
            pending[i] = new ArrayList<>(tasks.size());
            try {
                if (tasks.size() == 1) {
                    executors[i].execute(tasks.get(0));
                } else {
                    executors[i].execute(() -> runAll(tasks));
                }
            } catch (final RuntimeException e) {
                // an event loop shutting down: its connections are closing, nobody reads these replies
                LOG.warn("{} replies not handed to a stopped executor: {}", tasks.size(), e.toString());
            }
        }
    }

    private static void runAll(final List<Runnable> tasks) {
        for (int i = 0, n = tasks.size(); i < n; i++) {
            try {
                tasks.get(i).run();
            } catch (final RuntimeException e) {
                LOG.error("reply continuation failed", e);
            }
        }
    }
}
