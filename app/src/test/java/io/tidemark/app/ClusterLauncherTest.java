package io.tidemark.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.cluster.FreePorts;
import io.tidemark.sandbox.SignedHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./tidemark cluster} as a newcomer runs it: three node processes and a gateway; the admin key in
 * the gateway's data directory; the leader's process killed with SIGKILL and the exchange goes on.
 */
class ClusterLauncherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aClusterServesOrdersAndSurvivesItsLeadersSigkill() throws Exception {
        final Path data = temp.resolve("cluster");
        try (LauncherProcess cluster = LauncherProcess.cluster(data, "cluster", "--node-port",
            Integer.toString(FreePorts.consecutive(15)))) {
            final JsonNode key = JSON.readTree(data.resolve("gateway").resolve("admin-key.json").toFile());
            final SignedHttp operator = new SignedHttp(cluster.baseUrl, key.path("key").asText(), key.path("secret").asText());
            assertThat(SignedHttp.anonymous(cluster.baseUrl).get("/v1/info").data().path("mode").asText()).isEqualTo("cluster");
            final JsonNode view = awaitAllUp(operator);
            final int leader = view.path("leader").asInt();
            final long leaderPid = view.path("members").get(leader).path("pid").asLong();

            final SignedHttp.Reply account = operator.post("/v1/admin/accounts", "{}");
            final String accountId = account.data().path("account_id").asText();
            final SignedHttp.Reply created = operator.post("/v1/admin/accounts/" + accountId + "/keys",
                "{\"scopes\":[\"read\",\"trade\"]}");
            final SignedHttp trader = new SignedHttp(cluster.baseUrl, created.data().path("key").asText(),
                created.data().path("secret").asText());
            assertThat(operator.post("/v1/admin/deposits", "{\"account_id\":\"" + accountId
                + "\",\"asset\":\"USD\",\"amount\":\"100000\",\"reference\":\"r1\"}").status()).isEqualTo(200);
            assertThat(order(trader, "60001").status()).isEqualTo(200);

            final ProcessHandle killed = ProcessHandle.of(leaderPid).orElseThrow();
            assertThat(killed.destroyForcibly()).isTrue();
            killed.onExit().get(10, TimeUnit.SECONDS);
            final SignedHttp.Reply after = order(trader, "60002");
            assertThat(after.status()).as(after.toString()).isEqualTo(200);
            assertThat(trader.get("/v1/orders?status=open").data()).hasSize(2);

            final JsonNode down = operator.get("/v1/admin/cluster").data();
            assertThat(down.path("members").get(leader).path("role").asText()).isEqualTo("down");
            assertThat(cluster.stop()).isIn(0, 143);
            for (final JsonNode member : down.path("members")) {
                final long pid = member.path("pid").asLong();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("node pid %d", pid).isFalse();
            }
        }
    }

    private static SignedHttp.Reply order(final SignedHttp trader, final String price) throws Exception {
        return trader.post("/v1/orders",
            "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"" + price + "\",\"size\":\"0.01\"}");
    }

    private static JsonNode awaitAllUp(final SignedHttp operator) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            final JsonNode view = operator.get("/v1/admin/cluster").data();
            int up = 0;
            for (final JsonNode member : view.path("members")) {
                up += member.path("role").asText().equals("down") ? 0 : 1;
            }
            if (up == 3 && view.path("leader").asInt() >= 0
                && view.path("members").get(view.path("leader").asInt()).path("role").asText().equals("leader")) {
                return view;
            }
            assertThat(System.nanoTime()).as("all three up: %s", view).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
