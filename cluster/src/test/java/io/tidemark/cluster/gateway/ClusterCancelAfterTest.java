package io.tidemark.cluster.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.ClusterNode;
import io.tidemark.cluster.FreePorts;
import io.tidemark.cluster.protocol.MemberRole;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket cancel_after dead-man switch on a cluster gateway: kept in the clustered engine's replicated
 * state and fired by a cluster timer, so it fires through a leader's fail-over and while the gateway that
 * armed it is down. The leader is killed and the gateway restarted in the last two tests.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCancelAfterTest {
    private static final String QUOTE = "\"order\":{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\","
        + "\"price\":\"50000\",\"size\":\"0.01\"}";
    private static final ExchangeConfig CONFIG = ConfigFile.defaults().exchange();

    @TempDir
    static Path dir;
    static ClusterMembers members;
    static final ClusterNode[] NODES = new ClusterNode[3];
    static TestServer gateway;
    static SignedClient operator;

    @BeforeAll
    static void start() throws Exception {
        members = ClusterMembers.onOneHost(3, "127.0.0.1", FreePorts.consecutive(3 * ClusterMembers.PORTS_PER_MEMBER));
        for (int i = 0; i < 3; i++) {
            NODES[i] = ClusterNode.launch(new ClusterNode.Context().memberId(i).members(members)
                .dataDir(dir.resolve("node-" + i)).config(CONFIG));
        }
        gateway = startGateway();
        final KeyStore.Created admin = gateway.server().adminKeyCreated().orElseThrow();
        operator = new SignedClient(gateway.baseUrl(), admin.key().id(), admin.secret(), 0);
    }

    private static TestServer startGateway() throws Exception {
        return TestServer.start(dir.resolve("gateway"), context -> ClusterGateway.configure(context, members));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        for (final ClusterNode node : NODES) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static SignedClient trader() {
        final KeyStore.Created trader = gateway.server().keys().createAccountWithKey(Set.of(Scope.READ, Scope.TRADE),
            List.of(), Tier.RETAIL, 5_000);
        final SignedClient.Reply deposit = operator.post("/v1/admin/deposits", "{\"account_id\":\"" + trader.key().accountId()
            + "\",\"asset\":\"USD\",\"amount\":\"100000\",\"reference\":\"r" + trader.key().accountId() + "\"}");
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);
        return new SignedClient(gateway.baseUrl(), trader.key().id(), trader.secret(), trader.key().accountId());
    }

    @Test
    @Order(1)
    void anArmedSwitchFiresThroughTheClusterAndTheSessionHearsWhatItCancelled() throws Exception {
        final SignedClient bot = trader();
        try (WsClient ws = WsClient.connect(gateway.baseUrl())) {
            ws.auth(bot, false);
            final String id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            final long before = System.currentTimeMillis();
            final JsonNode armed = ws.answer(ws.op("cancel_after", "\"timeout_ms\":500"));
            assertThat(armed.path("type").asText()).isEqualTo("ack");
            // the deadline is the cluster's: the log's time of the arm plus the timeout
            final long cancelAt = Instant.parse(armed.path("cancel_at").asText()).toEpochMilli();
            assertThat(cancelAt).isBetween(before + 400, System.currentTimeMillis() + 600);
            final JsonNode fired = ws.until(m -> m.path("type").asText().equals("cancel_after"), 10_000);
            assertThat(fired.path("cancelled_order_ids")).hasSize(1);
            assertThat(fired.path("cancelled_order_ids").get(0).asText()).isEqualTo(id);
            assertThat(bot.orderStatus(id)).isEqualTo("cancelled");
        }
    }

    @Test
    @Order(2)
    void disarmingKeepsTheOrders() throws Exception {
        final SignedClient bot = trader();
        try (WsClient ws = WsClient.connect(gateway.baseUrl())) {
            ws.auth(bot, false);
            final String id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            ws.answer(ws.op("cancel_after", "\"timeout_ms\":400"));
            final JsonNode disarmed = ws.answer(ws.op("cancel_after", "\"timeout_ms\":0"));
            assertThat(disarmed.path("type").asText()).isEqualTo("ack");
            assertThat(disarmed.path("cancel_at").isNull()).isTrue();
            Thread.sleep(1_200);
            assertThat(bot.orderStatus(id)).isEqualTo("open");
        }
    }

    @Test
    @Order(3)
    void theSwitchStillFiresAfterTheLeaderIsKilled() throws Exception {
        final SignedClient bot = trader();
        try (WsClient ws = WsClient.connect(gateway.baseUrl())) {
            ws.auth(bot, false);
            final String id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            ws.answer(ws.op("cancel_after", "\"timeout_ms\":1000"));
            final int leader = leader();
            NODES[leader].close();
            NODES[leader] = null;
            final JsonNode fired = ws.until(m -> m.path("type").asText().equals("cancel_after"), 30_000);
            assertThat(fired.path("cancelled_order_ids").get(0).asText()).isEqualTo(id);
            assertThat(bot.orderStatus(id)).isEqualTo("cancelled");
            assertThat(leader()).isNotEqualTo(leader);
        }
    }

    @Test
    @Order(4)
    void theSwitchFiresWhileTheGatewayThatArmedItIsDown() throws Exception {
        final SignedClient bot = trader();
        final String id;
        try (WsClient ws = WsClient.connect(gateway.baseUrl())) {
            ws.auth(bot, false);
            id = ws.answer(ws.op("order.place", QUOTE)).path("order").path("id").asText();
            ws.answer(ws.op("cancel_after", "\"timeout_ms\":800"));
        }
        gateway.close();
        gateway = null;
        Thread.sleep(1_500);
        gateway = startGateway();
        final SignedClient again = bot.at(gateway.baseUrl());
        assertThat(again.awaitOrderStatus(id, "cancelled", 30_000)).isEqualTo("cancelled");
    }

    private static int leader() throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < NODES.length; i++) {
                if (NODES[i] != null && NODES[i].status().role() == MemberRole.LEADER) {
                    return i;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader");
    }
}
