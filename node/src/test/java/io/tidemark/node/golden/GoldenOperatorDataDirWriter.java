package io.tidemark.node.golden;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.CommandType;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.testkit.RandomCommandGenerator;
import io.tidemark.engine.testkit.TestConfigs;
import io.tidemark.node.Node;
import io.tidemark.node.NodeClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Writes the golden data directory of the operator's commands ({@code golden/v3-operator}), which
 * {@code GoldenOperatorDataDirTest} replays: the flow of {@link GoldenDataDirWriter} with, every tenth
 * command, an operator command (deposits by reference, their retries and conflicts, faucet payments,
 * withdrawal requests completed or rejected, freezes with and without cancelling, halts and resumes,
 * fee changes), so the journal holds command codes 8-14 and the snapshots the engine's version-3
 * section (operator state and fee schedules). Run once, by hand, never by the build:
 * {@code java -cp <test classpath> io.tidemark.node.golden.GoldenOperatorDataDirWriter DIR}; the state
 * hashes it prints go into {@code expected.properties} beside the fixture.
 */
public final class GoldenOperatorDataDirWriter {
    static final long SEED = 20261219L;
    static final int ACCOUNTS = 12;
    static final int COMMANDS_BEFORE_SNAPSHOT = 1_500;
    static final int COMMANDS_AFTER_SNAPSHOT = 1_500;

    private GoldenOperatorDataDirWriter() {
    }

    public static void main(final String[] args) throws Exception {
        final Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        final ExchangeConfig config = TestConfigs.threeMarkets();
        final RandomCommandGenerator generator = new RandomCommandGenerator(SEED, config, ACCOUNTS);
        final SplittableRandom random = new SplittableRandom(SEED);
        final List<Long> pending = new ArrayList<>();
        final List<Command> references = new ArrayList<>();
        final long viewsHash;
        final long engineHash;
        try (Node node = Node.start(new Node.Context().dataDir(dir).config(config).snapshotInterval(Duration.ZERO))) {
            final NodeClient client = new NodeClient(node);
            for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
                client.submit(deposit);
            }
            final Command command = new Command();
            for (int i = 0; i < COMMANDS_BEFORE_SNAPSHOT + COMMANDS_AFTER_SNAPSHOT; i++) {
                if (i == COMMANDS_BEFORE_SNAPSHOT) {
                    node.snapshot().get(30, TimeUnit.SECONDS);
                }
                if (i % 10 == 9) {
                    operatorCommand(command, random, config, pending, references, i);
                } else {
                    generator.next(command);
                }
                final Command applied = client.submit(command);
                generator.observe(applied);
                if (applied.type == CommandType.REQUEST_WITHDRAWAL && applied.result == ResultCode.ACCEPTED) {
                    pending.add(applied.resultId);
                }
            }
            viewsHash = client.query(n -> n.accounts().stateHash());
            node.close();
            engineHash = node.engineAfterClose().stateHash();
        }
        System.out.printf(Locale.ROOT, "engine.state.hash=%016x%n", engineHash);
        System.out.printf(Locale.ROOT, "views.state.hash=%016x%n", viewsHash);
        System.out.printf(Locale.ROOT, "events.crc32c=%08x%n", GoldenEvents.crc32cOfReplay(dir, config));
    }

    private static void operatorCommand(final Command c, final SplittableRandom random, final ExchangeConfig config,
                                        final List<Long> pending, final List<Command> references, final int i) {
        final long account = 1 + random.nextInt(ACCOUNTS);
        final int asset = random.nextInt(config.assets().size());
        switch (random.nextInt(9)) {
            case 0 -> {
                if (!references.isEmpty() && random.nextBoolean()) {
                    c.copyFrom(references.get(random.nextInt(references.size())));
                    if (random.nextBoolean()) {
                        c.amount++; // the same reference with other fields: a conflict
                    }
                } else {
                    c.deposit(account, asset, 1 + random.nextLong(400_000_000L), "golden-" + i);
                    references.add(new Command().copyFrom(c));
                }
            }
            case 1 -> c.faucet(account, asset, 1 + random.nextLong(400_000_000L));
            case 2, 3 -> c.requestWithdrawal(account, asset, 1 + random.nextLong(400_000_000L));
            case 4 -> {
                final long id = pending.isEmpty() ? 1 + random.nextInt(20) : pending.remove(random.nextInt(pending.size()));
                if (random.nextBoolean()) {
                    c.completeWithdrawal(id);
                } else {
                    c.rejectWithdrawal(id);
                }
            }
            case 5 -> c.freezeAccount(account, random.nextBoolean());
            case 6 -> c.unfreezeAccount(account);
            case 7 -> {
                final int taker = random.nextInt(60);
                c.setMarketFees(random.nextInt(config.markets().size()), random.nextInt(taker + 1), taker);
            }
            default -> c.setMarketStatus(random.nextInt(config.markets().size()),
                random.nextInt(3) == 0 ? MarketStatus.HALTED : MarketStatus.TRADING);
        }
    }
}
