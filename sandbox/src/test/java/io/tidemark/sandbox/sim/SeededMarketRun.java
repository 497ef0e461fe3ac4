package io.tidemark.sandbox.sim;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.sandbox.SandboxConfig;
import io.tidemark.sandbox.Simulation;
import io.tidemark.sandbox.stats.BookSample;
import io.tidemark.sandbox.stats.MarketFigures;
import io.tidemark.sandbox.stats.MarketStatistics;
import io.tidemark.sandbox.stats.TradePrint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's simulated market run against the real matching engine in simulated time: the configured
 * makers and takers, the same model and step as the sandbox, a warm-up, then the book sampled once a
 * simulated second, as {@code sandbox-stats} samples a live sandbox.
 */
final class SeededMarketRun {
    private static final double WARM_UP_SECONDS = 10;

    final Map<String, MarketFigures> figures = new LinkedHashMap<>();
    final Map<String, int[]> levelsAtEnd = new LinkedHashMap<>();
    final Map<String, List<Double>> references = new LinkedHashMap<>();

    SeededMarketRun(final ExchangeConfig exchange, final SandboxConfig.Simulation sim, final double minutes) {
        final EngineExchange engine = new EngineExchange(exchange);
        final List<Venue> makers = new ArrayList<>();
        final List<Venue> takers = new ArrayList<>();
        long account = 1;
        for (int i = 0; i < sim.makers(); i++) {
            makers.add(engine.trader(account++, sim.accountFunding()));
        }
        for (int i = 0; i < sim.takers(); i++) {
            takers.add(engine.trader(account++, sim.accountFunding()));
        }
        final List<MarketModel> models = new ArrayList<>();
        for (final SandboxConfig.SimMarket market : sim.markets()) {
            models.add(new MarketModel(market, sim.dynamics(), sim.levelsPerSide(), sim.seed(),
                market.referencePrice().doubleValue(), makers, takers));
        }
        models.forEach(MarketModel::open);
        final int stepsPerSecond = (int) Math.round(1 / Simulation.STEP_SECONDS);
        final long warmUp = Math.round(WARM_UP_SECONDS * stepsPerSecond);
        final long total = warmUp + Math.round(minutes * 60 * stepsPerSecond);
        final Map<Market, List<BookSample>> samples = new LinkedHashMap<>();
        models.forEach(model -> samples.put(model.market(), new ArrayList<>()));
        final int[] firstTrade = new int[exchange.markets().size()];
        for (long step = 1; step <= total; step++) {
            engine.advanceTo(Math.round(step * Simulation.STEP_SECONDS * 1e9));
            for (final MarketModel model : models) {
                model.step(Simulation.STEP_SECONDS);
            }
            if (step == warmUp) {
                models.forEach(model -> firstTrade[model.market().id()] = engine.trades(model.market()).size());
            }
            if (step > warmUp && (step - warmUp - 1) % stepsPerSecond == 0) {
                models.forEach(model -> samples.get(model.market()).add(engine.sample(model.market())));
                models.forEach(model -> references.computeIfAbsent(model.market().pair(), p -> new ArrayList<>())
                    .add(model.referencePrice()));
            }
        }
        for (final MarketModel model : models) {
            final Market market = model.market();
            final List<TradePrint> all = engine.trades(market);
            final List<TradePrint> window = all.subList(firstTrade[market.id()], all.size());
            figures.put(market.pair(), MarketStatistics.of(market.pair(), samples.get(market), window));
            levelsAtEnd.put(market.pair(), new int[] {engine.levels(market, Side.BUY), engine.levels(market, Side.SELL)});
        }
    }
}
