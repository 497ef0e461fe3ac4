package io.tidemark.marketdata;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.testkit.Seeds;
import io.tidemark.engine.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over a long seeded random stream through a real engine: the L2 books equal the engine's own, each
 * command that changed a pair's book moves its seq on by exactly one and publishes exactly the
 * levels that changed, and the deltas applied in order to empty books rebuild the books (no change
 * lost) with checksums that agree with an independent implementation.
 */
class BookConsistencyTest {
    private static final int COMMANDS = Seeds.count("tidemark.marketdata.commands", 40_000);

    private final ExchangeConfig config = TestConfigs.threeMarkets();
    private final int markets = config.markets().size();

    /** A client's copy of one pair's book, kept only from deltas: per side price → size. */
    private static final class ClientBook {
        final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, Long> asks = new TreeMap<>();
        long seq;
    }

    @Test
    void booksSeqDeltasAndChecksumsFollowTheEngineExactly() {
        final long seed = Seeds.seed(7_001);
        final MarketData md = new MarketData(config);
        final Published.Recorder published = new Published.Recorder();
        md.listener(published);
        final RandomStream stream = new RandomStream(seed, config, md);
        final MatchingEngine engine = stream.engine;
        final ClientBook[] clients = new ClientBook[markets];
        for (int m = 0; m < markets; m++) {
            clients[m] = new ClientBook();
        }
        published.messages.clear();

        int changedCommands = 0;
        int aimedButUnchanged = 0;
        int multiLevelDeltas = 0;
        for (int i = 0; i < COMMANDS; i++) {
            final List<Map<Long, Long>> before = engineBooks(engine);
            final long[] seqBefore = seqs(md);
            final Command command = stream.step();
            final List<Map<Long, Long>> after = engineBooks(engine);
            final List<Published.PublishedDelta> deltas = published.ofType(Published.PublishedDelta.class);
            published.messages.clear();
            final String context = Seeds.replayHint(seed) + ", command " + i + " " + command;

            for (int m = 0; m < markets; m++) {
                final boolean changed = !before.get(2 * m).equals(after.get(2 * m))
                    || !before.get(2 * m + 1).equals(after.get(2 * m + 1));
                final int market = m;
                final List<Published.PublishedDelta> mine = deltas.stream().filter(d -> d.marketId() == market).toList();
                assertThat(md.bookSeq(m)).as(context).isEqualTo(seqBefore[m] + (changed ? 1 : 0));
                assertThat(mine).as(context).hasSize(changed ? 1 : 0);
                if (!changed) {
                    continue;
                }
                changedCommands++;
                final Published.PublishedDelta delta = mine.get(0);
                assertThat(delta.prevSeq()).as(context).isEqualTo(seqBefore[m]);
                assertThat(delta.seq()).as(context).isEqualTo(md.bookSeq(m));
                // exactly the levels whose size differs, once each, best first, with the final size
                assertThat(delta.bids()).as(context).isEqualTo(diff(before.get(2 * m), after.get(2 * m), true));
                assertThat(delta.asks()).as(context).isEqualTo(diff(before.get(2 * m + 1), after.get(2 * m + 1), false));
                if (delta.bids().size() + delta.asks().size() > 1) {
                    multiLevelDeltas++;
                }
                final ClientBook client = clients[m];
                assertThat(delta.prevSeq()).as("gap-free: " + context).isEqualTo(client.seq);
                apply(client, delta);
                assertThat(delta.checksum()).as(context).isEqualTo(checksum(config.market(m), client))
                    .isEqualTo(md.checksum(m));
            }
            for (int m = 0; m < markets; m++) {
                if (md.bookSeq(m) == seqBefore[m] && touched(command, m)) {
                    aimedButUnchanged++;
                }
            }
            if (i % 2_000 == 0 || i == COMMANDS - 1) {
                for (int m = 0; m < markets; m++) {
                    assertLevelsEqualEngine(md, engine, m, context);
                    assertThat(clients[m].bids).as(context).isEqualTo(after.get(2 * m));
                    assertThat(clients[m].asks).as(context).isEqualTo(after.get(2 * m + 1));
                }
            }
        }
        // the stream really exercised what is claimed
        assertThat(changedCommands).isGreaterThan(COMMANDS / 3);
        assertThat(multiLevelDeltas).isGreaterThan(100);
        assertThat(aimedButUnchanged).isGreaterThan(100);
        for (int m = 0; m < markets; m++) {
            assertThat(md.bookDepth(m, Side.BUY) + md.bookDepth(m, Side.SELL)).isGreaterThan(20);
        }
    }

