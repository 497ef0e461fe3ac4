package io.tidemark.gateway.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyBatchTest {
    /** An executor that keeps its tasks until told to run them. */
    private static final class Queue implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(final Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            tasks.forEach(Runnable::run);
            tasks.clear();
        }
    }

    @Test
    void eachExecutorGetsOneTaskPerBatchRunningItsRepliesInOrder() {
        final ReplyBatch batch = new ReplyBatch();
        final Queue a = new Queue();
        final Queue b = new Queue();
        final List<String> ran = new ArrayList<>();
        batch.add(a, () -> ran.add("a1"));
        batch.add(b, () -> ran.add("b1"));
        batch.add(a, () -> ran.add("a2"));
        batch.add(a, () -> {
            throw new IllegalStateException("one continuation fails");
        });
        batch.add(a, () -> ran.add("a3"));
        assertThat(a.tasks).isEmpty();
        batch.run();
        assertThat(a.tasks).hasSize(1);
        assertThat(b.tasks).hasSize(1);
        a.runAll();
        b.runAll();
        assertThat(ran).containsExactly("a1", "a2", "a3", "b1");

        ran.clear();
        batch.run();
        assertThat(a.tasks).as("nothing waiting: no task").isEmpty();
        batch.add(b, () -> ran.add("b2"));
        batch.run();
        assertThat(a.tasks).isEmpty();
        b.runAll();
        assertThat(ran).containsExactly("b2");
    }

    @Test
    void aStoppedExecutorDoesNotKeepOthersFromTheirReplies() {
        final ReplyBatch batch = new ReplyBatch();
        final Executor stopped = task -> {
            throw new RejectedExecutionException("shut down");
        };
        final Queue live = new Queue();
        final List<String> ran = new ArrayList<>();
        batch.add(stopped, () -> ran.add("lost"));
        batch.add(live, () -> ran.add("kept"));
        batch.run();
        live.runAll();
        assertThat(ran).containsExactly("kept");
    }
}
