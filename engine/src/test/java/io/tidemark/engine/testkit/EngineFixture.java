package io.tidemark.engine.testkit;

import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Asset;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.core.EngineInspector;
import io.tidemark.engine.core.MatchingEngine;

import java.util.List;
import java.util.function.Consumer;

/**
 * An engine with a recording listener and a clock that advances 1 ms per command, plus helpers that
 * speak in decimal strings, so unit tests read like the contract.
 */
public final class EngineFixture {
    public final ExchangeConfig config;
    public final RecordingListener events = new RecordingListener();
    public final MatchingEngine engine;
    public final EngineInspector inspector;
    private final Command command = new Command();
    private long sequence;
    private long time = RandomCommandGenerator.START_NANOS;

    public EngineFixture() {
        this(TestConfigs.threeMarkets());
    }

    public EngineFixture(final ExchangeConfig config) {
        this.config = config;
        this.engine = new MatchingEngine(config, events);
        this.inspector = new EngineInspector(engine);
    }

    public Market market(final int id) {
        return config.market(id);
    }

    public long price(final int market, final String text) {
        final long ticks = config.market(market).parsePrice(text);
        if (ticks <= 0) {
            throw new IllegalArgumentException("bad price " + text);
        }
        return ticks;
    }

    public long size(final int market, final String text) {
        final long lots = config.market(market).parseSize(text);
        if (lots <= 0) {
            throw new IllegalArgumentException("bad size " + text);
        }
        return lots;
    }

    public long units(final int asset, final String text) {
        final Asset a = config.asset(asset);
        final long units = a.parseAmount(text);
        if (units < 0) {
            throw new IllegalArgumentException("bad amount " + text);
        }
        return units;
    }

    /** Moves the clock forward. */
    public void advance(final long nanos) {
        time += nanos;
    }

    public long now() {
        return time;
    }

    /** Fills the shared command, processes it and returns it (valid until the next call). */
    public Command run(final Consumer<Command> fill) {
        command.clear();
        fill.accept(command);
        command.sequence = ++sequence;
        time += 1_000_000;
        command.timestamp = time;
        events.clear();
        engine.process(command);
        return command;
    }

    public Command deposit(final long account, final int asset, final String amount) {
        return run(c -> c.deposit(account, asset, units(asset, amount)));
    }

    public Command limit(final long account, final int market, final Side side, final String price, final String size) {
        return limit(account, market, side, price, size, c -> { });
    }

    public Command limit(final long account, final int market, final Side side, final String price, final String size,
                         final Consumer<Command> options) {
        return run(c -> {
            c.placeOrder(account, market, side, OrderType.LIMIT, price(market, price), size(market, size));
            options.accept(c);
        });
    }

    public Command marketOrder(final long account, final int market, final Side side, final String size) {
        return run(c -> c.placeOrder(account, market, side, OrderType.MARKET, 0, size(market, size)));
    }

    public Command marketBuyFunds(final long account, final int market, final String funds) {
        return run(c -> {
            c.placeOrder(account, market, Side.BUY, OrderType.MARKET, 0, 0);
            c.funds = units(config.market(market).quote().id(), funds);
        });
    }

    public Command cancel(final long account, final long orderId) {
        return run(c -> c.cancelOrder(account, orderId));
    }

    /** Places and asserts acceptance; returns the order id. */
    public long rest(final long account, final int market, final Side side, final String price, final String size) {
        final Command c = limit(account, market, side, price, size);
        if (c.result != ResultCode.ACCEPTED) {
            throw new AssertionError("expected acceptance, got " + c);
        }
        return c.resultId;
    }

    public long available(final long account, final int asset) {
        return inspector.available(account, asset);
    }

    public long hold(final long account, final int asset) {
        return inspector.hold(account, asset);
    }

    public <T extends EngineEvent> List<T> last(final Class<T> type) {
        return events.ofType(type);
    }
}