    /** A command that was aimed at the market, whether or not it changed the book (rejections, deposits elsewhere). */
    private static boolean touched(final Command command, final int market) {
        return command.marketId == market && command.type != null
            && switch (command.type) {
                case PLACE_ORDER, CANCEL_ALL -> true;
                default -> false;
            };
    }

    private static void assertLevelsEqualEngine(final MarketData md, final MatchingEngine engine, final int market,
                                                final String context) {
        final EngineInspector inspector = new EngineInspector(engine);
        for (final Side side : Side.values()) {
            final List<long[]> expected = new ArrayList<>();
            inspector.forEachLevel(market, side, (price, size, count) -> expected.add(new long[] {price, size, count}));
            final List<long[]> actual = new ArrayList<>();
            md.levels(market, side, Integer.MAX_VALUE, (price, size, count) -> actual.add(new long[] {price, size, count}));
            assertThat(actual).as(context + " " + side).usingElementComparator(java.util.Arrays::compare)
                .isEqualTo(expected);
            assertThat(md.bookDepth(market, side)).isEqualTo(expected.size());
            final List<long[]> top = new ArrayList<>();
            final int given = md.levels(market, side, 3, (price, size, count) -> top.add(new long[] {price, size, count}));
            assertThat(given).isEqualTo(Math.min(3, expected.size()));
            assertThat(top).usingElementComparator(java.util.Arrays::compare)
                .isEqualTo(expected.subList(0, Math.min(3, expected.size())));
        }
    }

    /** Per market, bids then asks, price → size, from the engine's own book. */
    private List<Map<Long, Long>> engineBooks(final MatchingEngine engine) {
        final List<Map<Long, Long>> books = new ArrayList<>();
        final EngineInspector inspector = new EngineInspector(engine);
        for (int m = 0; m < markets; m++) {
            for (final Side side : Side.values()) {
                final Map<Long, Long> levels = new TreeMap<>(side == Side.BUY ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
                inspector.forEachLevel(m, side, (price, size, count) -> levels.put(price, size));
                books.add(levels);
            }
        }
        return books;
    }

    private long[] seqs(final MarketData md) {
        final long[] seqs = new long[markets];
        for (int m = 0; m < markets; m++) {
            seqs[m] = md.bookSeq(m);
        }
        return seqs;
    }

    private static List<Published.Level> diff(final Map<Long, Long> before, final Map<Long, Long> after,
                                              final boolean bids) {
        final TreeMap<Long, Long> changed = new TreeMap<>(bids ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        before.forEach((price, size) -> {
            if (!size.equals(after.getOrDefault(price, 0L))) {
                changed.put(price, after.getOrDefault(price, 0L));
            }
        });
        after.forEach((price, size) -> {
            if (!size.equals(before.getOrDefault(price, 0L))) {
                changed.put(price, size);
            }
        });
        final List<Published.Level> levels = new ArrayList<>();
        changed.forEach((price, size) -> levels.add(new Published.Level(price, size)));
        return levels;
    }

    private static void apply(final ClientBook client, final Published.PublishedDelta delta) {
        for (final Published.Level level : delta.bids()) {
            if (level.size() == 0) {
                assertThat(client.bids.remove(level.price())).as("removes a bid the client has").isNotNull();
            } else {
                client.bids.put(level.price(), level.size());
            }
        }
        for (final Published.Level level : delta.asks()) {
            if (level.size() == 0) {
                assertThat(client.asks.remove(level.price())).as("removes an ask the client has").isNotNull();
            } else {
                client.asks.put(level.price(), level.size());
            }
        }
        client.seq = delta.seq();
    }

    /** The contract's checksum, written independently of the model: formatted strings, joined, CRC32. */
    private static long checksum(final Market market, final ClientBook book) {
        final List<String> tokens = new ArrayList<>();
        final List<Map.Entry<Long, Long>> bids = new ArrayList<>(book.bids.entrySet());
        final List<Map.Entry<Long, Long>> asks = new ArrayList<>(book.asks.entrySet());
        for (int i = 0; i < 25; i++) {
            if (i < bids.size()) {
                tokens.add(market.formatPrice(bids.get(i).getKey()));
                tokens.add(market.formatSize(bids.get(i).getValue()));
            }
            if (i < asks.size()) {
                tokens.add(market.formatPrice(asks.get(i).getKey()));
                tokens.add(market.formatSize(asks.get(i).getValue()));
            }
        }
        final CRC32 crc = new CRC32();
        crc.update(String.join(":", tokens).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
