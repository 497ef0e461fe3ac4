package io.tidemark.cluster.gateway;

import io.tidemark.cluster.ClusterMembers;
import io.tidemark.gateway.http.Route;
import io.tidemark.gateway.server.GatewayServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Turns a gateway's context into a cluster gateway's: commands sequenced by the cluster of {@code members}
 * ({@link ClusterSequencer}), the WebSocket cancel_after switches kept by the cluster (the same sequencer),
 * {@code GET /v1/admin/cluster} served ({@link ClusterView}), mode {@code cluster}. Everything else (keys, nonces, read models, history, WebSocket, sandbox) is the
 * single node's own code on the gateway's replica.
 */
public final class ClusterGateway {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterGateway.class);

    private ClusterGateway() {
    }

    public static GatewayServer.Context configure(final GatewayServer.Context context, final ClusterMembers members) {
        final ClusterSequencer[] sequencer = new ClusterSequencer[1];
        return context.cluster(node -> {
            sequencer[0] = new ClusterSequencer(node, members, egressHost(members));
            try {
                if (!sequencer[0].awaitConnected(60, TimeUnit.SECONDS)) {
                    LOG.warn("event=cluster_not_reached members={}: serving anyway, commands wait for the cluster", members);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return sequencer[0];
        }).cancelAfterKeeper(() -> sequencer[0])
            .endpoint(Route.ADMIN_CLUSTER, server -> new ClusterView(sequencer[0].client())::endpoint);
    }

    /** The address of this machine that the first member's packets reach: where its egress comes back to. */
    static String egressHost(final ClusterMembers members) {
        final ClusterMembers.Member first = members.member(0);
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(first.host()), first.port()));
            return probe.getLocalAddress().getHostAddress();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot reach cluster member " + first, e);
        }
    }
}
