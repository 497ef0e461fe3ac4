package io.tidemark.gateway.ws;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.gateway.testkit.SignedClient;
import io.tidemark.gateway.testkit.TestServer;
import io.tidemark.node.Node;
import io.tidemark.node.pipeline.CommandSlot;
import io.tidemark.node.pipeline.Pipeline;
import io.tidemark.node.pipeline.ReplyHandler;
import io.tidemark.node.snapshot.SnapshotStore;
import io.tidemark.node.view.AccountViews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery rebuilds the private streams from the journal exactly as they were built live, so numbering
 * and retained events (what {@code since_seq} replays) continue across a restart. The private streams
 * read each closed order from the node's account views at its close event, so a replay must hand each
 * event to every read model in turn, as the view stage does live: here one cancel-all closes more orders
 * than the node's account views keep closed, so the first of them are gone from those views by the
 * command's end. (A replay that hands a whole command to one model before the next loses those five
 * order events and numbers everything after them differently.)
 */
@Timeout(120)
class PrivateStreamsReplayTest {
    private static final int ORDERS = AccountViews.DEFAULT_CLOSED_ORDERS_PER_ACCOUNT + 5;

    @TempDir
    Path dir;

    @Test
    void aReplayFromTheJournalRebuildsTheStreamsAsTheyWereLive() throws Exception {
        final Map<String, byte[]> live;
        try (TestServer server = TestServer.start(dir)) {
            final SignedClient bot = server.account("USD", "100000");
            final ExchangeConfig config = server.server().config();
            final Market market = config.marketByPair("BTC-USD");
            final List<CompletableFuture<Applied>> placed = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                placed.add(submit(server, new Command().placeOrder(bot.accountId(), market.id(), Side.BUY, OrderType.LIMIT,
                    market.parsePrice("100"), market.parseSize("0.01"))));
            }
            for (final CompletableFuture<Applied> order : placed) {
                assertThat(order.get(30, TimeUnit.SECONDS).result().isRejection()).isFalse();
            }
            final Applied cancelAll = submit(server, new Command().cancelAll(bot.accountId(), Command.ALL_MARKETS))
                .get(30, TimeUnit.SECONDS);
            assertThat(cancelAll.resultId()).isEqualTo(ORDERS);
            live = sections(server);
        }
        try (Stream<Path> snapshots = Files.list(dir.resolve("snapshots"))) {
            for (final Path snapshot : snapshots.toList()) {
                Files.delete(snapshot);
            }
        }
        try (TestServer server = TestServer.start(dir)) {
            final Node.Recovery recovery = server.server().node().recovery();
            assertThat(recovery.snapshot()).isNull();
            assertThat(recovery.replayedCommands()).isGreaterThan(ORDERS);
            final Map<String, byte[]> replayed = sections(server);
            for (final String section : List.of("accounts", "ws-private")) {
                assertThat(Arrays.equals(replayed.get(section), live.get(section)))
                    .as("section %s: %d bytes live, %d after the replay", section, live.get(section).length,
                        replayed.get(section).length)
                    .isTrue();
            }
        }
    }

    private record Applied(ResultCode result, long resultId) {
    }

    /** Submits a command; completes once it is applied. */
    private static CompletableFuture<Applied> submit(final TestServer server, final Command command) {
        final CompletableFuture<Applied> applied = new CompletableFuture<>();
        final Pipeline.Submit submit = server.server().node().pipeline().submit(command, new ReplyHandler() {
            @Override
            public void onReply(final CommandSlot slot) {
                applied.complete(new Applied(slot.command().result, slot.command().resultId));
            }
        });
        assertThat(submit).isEqualTo(Pipeline.Submit.PUBLISHED);
        return applied;
    }

    /** The read models' snapshot sections as they stand now. */
    private static Map<String, byte[]> sections(final TestServer server) throws Exception {
        final Path file = server.server().node().snapshot().get(30, TimeUnit.SECONDS);
        return SnapshotStore.read(file, server.server().config().fingerprint()).sections();
    }
}
