package io.tidemark.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;
import io.tidemark.gateway.error.ApiException;
import io.tidemark.gateway.json.Json;
import io.tidemark.node.config.ConfigFile;
import io.tidemark.node.pipeline.FanOut;
import io.tidemark.node.view.AccountViews;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retained window of one account: bounded by count and by command time, oldest dropped first. */
class PrivateStreamsRetentionTest {
    private static final ExchangeConfig CONFIG = ConfigFile.defaults().exchange();
    private static final long ACCOUNT = 7;
    private static final long SECOND = 1_000_000_000L;
    private static final long START = 1_763_700_000L * SECOND;

    /** Private streams and the account views they read, fed as the node feeds them: each event to the views first. */
    private record Fed(PrivateStreams streams, FanOut models) {
        static Fed of(final long retentionNanos, final int eventsPerAccount) {
            final AccountViews accounts = new AccountViews(CONFIG);
            final PrivateStreams streams = new PrivateStreams(CONFIG, accounts, retentionNanos, eventsPerAccount);
            return new Fed(streams, new FanOut(List.of(accounts, streams)));
        }
    }

    /** One command that changes the account's USD balance to {@code available}: one balance event. */
    private static void balance(final Fed fed, final long time, final long available) {
        final int usd = CONFIG.assetBySymbol("USD").id();
        fed.models().onBalanceChanged(time, ACCOUNT, usd, Wallet.SPOT, available, 0);
        final Command command = new Command();
        command.timestamp = time;
        fed.models().onCommandComplete(command);
    }

    /** What a subscription from {@code sinceSeq} receives: the replayed messages, as JSON. */
    private static List<JsonNode> replay(final PrivateStreams streams, final long sinceSeq) throws Exception {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final Outbox outbox = new Outbox(channel, 1L << 30, nanos -> { }, () -> { });
        final Subscription subscription = new Subscription(outbox,
            StreamChannel.parse(CONFIG, "balances"), ACCOUNT);
        streams.checkReplay(ACCOUNT, sinceSeq);
        streams.subscribe(ACCOUNT, List.of(subscription), sinceSeq);
        subscription.active = false;
        channel.runPendingTasks();
        final List<JsonNode> messages = new ArrayList<>();
        ByteBuf frame;
        while ((frame = channel.readOutbound()) != null) {
            final int length = frame.getByte(1) & 0x7f;
            final int header = length < 126 ? 2 : length == 126 ? 4 : 10;
            messages.add(Json.parse(frame.toString(header, frame.readableBytes() - header, StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_8)));
            frame.release();
        }
        channel.finishAndReleaseAll();
        return messages;
    }

    private static List<Long> seqs(final List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("seq").asLong()).toList();
    }

    @Test
    void theCountBoundKeepsTheNewestInOrderAcrossManyWrapsOfTheRing() throws Exception {
        final Fed fed = Fed.of(PrivateStreams.DEFAULT_RETENTION_NANOS, 5);
        final PrivateStreams streams = fed.streams();
        for (int i = 1; i <= 23; i++) {
            balance(fed, START + i, i * 1_000_000L);
        }
        final List<JsonNode> kept = replay(streams, 18);
        assertThat(seqs(kept)).containsExactly(19L, 20L, 21L, 22L, 23L);
        assertThat(kept.get(4).path("data").path("spot").path("available").asText()).isEqualTo("23.000000");
        assertThat(kept.get(0).path("data").path("spot").path("available").asText()).isEqualTo("19.000000");
        assertThatThrownBy(() -> replay(streams, 17)).isInstanceOf(ApiException.class)
            .hasMessageContaining("oldest kept: 19");
    }

    @Test
    void eventsOlderThanTheRetentionByCommandTimeAreDropped() throws Exception {
        final Fed fed = Fed.of(10 * SECOND, 1_000);
        final PrivateStreams streams = fed.streams();
        for (int i = 1; i <= 6; i++) {
            balance(fed, START + i * 3 * SECOND, i * 1_000_000L); // every 3 s
        }
        // at 18 s, what happened before 8 s is gone: events 1 (3 s) and 2 (6 s)
        assertThat(seqs(replay(streams, 2))).containsExactly(3L, 4L, 5L, 6L);
        assertThatThrownBy(() -> replay(streams, 1)).isInstanceOf(ApiException.class);
    }

    @Test
    void aRestoredWindowReplaysTheSameAndGoesOnNumbering() throws Exception {
        final Fed fed = Fed.of(PrivateStreams.DEFAULT_RETENTION_NANOS, 4);
        final PrivateStreams streams = fed.streams();
        for (int i = 1; i <= 10; i++) {
            balance(fed, START + i, i * 1_000_000L);
        }
        final SnapshotOutput out = new SnapshotOutput(1 << 12);
        streams.writeSnapshot(out);
        final Fed fedRestored = Fed.of(PrivateStreams.DEFAULT_RETENTION_NANOS, 4);
        final PrivateStreams restored = fedRestored.streams();
        restored.readSnapshot(new SnapshotInput(out.toByteArray()));
        assertThat(replay(restored, 6)).isEqualTo(replay(streams, 6));
        balance(fedRestored, START + 11, 11_000_000L);
        assertThat(seqs(replay(restored, 7))).containsExactly(8L, 9L, 10L, 11L);
    }

    @Test
    void anAccountPastItsBusySpellGivesBackItsSlots() throws Exception {
        final Fed fed = Fed.of(10 * SECOND, 10_000);
        final PrivateStreams streams = fed.streams();
        for (int i = 1; i <= 5_000; i++) {
            balance(fed, START + i, i);
        }
        assertThat(streams.slots(ACCOUNT)).isGreaterThanOrEqualTo(5_000);
        for (int i = 1; i <= 20; i++) {
            balance(fed, START + 60 * SECOND + i, i); // a minute later: the burst has left the window
        }
        assertThat(streams.slots(ACCOUNT)).isLessThanOrEqualTo(64);
        assertThat(seqs(replay(streams, 5_000))).hasSize(20).startsWith(5_001L).endsWith(5_020L);
    }

    @Test
    void theRingNeverGrowsBeyondTheCountBound() throws Exception {
        final Fed fed = Fed.of(PrivateStreams.DEFAULT_RETENTION_NANOS, 1_000);
        final PrivateStreams streams = fed.streams();
        for (int i = 1; i <= 5_000; i++) {
            balance(fed, START + i, i);
        }
        assertThat(streams.slots(ACCOUNT)).isEqualTo(1_000);
        assertThat(seqs(replay(streams, 4_000))).hasSize(1_000).startsWith(4_001L).endsWith(5_000L);
    }
}
