package io.tidemark.cluster.gateway;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.cluster.ClusterMembers;
import io.tidemark.cluster.ClusterNode;
import io.tidemark.cluster.FreePorts;
import io.tidemark.cluster.protocol.MemberRole;
import io.tidemark.cluster.protocol.StatusReport;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.gateway.api.PublicEndpoints;
import io.tidemark.gateway.auth.KeyStore;
import io.tidemark.gateway.auth.Scope;
import io.tidemark.gateway.auth.Tier;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.gateway.testkit.WsClient;
import io.tidemark.node.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The real gateway (REST, keys, read models, history) as the client of a 3-node cluster in this JVM. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterGatewayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ExchangeConfig config = ConfigFile.defaults().exchange();

    @TempDir
    Path dir;

    @Test
    void everyOrderTheGatewayAcknowledgedIsInTheClusterAfterTheLeaderIsKilled() throws Exception {
        final ClusterMembers members = threeMembers();
        final ClusterNode[] nodes = launchAll(id -> launch(members, id));
        final List<Long> acknowledged = new ArrayList<>();
        try {
            final TestServer gateway = TestServer.start(dir.resolve("gateway"),
                context -> ClusterGateway.configure(context, members));
            final int leader;
            try {
                final KeyStore.Created admin = gateway.server().adminKeyCreated().orElseThrow();
                final SignedClient operator = new SignedClient(gateway.baseUrl(), admin.key().id(), admin.secret(), 0);
                final KeyStore.Created trader = gateway.server().keys()
                    .createAccountWithKey(Set.of(Scope.READ, Scope.TRADE), List.of(), Tier.RETAIL, 5_000);
                final SignedClient bot = new SignedClient(gateway.baseUrl(), trader.key().id(), trader.secret(),
                    trader.key().accountId());
                final JsonNode info = SignedClient.anonymous(gateway.baseUrl(), "GET", "/v1/info", "").data();
                assertThat(info.path("mode").asText()).isEqualTo("cluster");
                assertThat(info.path("sandbox").asBoolean()).isFalse();
                final SignedClient.Reply deposit = operator.post("/v1/admin/deposits", "{\"account_id\":\""
                    + trader.key().accountId() + "\",\"asset\":\"USD\",\"amount\":\"1000000\",\"reference\":\"d1\"}");
                assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);

                leader = awaitLeader(nodes);
                for (int i = 0; i < 60; i++) {
                    if (i == 30) {
                        nodes[leader].close();
                        nodes[leader] = null;
                    }
                    final SignedClient.Reply placed = bot.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\","
                        + "\"type\":\"limit\",\"price\":\"" + (50_000 + i) + "\",\"size\":\"0.01\",\"client_order_id\":\"o" + i + "\"}");
                    assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
                    acknowledged.add(placed.data().path("id").asLong());
                }
                // read back from the gateway's replica: each acknowledged order is open
                for (final long id : acknowledged) {
                    final SignedClient.Reply order = bot.get("/v1/orders/" + id);
                    assertThat(order.status()).isEqualTo(200);
                    assertThat(order.data().path("status").asText()).isEqualTo("open");
                }
                // the cluster view: the killed member down, a new leader among the others
                final JsonNode view = awaitView(operator, leader);
                assertThat(view.path("leader").asInt()).isNotEqualTo(leader);
                assertThat(view.path("members")).hasSize(3);
                assertThat(view.path("members").get(leader).path("role").asText()).isEqualTo("down");
            } finally {
                gateway.close();
            }
            // the gateway's replica, closed, against the surviving nodes: every command was ours and answered,
            // so the survivors end where the replica ended, with the same state
            final long replicaHash = gateway.server().node().engineAfterClose().stateHash();
            final List<StatusReport> survivors = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                if (nodes[i] != null) {
                    survivors.add(await(nodes[i], replicaHash));
                }
            }
            assertThat(survivors).hasSize(2);
            assertThat(survivors.get(0).sequence()).isEqualTo(survivors.get(1).sequence()).isPositive();
        } finally {
            closeAll(nodes);
        }
        assertThat(acknowledged).hasSize(60).doesNotHaveDuplicates();
    }

    private static ClusterMembers threeMembers() {
        return ClusterMembers.onOneHost(3, "127.0.0.1", FreePorts.consecutive(3 * ClusterMembers.PORTS_PER_MEMBER));
    }

    private static ClusterNode[] launchAll(final IntFunction<ClusterNode> launcher) {
        final ClusterNode[] nodes = new ClusterNode[3];
        relaunchAll(nodes, launcher);
        return nodes;
    }

    private static void relaunchAll(final ClusterNode[] nodes, final IntFunction<ClusterNode> launcher) {
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = launcher.apply(i);
        }
    }

    /** Closes the nodes still running (a killed one is null). */
    private static void closeAll(final ClusterNode[] nodes) {
        for (final ClusterNode node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static SignedClient.Reply placeBuy(final SignedClient bot) {
        return bot.post("/v1/orders", "{\"pair\":\"BTC-USD\",\"side\":\"buy\",\"type\":\"limit\",\"price\":\"50000\","
            + "\"size\":\"0.001\"}");
    }

    private ClusterNode launch(final ClusterMembers members, final int id) {
        return ClusterNode.launch(new ClusterNode.Context().memberId(id).members(members)
            .dataDir(dir.resolve("node-" + id)).config(config));
    }

    private static int awaitLeader(final ClusterNode[] nodes) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] != null && nodes[i].status().role() == MemberRole.LEADER) {
                    return i;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader");
    }

    private static StatusReport await(final ClusterNode node, final long stateHash) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        StatusReport status = node.status();
        while (status.stateHash() != stateHash) {
            assertThat(System.nanoTime()).as("node at %s, expected hash %016x", status, stateHash).isLessThan(deadline);
            Thread.sleep(20);
            status = node.status();
        }
        return status;
    }

    /** {@code GET /v1/admin/cluster} once it shows {@code killed} down, validated against the OpenAPI document. */
    private static JsonNode awaitView(final SignedClient operator, final int killed) throws InterruptedException {
        final OpenApiInteractionValidator validator = OpenApiInteractionValidator
            .createForInlineApiSpecification(new String(PublicEndpoints.openApiDocument(), StandardCharsets.UTF_8)).build();
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            final SignedClient.Reply reply = operator.get("/v1/admin/cluster");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            final SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status());
            reply.raw().headers().map().forEach(response::withHeader);
            response.withBody(reply.raw().body());
            final ValidationReport report = validator.validateResponse("/v1/admin/cluster", Request.Method.GET,
                response.build());
            assertThat(report.getMessages()).as(reply.toString()).isEmpty();
            final JsonNode data = reply.data();
            if ("down".equals(data.path("members").get(killed).path("role").asText()) && data.path("leader").asInt() != killed
                && data.path("leader").asInt() >= 0) {
                return data;
            }
            assertThat(System.nanoTime()).as("view %s", data).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aGatewayRestartedCatchesUpWithWhatTheClusterAppliedWhileItWasDown() throws Exception {
        final ClusterMembers members = threeMembers();
        final ClusterNode[] nodes = launchAll(id -> launch(members, id));
        try {
            final Path gatewayDir = dir.resolve("gateway");
            final KeyStore.Created trader = traderWith100Usd(gatewayDir, members);
            // while the gateway is down, another client of the cluster deposits 25 times 2 USD to the same account
            depositTwoUsdByAnotherClient(members, nodes, trader.key().accountId(), 25, 26);
            try (TestServer gateway = TestServer.start(gatewayDir, context -> ClusterGateway.configure(context, members))) {
                final SignedClient bot = new SignedClient(gateway.baseUrl(), trader.key().id(), trader.secret(),
                    trader.key().accountId());
                awaitAvailableUsd(bot, "150");
                // and it goes on: a new order is acknowledged by the cluster
                final SignedClient.Reply placed = placeBuy(bot);
                assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
            }
        } finally {
            closeAll(nodes);
        }
    }

    @Test
    void aGatewayFurtherBehindThanTheClusterKeepsInMemoryCatchesUpFromTheMembersAppliedLogs() throws Exception {
        final ClusterMembers members = threeMembers();
        final ClusterNode[] nodes = launchAll(id -> launchRetaining(members, id, 16));
        try {
            final Path gatewayDir = dir.resolve("gateway");
            final KeyStore.Created trader = traderWith100Usd(gatewayDir, members);
            // while the gateway is down: 200 deposits by another client, then every node restarted, so no member
            // keeps any of them in memory (and 200 is far more than the 16 they would keep)
            depositTwoUsdByAnotherClient(members, nodes, trader.key().accountId(), 200, 201);
            closeAll(nodes);
            relaunchAll(nodes, id -> launchRetaining(members, id, 16));
            final long gatewayHash;
            final TestServer gateway = TestServer.start(gatewayDir, context -> ClusterGateway.configure(context, members));
            try {
                final SignedClient bot = new SignedClient(gateway.baseUrl(), trader.key().id(), trader.secret(),
                    trader.key().accountId());
                awaitAvailableUsd(bot, "500");
                // every deposit is in its history too, each once
                final SignedClient.Reply placed = placeBuy(bot);
                assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
            } finally {
                gateway.close();
            }
            gatewayHash = gateway.server().node().engineAfterClose().stateHash();
            final int leader = awaitLeader(nodes);
            assertThat(await(nodes[leader], gatewayHash).sequence()).isEqualTo(202);
        } finally {
            closeAll(nodes);
        }
    }

    @Test
    void aGatewayThatCannotCatchUpRefusesToAnswerFromItsStaleCopy() throws Exception {
        final ClusterMembers members = threeMembers();
        final ClusterNode[] nodes = launchAll(id -> launchRetaining(members, id, 16));
        try {
            final Path gatewayDir = dir.resolve("gateway");
            final KeyStore.Created trader;
            try (TestServer gateway = TestServer.start(gatewayDir, context -> ClusterGateway.configure(context, members))) {
                trader = gateway.server().keys().createAccountWithKey(Set.of(Scope.READ, Scope.TRADE), List.of(),
                    Tier.RETAIL, 5_000);
            }
            depositTwoUsdByAnotherClient(members, nodes, trader.key().accountId(), 50, 50);
            final int leader = awaitLeader(nodes);
            // a snapshot, so that restarted members replay only the log after it
            assertThat(nodes[leader].takeSnapshot()).isTrue();
            final long snapshotted = System.nanoTime() + WAIT.toNanos();
            for (final ClusterNode node : nodes) {
                while (node.snapshotSequence() < 50) {
                    assertThat(System.nanoTime()).isLessThan(snapshotted);
                    Thread.sleep(20);
                }
            }
            // the members' applied logs lost (their history purged): what the gateway missed is nowhere any more
            for (int i = 0; i < 3; i++) {
                nodes[i].close();
                org.agrona.IoUtil.delete(dir.resolve("node-" + i).resolve("applied-log").toFile(), false);
            }
            relaunchAll(nodes, id -> launchRetaining(members, id, 16));
            try (TestServer gateway = TestServer.start(gatewayDir, context -> ClusterGateway.configure(context, members));
                 WsClient listener = WsClient.connect(gateway.baseUrl())) {
                final SignedClient bot = new SignedClient(gateway.baseUrl(), trader.key().id(), trader.secret(),
                    trader.key().accountId());
                final long deadline = System.nanoTime() + WAIT.toNanos();
                SignedClient.Reply balances = bot.get("/v1/account/balances");
                while (balances.status() == 200) {
                    assertThat(balances.data().toString()).as("a balance served").doesNotContain("\"100");
                    assertThat(System.nanoTime()).as("still answering %s", balances).isLessThan(deadline);
                    Thread.sleep(50);
                    balances = bot.get("/v1/account/balances");
                }
                assertThat(balances.status()).isEqualTo(503);
                assertThat(balances.errorCode()).isEqualTo("engine_busy");
                assertThat(balances.toString()).contains("no longer has the commands");
                final SignedClient.Reply placed = placeBuy(bot);
                assertThat(placed.status()).isEqualTo(503);
                // a stream would only go silent: it is told why and closed, 1013 (try again later)
                final JsonNode cut = listener.until(m -> m.path("type").asText().equals("error"), WAIT.toMillis());
                assertThat(cut.path("error").path("code").asText()).isEqualTo("engine_busy");
                assertThat(cut.path("error").path("message").asText()).contains("no longer has the commands");
                assertThat(listener.closeStatus(WAIT.toMillis())).isEqualTo(1013);
            }
        } finally {
            closeAll(nodes);
        }
    }

    private ClusterNode launchRetaining(final ClusterMembers members, final int id, final int retained) {
        return ClusterNode.launch(new ClusterNode.Context().memberId(id).members(members)
            .dataDir(dir.resolve("node-" + id)).config(config).retainedCommands(retained));
    }

    /** A trading account made through a gateway on the cluster, with 100 USD deposited by the operator. */
    private static KeyStore.Created traderWith100Usd(final Path gatewayDir, final ClusterMembers members) throws Exception {
        try (TestServer gateway = TestServer.start(gatewayDir, context -> ClusterGateway.configure(context, members))) {
            final KeyStore.Created trader = gateway.server().keys().createAccountWithKey(Set.of(Scope.READ, Scope.TRADE),
                List.of(), Tier.RETAIL, 5_000);
            final KeyStore.Created admin = gateway.server().adminKeyCreated().orElseThrow();
            final SignedClient operator = new SignedClient(gateway.baseUrl(), admin.key().id(), admin.secret(), 0);
            assertThat(operator.post("/v1/admin/deposits", "{\"account_id\":\"" + trader.key().accountId()
                + "\",\"asset\":\"USD\",\"amount\":\"100\",\"reference\":\"d1\"}").status()).isEqualTo(200);
            return trader;
        }
    }

    /** {@code count} deposits of 2 USD by another client of the cluster; waits until the leader applied {@code sequence}. */
    private void depositTwoUsdByAnotherClient(final ClusterMembers members, final ClusterNode[] nodes, final long accountId,
                                              final int count, final long sequence) throws InterruptedException {
        final int usd = config.assetBySymbol("USD").id();
        try (io.tidemark.cluster.client.ClusterClient other = new io.tidemark.cluster.client.ClusterClient(members,
            "127.0.0.1", Long.MAX_VALUE - 1, (command, handle, origin) -> { })) {
            assertThat(other.awaitConnected(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < count; i++) {
                other.submit(new io.tidemark.engine.api.Command().deposit(accountId, usd,
                    config.asset(usd).parseAmount("2")), null);
            }
            final int leader = awaitLeader(nodes);
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (nodes[leader].status().sequence() < sequence) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    /** Waits until the account's available USD, as the gateway answers it, is {@code expected}. */
    private static void awaitAvailableUsd(final SignedClient bot, final String expected) throws Exception {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        String total = "";
        while (!total.equals(expected)) {
            assertThat(System.nanoTime()).as("USD balance %s", total).isLessThan(deadline);
            Thread.sleep(50);
            for (final JsonNode balance : bot.get("/v1/account/balances").data()) {
                if (balance.path("asset").asText().equals("USD")) {
                    total = new java.math.BigDecimal(balance.path("spot").path("available").asText())
                        .stripTrailingZeros().toPlainString();
                }
            }
        }
    }
}
