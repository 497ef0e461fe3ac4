package io.tidemark.cluster;

import io.tidemark.cluster.client.ClusterClient;
import io.tidemark.cluster.protocol.CommandOrigin;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.IgnoringListener;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster client as a gateway is one: it applies every command the cluster applied to its own replica
 * engine, and counts a command of its own as acknowledged once its replica applied it.
 */
final class ReplicaClient implements AutoCloseable {
    final MatchingEngine replica;
    final ClusterClient client;
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    /** Order ids of our own accepted orders, as acknowledged. */
    final ConcurrentLinkedQueue<Long> acceptedOrders = new ConcurrentLinkedQueue<>();

    ReplicaClient(final ClusterMembers members, final ExchangeConfig config) {
        this(members, new MatchingEngine(config, new IgnoringListener() { }), 0);
    }

    /** Continues {@code replica}, which has applied the commands up to {@code lastApplied}. */
    ReplicaClient(final ClusterMembers members, final MatchingEngine replica, final long lastApplied) {
        this.replica = replica;
        this.client = new ClusterClient(members, "127.0.0.1", lastApplied, this::onApplied);
    }

    private void onApplied(final Command command, final Object handle, final CommandOrigin origin) {
        replica.process(command);
        if (handle != null) {
            acknowledged.incrementAndGet();
            if (command.type == CommandType.PLACE_ORDER && command.result == ResultCode.ACCEPTED) {
                acceptedOrders.add(command.resultId);
            }
        }
    }

    void submit(final Command command) {
        while (client.submit(command, Boolean.TRUE) == ClusterClient.Submit.BUSY) {
            Thread.onSpinWait();
        }
        submitted.incrementAndGet();
    }

    /** Waits until every command submitted was acknowledged. */
    void awaitAllAcknowledged(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.get() < submitted.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(acknowledged.get() + " of " + submitted.get() + " commands acknowledged");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** The replica's hash; call only when no command is in flight. */
    long stateHash() {
        return replica.stateHash();
    }

    long appliedSequence() {
        return client.appliedSequence();
    }

    @Override
    public void close() {
        client.close();
    }
}
