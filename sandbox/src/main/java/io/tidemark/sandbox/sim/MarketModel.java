package io.tidemark.sandbox.sim;

import io.tidemark.engine.api.Side;
import io.tidemark.engine.config.Market;
import io.tidemark.sandbox.SandboxConfig.Dynamics;
import io.tidemark.sandbox.SandboxConfig.SimMarket;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated participants of one market, made from its description ({@link SimMarket}) alone, so a
 * market listed later can be given its own set: a {@link ReferencePrice}, makers quoting ladders around
 * it ({@link MakerLadder}, each wider than the last), takers arriving in self-exciting bursts
 * ({@link Hawkes}) with Pareto sizes, maker refreshes excited by the takers' fills, and occasional
 * informed sweeps — a trader who knows the news crosses several levels just before the price jumps.
 *
 * <p>Deterministic from the seed: the price path draws from its own stream and the order flow's impact
 * from another, both independent of the exchange's replies, so the path depends on time alone and
 * replies change what is quoted, never the path. Time advances in steps given by the caller ({@link #step}); not thread safe.
 */
public final class MarketModel {
    private static final double FOLLOWER_BURST = 3;
    private static final double JUMP_TAIL = 2.5;
    private static final double MAX_JUMP_MULTIPLE = 5;

    private final SimMarket sim;
    private final Market market;
    private final Dynamics dynamics;
    private final double tick;
    private final ReferencePrice reference;
    private final Hawkes takerFlow;
    private final Hawkes refreshFlow;
    private final List<MakerLadder> makers = new ArrayList<>();
    private final List<Venue> takers;
    private final SplittableRandom priceRandom;
    private final SplittableRandom flowRandom;
    private final SplittableRandom quoteRandom;
    private final double widestHalfSpread;
    private final double spacingFraction;

    /**
     * @param startPrice where the reference starts (the last trade after a restart, else the configured price)
     * @param makerVenues one per maker, tightest first
     */
    public MarketModel(final SimMarket sim, final Dynamics dynamics, final int levels, final long seed,
                       final double startPrice, final List<Venue> makerVenues, final List<Venue> takerVenues) {
        this.sim = sim;
        this.market = sim.market();
        this.dynamics = dynamics;
        this.tick = Double.parseDouble(market.formatPrice(1));
        // one stream per market, from the seed and the pair: adding a market leaves the others' paths alone
        final SplittableRandom root = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + market.pair().hashCode());
        this.priceRandom = root.split();
        this.flowRandom = root.split();
        this.quoteRandom = root.split();
        this.reference = new ReferencePrice(startPrice, sim.volatility(), dynamics.volatilityOfVolatility(),
            dynamics.volatilityHalfLifeSeconds(), dynamics.returnTailDof());
        this.takerFlow = new Hawkes(sim.takerOrdersPerSecond(), dynamics.selfExcitation(),
            dynamics.excitationHalfLifeSeconds());
        this.refreshFlow = new Hawkes(sim.requotesPerSecond(), dynamics.selfExcitation(),
            dynamics.excitationHalfLifeSeconds());
        this.takers = List.copyOf(takerVenues);
        final double referenceTicks = startPrice / tick;
        this.spacingFraction = sim.levelSpacingBps() / 1e4;
        final long spacing = Math.max(1, Math.round(referenceTicks * spacingFraction));
        final int count = makerVenues.size();
        double widest = 0;
        for (int rank = 0; rank < count; rank++) {
            final double widening = 1 + dynamics.makerSpreadWidening() * rank;
            final double halfSpread = sim.halfSpreadBps() / 1e4 * widening;
            widest = Math.max(widest, halfSpread);
            makers.add(new MakerLadder(makerVenues.get(rank), market, levels, spacing, rank * spacing / count,
                halfSpread, sim.quoteSizeLots(), dynamics.inventorySkewBps() / 1e4,
                market.baseUnits(sim.quoteSizeLots() * dynamics.inventoryScaleQuotes())));
        }
        this.widestHalfSpread = widest;
    }

    public Market market() {
        return market;
    }

    /** Every maker cancels what it had resting and places its ladder. */
    public void open() {
        for (final MakerLadder maker : makers) {
            maker.open(reference.price() / tick, quoteRandom);
        }
    }

    /** Advances the market by {@code seconds}: the price, then the makers, then whoever arrives. */
    public void step(final double seconds) {
        reference.step(seconds, priceRandom);
        final double activity = reference.activity();
        // news arrives at its own pace (were it to follow activity, each sweep's volatility would breed more)
        final int news = Draws.poisson(flowRandom, sim.sweepsPerMinute() / 60 * seconds);
        final int takes = takerFlow.arrivals(seconds, activity, flowRandom);
        final int refreshes = refreshFlow.arrivals(seconds, activity, quoteRandom);
        for (int i = 0; i < news; i++) {
            sweep();
        }
        follow();
        for (int i = 0; i < takes; i++) {
            take();
        }
        for (int i = 0; i < refreshes && !makers.isEmpty(); i++) {
            final double u = quoteRandom.nextDouble();
            final MakerLadder maker = makers.get(quoteRandom.nextInt(makers.size()));
            maker.refresh((int) (maker.levels() * u * u), quoteRandom);  // top levels most often
        }
    }

    private void follow() {
        final double ticks = reference.price() / tick;
        for (final MakerLadder maker : makers) {
            maker.follow(ticks, quoteRandom);
        }
    }

    /**
     * A market or marketable order of Pareto size; bigger orders accept a deeper price. Its demand moves
     * the reference for good by the square-root law (impact ∝ √size), so the makers re-quote where the
     * trade left the book rather than pulling the mid back. The impact comes from the order as drawn, not
     * from what it filled, so the price path depends on the seed and time alone.
     */
    private void take() {
        if (takers.isEmpty()) {
            return;
        }
        final Venue venue = takers.get(flowRandom.nextInt(takers.size()));
        final Side side = flowRandom.nextBoolean() ? Side.BUY : Side.SELL;
        final long lots = Math.max(market.minSizeLots(), Math.min(sim.takerMaxLots(),
            Math.round(Draws.pareto(flowRandom, sim.takerMinLots(), sim.takerSizeAlpha()))));
        final double reach = widestHalfSpread + spacingFraction * (1 + 2.0 * lots / sim.quoteSizeLots());
        final long limit = limit(side, reference.price(), reach);
        final boolean filled = venue.take(market, side, limit, lots) > 0;
        final double impact = sim.takerImpactBps() / 1e4 * Math.sqrt((double) lots / sim.quoteSizeLots());
        reference.absorb(side == Side.BUY ? impact : -impact);
        follow();
        if (filled) {
            replenish(side, limit);
        }
    }

    /**
     * News: an informed trader sweeps the book up to where the price is about to be, then the reference
     * jumps there and turns more volatile, and followers pile in.
     */
    private void sweep() {
        final Side side = flowRandom.nextBoolean() ? Side.BUY : Side.SELL;
        final double jumpBps = Math.min(MAX_JUMP_MULTIPLE * sim.sweepJumpBps(),
            Draws.pareto(flowRandom, sim.sweepJumpBps(), JUMP_TAIL));
        final double logJump = (side == Side.BUY ? 1 : -1) * jumpBps / 1e4;
        final double target = reference.price() * Math.exp(logJump);
        final long limit = limit(side, target, 0);
        if (!takers.isEmpty()) {
            takers.get(flowRandom.nextInt(takers.size())).take(market, side, limit, sim.takerMaxLots());
        }
        reference.jump(logJump, dynamics.newsVolatilityBoost());
        takerFlow.excite(FOLLOWER_BURST);
        follow();
        replenish(side, limit);
    }

    private void replenish(final Side takerSide, final long limit) {
        refreshFlow.excite(1);
        for (final MakerLadder maker : makers) {
            maker.replenish(takerSide, limit, quoteRandom);
        }
    }

    private long limit(final Side side, final double price, final double reach) {
        final double ticks = price / tick;
        final long limit = side == Side.BUY ? (long) Math.ceil(ticks * (1 + reach)) : (long) Math.floor(ticks * (1 - reach));
        return Math.max(1, Math.min(market.maxPriceTicks(), limit));
    }

    public double referencePrice() {
        return reference.price();
    }
}
