package io.tidemark.marketdata;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.core.MatchingEngine;
import io.tidemark.engine.testkit.RandomCommandGenerator;

import java.util.SplittableRandom;

/**
 * Test helper: the engine testkit's seeded random command stream (every order type, cancels, amends,
 * stops, halts, …) through a real engine, with command time driven here so that a stream of tens of
 * thousands of commands spans days: mostly steps under 2 s, now and then up to 15 min, rarely up to
 * 30 h (past the 24 h window). Same seed, same commands and times.
 */
final class RandomStream {
    final MatchingEngine engine;
    private final RandomCommandGenerator generator;
    private final SplittableRandom clock;
    private final Command command = new Command();
    private long time = RandomCommandGenerator.START_NANOS;

    RandomStream(final long seed, final ExchangeConfig config, final EngineListener listener) {
        this.engine = new MatchingEngine(config, listener);
        this.generator = new RandomCommandGenerator(seed, config, 30);
        this.clock = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (final Command deposit : generator.fundingCommands(50_000_000_000L)) {
            apply(deposit);
        }
    }

    /** Fills the next command without applying it (valid until the next call). */
    Command next() {
        generator.next(command);
        final int roll = clock.nextInt(10_000);
        if (roll < 5) {
            time += clock.nextLong(30L * 3_600_000_000_000L);
        } else if (roll < 200) {
            time += clock.nextLong(15L * 60_000_000_000L);
        } else {
            time += clock.nextLong(2_000_000_000L);
        }
        command.timestamp = time;
        return command;
    }

    /** Applies a command and lets the generator learn the ids it got. */
    Command apply(final Command c) {
        if (c.timestamp < time) {
            c.timestamp = time;
        }
        time = c.timestamp;
        engine.process(c);
        generator.observe(c);
        return c;
    }

    /** Next command, applied. */
    Command step() {
        return apply(next());
    }

    long time() {
        return time;
    }
}
