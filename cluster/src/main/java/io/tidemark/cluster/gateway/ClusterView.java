package io.tidemark.cluster.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.StatusFile;
import io.tidemark.cluster.client.ClusterClient;
import io.tidemark.gateway.api.Query;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/admin/cluster}: the leader as this gateway's client last heard, and each member's role,
 * pid, commit position and state hash. A member's figures come from its status file when the gateway
 * knows where it is (the nodes of {@code ./tidemark cluster} run on this machine): a file not rewritten
 * for two seconds, or whose process is gone, makes the member {@code down}. Of a member on another
 * machine only its role is known (from the client: leader or follower), with pid, commit position and
 * state hash 0. Refreshed off the event loops four times a second; the endpoint answers the last view.
 */
public final class ClusterView implements AutoCloseable {
    private static final long STALE_MILLIS = 2_000;

    private final ClusterClient client;
    private final ClusterMembers members;
    private final Map<Integer, Path> statusFiles;
    private final ScheduledExecutorService refresher;
    private volatile ObjectNode view;

    public ClusterView(final ClusterClient client, final Map<Integer, Path> statusFiles) {
        this.client = client;
        this.members = client.members();
        this.statusFiles = Map.copyOf(statusFiles);
        this.view = build();
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "tidemark-cluster-view");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> view = build(), 250, 250, TimeUnit.MILLISECONDS);
    }

    public void endpoint(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        responder.send(ApiResponse.data(request, view));
    }

    /** The current view (what the endpoint answers). */
    public ObjectNode view() {
        return view;
    }

    private ObjectNode build() {
        final int leader = client.leaderMemberId();
        final ObjectNode data = Json.object();
        data.put("leader", leader);
        final ArrayNode list = data.putArray("members");
        final long now = System.currentTimeMillis();
        for (final ClusterMembers.Member member : members.members()) {
            final ObjectNode node = list.addObject();
            node.put("id", member.id());
            final Path file = statusFiles.get(member.id());
            if (file == null) {
                node.put("role", member.id() == leader ? "leader" : "follower");
                node.put("pid", 0L).put("commit_position", 0L).put("state_hash", "0000000000000000");
                continue;
            }
            final Optional<StatusFile.Status> status = StatusFile.read(file);
            final boolean alive = status.isPresent() && now - status.get().writtenMillis() < STALE_MILLIS
                && ProcessHandle.of(status.get().pid()).map(ProcessHandle::isAlive).orElse(false);
            node.put("role", alive ? status.get().role() : "down");
            node.put("pid", status.map(StatusFile.Status::pid).orElse(0L));
            node.put("commit_position", status.map(StatusFile.Status::commitPosition).orElse(0L));
            node.put("state_hash", status.map(StatusFile.Status::stateHash).orElse("0000000000000000"));
        }
        return data;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
