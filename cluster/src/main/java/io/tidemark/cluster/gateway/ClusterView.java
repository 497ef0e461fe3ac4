package io.tidemark.cluster.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.client.ClusterClient;
import io.tidemark.cluster.client.MemberStatuses;
import io.tidemark.cluster.protocol.MemberRole;
import io.tidemark.cluster.protocol.StatusReport;
import io.tidemark.gateway.api.Query;
import io.tidemark.gateway.http.ApiRequest;
import io.tidemark.gateway.http.ApiResponse;
import io.tidemark.gateway.http.Responder;
import io.tidemark.gateway.json.Json;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/admin/cluster}: each member as it last reported itself to this gateway over Aeron (role,
 * pid, commit position, the sequence it applied and the state hash after it), wherever it runs. A member
 * not heard from for two seconds (it reports five times a second) is {@code down}, with the figures it
 * last reported (0 if it was never heard). {@code leader} is the member this gateway's client follows when
 * that member is up and says it leads, else any member up that says it leads, else -1 (none known: during
 * an election, or before the first report).
 */
public final class ClusterView {
    static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ClusterClient client;
    private final ClusterMembers members;

    public ClusterView(final ClusterClient client) {
        this.client = client;
        this.members = client.members();
    }

    public void endpoint(final ApiRequest request, final Responder responder) {
        Query.of(request, Set.of());
        responder.send(ApiResponse.data(request, view()));
    }

    /** The view as of now (what the endpoint answers). */
    public ObjectNode view() {
        final long now = System.nanoTime();
        final MemberStatuses statuses = client.statuses();
        final ObjectNode data = Json.object();
        data.put("leader", leader(statuses, now));
        final ArrayNode list = data.putArray("members");
        for (final ClusterMembers.Member member : members.members()) {
            final Optional<MemberStatuses.Heard> heard = statuses.of(member.id());
            final Optional<StatusReport> report = heard.map(MemberStatuses.Heard::report);
            final ObjectNode node = list.addObject();
            node.put("id", member.id());
            node.put("role", heard.filter(h -> h.within(now, STALE_NANOS)).map(h -> h.report().role().apiName()).orElse("down"));
            node.put("pid", report.map(StatusReport::pid).orElse(0L));
            node.put("commit_position", report.map(StatusReport::commitPosition).orElse(0L));
            node.put("sequence", report.map(StatusReport::sequence).orElse(0L));
            node.put("state_hash", report.map(StatusReport::stateHashHex).orElse("0000000000000000"));
        }
        return data;
    }

    private int leader(final MemberStatuses statuses, final long now) {
        final int followed = client.leaderMemberId();
        if (followed >= 0 && leads(statuses, followed, now)) {
            return followed;
        }
        for (final ClusterMembers.Member member : members.members()) {
            if (leads(statuses, member.id(), now)) {
                return member.id();
            }
        }
        return -1;
    }

    private static boolean leads(final MemberStatuses statuses, final int id, final long now) {
        return statuses.of(id).filter(h -> h.within(now, STALE_NANOS) && h.report().role() == MemberRole.LEADER).isPresent();
    }
}
