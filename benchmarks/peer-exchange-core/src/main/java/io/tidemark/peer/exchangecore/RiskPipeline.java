package io.tidemark.peer.exchangecore;

import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.processors.MatchingEngineRouter;
import exchange.core2.core.processors.RiskEngine;
import exchange.core2.core.processors.SharedPool;
import exchange.core2.core.processors.UserProfileService;
import exchange.core2.core.processors.journaling.DummySerializationProcessor;

/**
 * exchange-core's own processors for one command, in one thread, in the order its pipeline runs them:
 * {@link RiskEngine#preProcessCommand} (R1: the place's funds check and hold), {@link MatchingEngineRouter#processOrder}
 * (ME: {@link OrderBookDirectImpl}) and {@link RiskEngine#handlerRiskRelease} (R2: settlement of every trade
 * for taker and makers, fees, the release of what a cancel, reduce or IOC remainder no longer needs). This is
 * what compares with Tidemark's engine, which holds, settles and charges fees in the same step as it
 * matches; the bare book ({@link ExchangeCoreReplay.Impl#DIRECT}) does none of that.
 *
 * <p>One shard of each, as exchange-core runs with one risk and one matching engine. The pipeline's other
 * stages (grouping, journaling, results) are not run: they do no accounting. Accounts 1..n are funded in both
 * currencies with far more than a stream spends, so the risk engine refuses nothing and the book sees the
 * same commands as the bare one ({@link ExchangeCoreReplay#verify} checks the trades).
 *
 * <p>Fees: exchange-core charges a fixed amount of quote currency per lot, Tidemark basis points of the
 * notional; the symbol's are Tidemark's benchmark fees (maker 10, taker 25 bps) at the workload's reference
 * price of 3,000,000 ticks, with scales 1 (one tick × one lot is one quote unit, as in Tidemark's market).
 */
final class RiskPipeline {
    /** Quote units per lot: 10 and 25 bps of one lot's notional at 3,000,000 ticks. */
    static final long MAKER_FEE = 3_000;
    static final long TAKER_FEE = 7_500;
    static final long FUNDING = 1_000_000_000_000_000L;

    private final RiskEngine risk;
    private final MatchingEngineRouter router;
    private final CoreSymbolSpecification spec = symbol();
    private long sequence;

    RiskPipeline() {
        final ExchangeConfiguration config = ExchangeConfiguration.defaultBuilder().build();
        // chain length 1: exchange-core 0.5.3 does not pool matcher events (ExchangeCore sizes it so too)
        final SharedPool pool = new SharedPool(64, 16, 1);
        this.risk = new RiskEngine(0, 1, DummySerializationProcessor.INSTANCE, pool, config);
        this.router = new MatchingEngineRouter(0, 1, DummySerializationProcessor.INSTANCE, OrderBookDirectImpl::new,
            pool, config);
    }

    static CoreSymbolSpecification symbol() {
        return ExchangeCoreReplay.symbolBuilder().makerFee(MAKER_FEE).takerFee(TAKER_FEE).build();
    }

    /**
     * Starts over: an empty book, the symbol, and accounts 1..{@code accounts} funded. The router and its
     * object pool live on, as they live for a matching shard's lifetime.
     */
    void reset(final int accounts) {
        risk.reset();
        risk.getSymbolSpecificationProvider().addSymbol(spec);
        router.getOrderBooks().put(spec.symbolId, new OrderBookDirectImpl(spec, router.getObjectsPool(),
            router.getEventsHelper(), LoggingConfiguration.DEFAULT));
        final UserProfileService users = risk.getUserProfileService();
        for (long uid = 1; uid <= accounts; uid++) {
            users.addEmptyUserProfile(uid);
            users.balanceAdjustment(uid, spec.baseCurrency, FUNDING, 1);
            users.balanceAdjustment(uid, spec.quoteCurrency, FUNDING, 2);
        }
    }

    /** R1, ME, R2 for one command; its matcher events are left on it for the caller to consume. */
    CommandResultCode process(final OrderCommand c) {
        final long seq = sequence++;
        c.resultCode = CommandResultCode.NEW; // as exchange-core's ring translator publishes a command
        c.marketData = null;
        risk.preProcessCommand(seq, c);
        router.processOrder(seq, c);
        risk.handlerRiskRelease(seq, c);
        return c.resultCode;
    }

    /** The account's balance in a currency (held amounts are already taken out, as exchange-core keeps them). */
    long balance(final long uid, final int currency) {
        return risk.getUserProfileService().getUserProfile(uid).accounts.get(currency);
    }

    /** Fees collected in a currency. */
    long fees(final int currency) {
        return risk.getFees().get(currency);
    }
}
