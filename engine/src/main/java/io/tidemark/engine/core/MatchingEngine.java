package io.tidemark.engine.core;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.MarketConfig;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.snapshot.SnapshotFormatException;
import io.tidemark.engine.snapshot.SnapshotInput;
import io.tidemark.engine.snapshot.SnapshotOutput;

/**
 * The deterministic matching engine: price-time priority books, balances with holds, maker/taker
 * fees, stops, amendments, self-trade prevention and client_order_id idempotency, driven one
 * {@link Command} at a time. Everything it decides comes from the command and its own state: it reads
 * no clock (time is {@link Command#timestamp}), does no I/O, starts no thread, and allocates nothing
 * per command once its pools and maps have grown. Replaying the same commands therefore rebuilds the
 * same state, which {@link #stateHash()} proves.
 *
 * <p>This class runs the orders' lifecycle: place, match, rest, trigger, amend, cancel. What an order
 * holds and how a fill settles is {@link Funding}'s, deposits, withdrawals and wallet transfers are
 * {@link Transfers}', and everything they change lives in {@link EngineState}.
 *
 * <p>Not thread safe: owned by the single engine thread. Events go to the {@link EngineListener}
 * synchronously, in the order things happen.
 */
public final class MatchingEngine {
    // package-private for EngineInspector
    final EngineState state;
    private final EngineListener listener;
    /** The state's books; replaced (grown) by a market listing. */
    private OrderBook[] books;
    private final Accounts accounts;
    private final Pools pools;
    private final OrderTable openOrders;
    private final ClientOrderIdTable clientOrderIds;
    private final BalanceEvents balanceEvents;
    private final Funding funding;
    private final Transfers transfers;
    private final StateHasher hasher = new StateHasher();
    /** Time of the command being processed; every event carries it. */
    private long now;

    public MatchingEngine(final ExchangeConfig config, final EngineListener listener) {
        this(config, listener, 1_024, 4_096);
    }

    /**
     * @param expectedAccounts  accounts to size balance arrays for (they grow beyond it)
     * @param expectedOrders    orders and levels to pre-allocate (pools grow beyond it)
     */
    public MatchingEngine(final ExchangeConfig config, final EngineListener listener, final int expectedAccounts,
                          final int expectedOrders) {
        this.state = new EngineState(config, expectedAccounts, expectedOrders);
        this.listener = listener;
        this.books = state.books;
        this.accounts = state.accounts;
        this.pools = state.pools;
        this.openOrders = state.openOrders;
        this.clientOrderIds = state.clientOrderIds;
        this.balanceEvents = new BalanceEvents(accounts, listener);
        this.funding = new Funding(accounts, balanceEvents);
        this.transfers = new Transfers(state, balanceEvents);
    }

    /** Where this engine reports its events. */
    public EngineListener listener() {
        return listener;
    }

    /** Writes the whole state (see {@link EngineSnapshot} for the layout). */
    public void writeSnapshot(final SnapshotOutput out) {
        EngineSnapshot.write(state, out);
    }

    /**
     * An engine restored from a snapshot written under the same configuration.
     *
     * @throws SnapshotFormatException if the snapshot is damaged, of another version, or of another configuration
     */
    public static MatchingEngine fromSnapshot(final ExchangeConfig config, final EngineListener listener,
                                              final SnapshotInput in) {
        final MatchingEngine engine = new MatchingEngine(config, listener);
        EngineSnapshot.read(engine.state, in);
        engine.books = engine.state.books;
        return engine;
    }

    /**
     * A 64-bit digest of the whole state: books (levels and every order field, in priority order),
     * pending stops, each account's balances and open-order list, the client_order_id table in FIFO
     * order, market status and last price, and the id counters. Equal hashes after a replay mean the
     * replay rebuilt the same state.
     */
    public long stateHash() {
        return hasher.hash(state);
    }

    /** Applies one command: events go to the listener, the outcome into {@code command.result/resultId}. */
    public void process(final Command command) {
        now = command.timestamp;
        command.resultId = 0;
        final ResultCode result = switch (command.type) {
            case PLACE_ORDER -> placeOrder(command);
            case CANCEL_ORDER -> cancelOrder(command);
            case CANCEL_ALL -> cancelAll(command);
            case AMEND_ORDER -> amendOrder(command);
            case DEPOSIT, FAUCET -> transfers.deposit(now, command);
            case WITHDRAW -> transfers.withdraw(now, command);
            case TRANSFER -> transfers.transfer(now, command);
            case SET_MARKET_STATUS -> setMarketStatus(command);
            case REQUEST_WITHDRAWAL -> transfers.requestWithdrawal(now, command);
            case COMPLETE_WITHDRAWAL -> transfers.completeWithdrawal(now, command);
            case REJECT_WITHDRAWAL -> transfers.rejectWithdrawal(now, command);
            case FREEZE_ACCOUNT -> setFrozen(command, true);
            case UNFREEZE_ACCOUNT -> setFrozen(command, false);
            case SET_MARKET_FEES -> setMarketFees(command);
            case LIST_ASSET -> listAsset(command);
            case LIST_MARKET -> listMarket(command);
        };
        command.result = result;
        listener.onCommandComplete(command);
    }

    // ------------------------------------------------------------------------------------------ place

    private ResultCode placeOrder(final Command c) {
        if (c.marketId < 0 || c.marketId >= books.length) {
            return ResultCode.UNKNOWN_PAIR;
        }
        final OrderBook book = books[c.marketId];
        final ResultCode invalid = validatePlace(c, book.market);
        if (invalid != null) {
            return invalid;
        }
        final long packedFields = packFields(c);
        if (c.clientOrderId.isPresent()) {
            final int slot = clientOrderIds.find(c.accountId, c.clientOrderId);
            if (slot != ClientOrderIdTable.NOT_FOUND) {
                if (!clientOrderIds.sameFields(slot, packedFields, c.price, c.stopPrice, c.size, c.funds)) {
                    return ResultCode.CLIENT_ORDER_ID_CONFLICT;
                }
                c.resultId = clientOrderIds.orderId(slot);
                return ResultCode.REPLAYED;
            }
        }
        if (book.status == MarketStatus.HALTED) {
            return ResultCode.MARKET_HALTED;
        }
        final int accountIndex = accounts.index(c.accountId);
        if (accountIndex >= 0 && accounts.isFrozen(accountIndex)) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        if (accountIndex < 0 || !funding.canFund(c, accountIndex, book, state.nextOrderId)) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }

        final Order order = pools.acquireOrder();
        order.orderId = state.nextOrderId++;
        order.accountId = c.accountId;
        order.accountIndex = accountIndex;
        order.marketId = c.marketId;
        order.side = c.side;
        order.orderType = c.orderType;
        order.timeInForce = c.timeInForce;
        order.postOnly = c.postOnly;
        order.selfTradePrevention = c.selfTradePrevention;
        order.price = c.price;
        order.stopPrice = c.stopPrice;
        order.size = c.size;
        order.funds = c.funds;
        order.createdTime = now;
        order.clientOrderId.set(c.clientOrderId);
        order.status = isStop(c.orderType) ? OrderStatus.PENDING_TRIGGER : OrderStatus.OPEN;
        c.resultId = order.orderId;
        if (c.clientOrderId.isPresent()) {
            clientOrderIds.add(now, state, c.accountId, c.clientOrderId, order.orderId, packedFields, c.price,
                c.stopPrice, c.size, c.funds);
        }
        listener.onOrderAccepted(now, order);

        if (order.status == OrderStatus.PENDING_TRIGGER) {
            addPendingStop(order, book);
        } else {
            execute(order, book);
        }
        runTriggers(book);
        return ResultCode.ACCEPTED;
    }

    private static ResultCode validatePlace(final Command c, final Market market) {
        if (c.accountId <= Accounts.FEE_ACCOUNT_ID || c.side == null || c.orderType == null
            || c.timeInForce == null || c.selfTradePrevention == null) {
            return ResultCode.INVALID_PARAMETER;
        }
        if (c.price < 0 || c.stopPrice < 0) {
            return ResultCode.INVALID_PRICE;
        }
        if (c.size < 0) {
            return ResultCode.INVALID_SIZE;
        }
        if (c.funds < 0) {
            return ResultCode.INVALID_AMOUNT;
        }
        final boolean limitPrice = c.orderType == OrderType.LIMIT || c.orderType == OrderType.STOP_LIMIT;
        final boolean stop = isStop(c.orderType);
        if (limitPrice ? c.price == 0 : c.price != 0) {
            return limitPrice ? ResultCode.INVALID_PRICE : ResultCode.INVALID_PARAMETER;
        }
        if (stop ? c.stopPrice == 0 : c.stopPrice != 0) {
            return stop ? ResultCode.INVALID_PRICE : ResultCode.INVALID_PARAMETER;
        }
        if (c.funds > 0) {
            // funds only for market (or stop-market) buys, instead of a size, and never all-or-nothing
            if (limitPrice || c.side != Side.BUY || c.size != 0 || c.timeInForce == TimeInForce.FOK) {
                return ResultCode.INVALID_PARAMETER;
            }
            if (c.funds > Market.MAX_NOTIONAL) {
                return ResultCode.AMOUNT_TOO_LARGE;
            }
            if (c.funds < market.minNotional()) {
                return ResultCode.NOTIONAL_BELOW_MINIMUM;
            }
        } else if (c.size == 0) {
            return ResultCode.INVALID_SIZE;
        }
        if (c.postOnly && (c.orderType != OrderType.LIMIT || c.timeInForce != TimeInForce.GTC)) {
            return ResultCode.INVALID_PARAMETER;
        }
        if (c.price > market.maxPriceTicks() || c.stopPrice > market.maxPriceTicks()) {
            return ResultCode.PRICE_ABOVE_MAXIMUM;
        }
        if (c.size > 0) {
            if (c.size < market.minSizeLots()) {
                return ResultCode.SIZE_BELOW_MINIMUM;
            }
            if (c.size > market.maxSizeLots()) {
                return ResultCode.SIZE_ABOVE_MAXIMUM;
            }
            // a market order by size has no price to value it at before it executes
            final long valuePrice = limitPrice ? c.price : c.stopPrice;
            if (valuePrice > 0 && market.notional(valuePrice, c.size) < market.minNotional()) {
                return ResultCode.NOTIONAL_BELOW_MINIMUM;
            }
        }
        return null;
    }

    private static boolean isStop(final OrderType type) {
        return type == OrderType.STOP || type == OrderType.STOP_LIMIT;
    }

    /** The order fields a client_order_id retry must repeat exactly. */
    private static long packFields(final Command c) {
        return (long) c.marketId
            | (long) c.side.code() << 32
            | (long) c.orderType.code() << 34
            | (long) c.timeInForce.code() << 37
            | (c.postOnly ? 1L : 0L) << 40
            | (long) c.selfTradePrevention.code() << 41;
    }

    // -------------------------------------------------------------------------------------- execution

    /**
     * Runs an order that is not (or no longer) in any book as a taker: post-only and fill-or-kill checks,
     * matching, then rest the remainder (gtc limit) or close it.
     */
    private void execute(final Order order, final OrderBook book) {
        order.status = OrderStatus.OPEN;
        final boolean limit = order.hasLimitPrice();
        if (order.postOnly && wouldTake(order, book)) {
            close(order, OrderStatus.CANCELLED, CancelReason.POST_ONLY_WOULD_TAKE);
            return;
        }
        if (order.timeInForce == TimeInForce.FOK && fillableSize(order, book) < order.size) {
            close(order, OrderStatus.CANCELLED, CancelReason.FOK_NOT_FILLED);
            return;
        }
        order.fundsLeft = order.funds;
        final MatchEnd end = match(order, book);
        if (end == MatchEnd.TAKER_CANCELLED) {
            return;
        }
        if (order.isByFunds()) {
            if (end == MatchEnd.FUNDS_SPENT) {
                // spent as far as whole lots go; if not even one lot was affordable, nothing was bought
                close(order, order.filled > 0 ? OrderStatus.FILLED : OrderStatus.CANCELLED,
                    order.filled > 0 ? CancelReason.NONE : CancelReason.IOC_REMAINDER);
            } else {
                close(order, OrderStatus.CANCELLED, CancelReason.MARKET_NO_LIQUIDITY);
            }
        } else if (order.remaining() == 0) {
            close(order, OrderStatus.FILLED, CancelReason.NONE);
        } else if (!limit) {
            close(order, OrderStatus.CANCELLED, CancelReason.MARKET_NO_LIQUIDITY);
        } else if (order.timeInForce == TimeInForce.GTC) {
            rest(order, book);
        } else {
            close(order, OrderStatus.CANCELLED, CancelReason.IOC_REMAINDER);
        }
    }

    private enum MatchEnd { FILLED, NO_MORE_LIQUIDITY, FUNDS_SPENT, TAKER_CANCELLED }

    /** Matches a taker against the opposite side until it is filled, out of price, out of funds, or self-trade stops it. */
    private MatchEnd match(final Order taker, final OrderBook book) {
        final BookSide makers = book.restingSide(taker.side.opposite());
        final Market market = book.market;
        final boolean limit = taker.hasLimitPrice();
        while (true) {
            final PriceLevel level = makers.best();
            if (level == null || (limit && !OrderBook.crosses(taker.side, taker.price, level.price))) {
                return MatchEnd.NO_MORE_LIQUIDITY;
            }
            final Order maker = level.head;
            if (maker.accountId == taker.accountId) {
                final SelfTradePrevention stp = taker.selfTradePrevention;
                if (stp != SelfTradePrevention.CANCEL_TAKER) {
                    cancelResting(maker, book, CancelReason.SELF_TRADE);
                }
                if (stp == SelfTradePrevention.CANCEL_MAKER) {
                    continue;
                }
                close(taker, OrderStatus.CANCELLED, CancelReason.SELF_TRADE);
                return MatchEnd.TAKER_CANCELLED;
            }
            long quantity = maker.remaining();
            if (taker.isByFunds()) {
                quantity = Math.min(quantity, Funding.affordableLots(market, taker.fundsLeft, level.price,
                    book.takerFeeBps(taker.orderId)));
                if (quantity == 0) {
                    return MatchEnd.FUNDS_SPENT;
                }
            } else {
                quantity = Math.min(quantity, taker.remaining());
            }
            trade(taker, maker, level, book, quantity);
            if (!taker.isByFunds() && taker.remaining() == 0) {
                return MatchEnd.FILLED;
            }
        }
    }

    /** Executes {@code quantity} lots between a taker and the maker at the head of {@code level}, and settles both. */
    private void trade(final Order taker, final Order maker, final PriceLevel level, final OrderBook book,
                       final long quantity) {
        final Market market = book.market;
        final long price = maker.price;
        final long notional = market.notional(price, quantity);
        // each side pays the fees of the schedule its order was placed under
        final long takerFee = Market.fee(notional, book.takerFeeBps(taker.orderId));
        final long makerFee = Market.fee(notional, book.makerFeeBps(maker.orderId));
        final long makerHeldBefore = Funding.restingHold(maker, book);

        maker.filled += quantity;
        level.totalSize -= quantity;
        taker.filled += quantity;
        if (taker.isByFunds()) {
            taker.fundsLeft -= notional + takerFee;
        }
        book.lastPrice = price;
        listener.onTrade(now, state.nextTradeId++, market.id(), price, quantity, taker.side, taker.orderId,
            taker.accountId, takerFee, maker.orderId, maker.accountId, makerFee);

        final boolean makerDone = maker.remaining() == 0;
        if (makerDone) {
            level.remove(maker);
            unindex(maker);
            maker.status = OrderStatus.FILLED;
            listener.onOrderClosed(now, maker.orderId, maker.accountId, maker.marketId, OrderStatus.FILLED,
                CancelReason.NONE, maker.filled);
        }
        levelChanged(book, maker.side, level);

        funding.settle(now, book, taker, maker, quantity, notional, takerFee, makerFee, makerHeldBefore);
        if (makerDone) {
            pools.releaseOrder(maker);
        }
    }

    /** Enters an order in its account's list and the open-order index, the first time it rests or waits. */
    private void index(final Order order) {
        if (!order.indexed) {
            order.indexed = true;
            accounts.linkOrder(order);
            openOrders.put(order);
        }
    }

    private void unindex(final Order order) {
        if (order.indexed) {
            order.indexed = false;
            accounts.unlinkOrder(order);
            openOrders.remove(order);
        }
    }

    /** Puts the unfilled part of a limit order on the book and holds what it may still need. */
    private void rest(final Order order, final OrderBook book) {
        final PriceLevel level = book.restingSide(order.side).findOrCreate(order.price);
        level.append(order);
        index(order);
        final int asset = Funding.heldAsset(order, book.market);
        funding.hold(order, asset, Funding.restingHold(order, book));
        levelChanged(book, order.side, level);
        balanceEvents.spotChanged(now, order.accountIndex, asset);
    }

    private void addPendingStop(final Order order, final OrderBook book) {
        final PriceLevel level = book.stopSide(order.side).findOrCreate(order.stopPrice);
        level.append(order);
        index(order);
        final int asset = Funding.heldAsset(order, book.market);
        funding.hold(order, asset, Funding.pendingStopHold(order, book));
        balanceEvents.spotChanged(now, order.accountIndex, asset);
    }

    /**
     * Triggers pending stops while the last trade price reaches them, one at a time because each may
     * trade and move the price: the lowest due buy stop first, else the highest due sell stop; equal
     * trigger prices in time order.
     */
    private void runTriggers(final OrderBook book) {
        while (book.lastPrice > 0) {
            PriceLevel level = book.buyStops.best();
            if (level == null || !OrderBook.triggers(Side.BUY, level.price, book.lastPrice)) {
                level = book.sellStops.best();
                if (level == null || !OrderBook.triggers(Side.SELL, level.price, book.lastPrice)) {
                    return;
                }
            }
            trigger(level.head, level, book);
        }
    }

    private void trigger(final Order order, final PriceLevel level, final OrderBook book) {
        final Market market = book.market;
        final BookSide stops = book.stopSide(order.side);
        // out of the stop book; it stays indexed, as an open order of its account
        level.remove(order);
        if (level.isEmpty()) {
            stops.levelEmptied(level);
        }
        final int asset = Funding.heldAsset(order, market);
        listener.onOrderTriggered(now, order.orderId, order.accountId, order.marketId);
        funding.release(order, asset, Funding.pendingStopHold(order, book));
        balanceEvents.spotChanged(now, order.accountIndex, asset);
        if (order.orderType == OrderType.STOP && order.isBuy() && !order.isByFunds()
            && !funding.canFundTriggeredBuy(order, book)) {
            order.status = OrderStatus.REJECTED;
            unindex(order);
            listener.onOrderRejected(now, order.orderId, order.accountId, order.marketId,
                ResultCode.INSUFFICIENT_FUNDS);
            pools.releaseOrder(order);
            return;
        }
        execute(order, book);
    }

    // --------------------------------------------------------------------------------- dry-run walks

    /** True if a post-only order would trade on arrival (against anyone, itself included). */
    private static boolean wouldTake(final Order order, final OrderBook book) {
        final PriceLevel best = book.restingSide(order.side.opposite()).best();
        return best != null && OrderBook.crosses(order.side, order.price, best.price);
    }

    /**
     * How much of {@code order} could fill right now, walking the opposite side as matching would:
     * the account's own orders are skipped under cancel_maker and end the walk otherwise. Used for
     * fill-or-kill, which must either fill completely or change nothing.
     */
    private static long fillableSize(final Order order, final OrderBook book) {
        final BookSide makers = book.restingSide(order.side.opposite());
        final boolean limit = order.hasLimitPrice();
        long fillable = 0;
        for (PriceLevel level = makers.best(); level != null; level = makers.next(level)) {
            if (limit && !OrderBook.crosses(order.side, order.price, level.price)) {
                break;
            }
            for (Order maker = level.head; maker != null; maker = maker.next) {
                if (maker.accountId == order.accountId) {
                    if (order.selfTradePrevention != SelfTradePrevention.CANCEL_MAKER) {
                        return fillable;
                    }
                    continue;
                }
                fillable += maker.remaining();
                if (fillable >= order.size) {
                    return fillable;
                }
            }
        }
        return fillable;
    }

    // ------------------------------------------------------------------------------ cancel and close

    /** Closes an order that is in no book (a taker that did not rest). */
    private void close(final Order order, final OrderStatus status, final CancelReason reason) {
        unindex(order);
        order.status = status;
        listener.onOrderClosed(now, order.orderId, order.accountId, order.marketId, status, reason, order.filled);
        pools.releaseOrder(order);
    }

    /** Removes a resting order from its book, releases its hold and closes it. */
    private void cancelResting(final Order order, final OrderBook book, final CancelReason reason) {
        final Market market = book.market;
        final int asset = Funding.heldAsset(order, market);
        final long held = Funding.restingHold(order, book);
        final PriceLevel level = order.level;
        level.remove(order);
        unindex(order);
        funding.release(order, asset, held);
        order.status = OrderStatus.CANCELLED;
        listener.onOrderClosed(now, order.orderId, order.accountId, order.marketId, OrderStatus.CANCELLED, reason,
            order.filled);
        levelChanged(book, order.side, level);
        balanceEvents.spotChanged(now, order.accountIndex, asset);
        pools.releaseOrder(order);
    }

    private void cancelPendingStop(final Order order, final OrderBook book, final CancelReason reason) {
        final Market market = book.market;
        final int asset = Funding.heldAsset(order, market);
        final PriceLevel level = order.level;
        level.remove(order);
        if (level.isEmpty()) {
            book.stopSide(order.side).levelEmptied(level);
        }
        unindex(order);
        funding.release(order, asset, Funding.pendingStopHold(order, book));
        order.status = OrderStatus.CANCELLED;
        listener.onOrderClosed(now, order.orderId, order.accountId, order.marketId, OrderStatus.CANCELLED, reason,
            order.filled);
        balanceEvents.spotChanged(now, order.accountIndex, asset);
        pools.releaseOrder(order);
    }

    private void cancel(final Order order, final CancelReason reason) {
        final OrderBook book = books[order.marketId];
        if (order.status == OrderStatus.PENDING_TRIGGER) {
            cancelPendingStop(order, book, reason);
        } else {
            cancelResting(order, book, reason);
        }
    }

    private ResultCode cancelOrder(final Command c) {
        long orderId = c.orderId;
        if (orderId == 0 && c.clientOrderId.isPresent()) {
            final int slot = clientOrderIds.find(c.accountId, c.clientOrderId);
            if (slot == ClientOrderIdTable.NOT_FOUND) {
                return ResultCode.ORDER_NOT_FOUND;
            }
            orderId = clientOrderIds.orderId(slot);
        }
        // the id is reported even when the order is closed, so the caller can show its final state
        c.resultId = orderId;
        final Order order = openOrders.get(orderId);
        if (order == null || order.accountId != c.accountId) {
            return ResultCode.ORDER_NOT_FOUND;
        }
        cancel(order, CancelReason.USER);
        return ResultCode.ACCEPTED;
    }

    private ResultCode cancelAll(final Command c) {
        if (c.marketId != Command.ALL_MARKETS && (c.marketId < 0 || c.marketId >= books.length)) {
            return ResultCode.UNKNOWN_PAIR;
        }
        c.resultId = cancelOpenOrders(accounts.index(c.accountId), c.marketId);
        return ResultCode.ACCEPTED;
    }

    /** Cancels the account's open orders in one market or all ({@link Command#ALL_MARKETS}); returns how many. */
    private long cancelOpenOrders(final int index, final int marketId) {
        long cancelled = 0;
        if (index > Accounts.FEE_ACCOUNT_INDEX) {
            Order order = accounts.firstOpenOrder(index);
            while (order != null) {
                final Order next = order.accountNext;
                if (marketId == Command.ALL_MARKETS || order.marketId == marketId) {
                    cancel(order, CancelReason.USER);
                    cancelled++;
                }
                order = next;
            }
        }
        return cancelled;
    }

    // ---------------------------------------------------------------------------------------- freeze

    /**
     * Freezes or unfreezes an account (creating its entry if it never had funds). Frozen, it places no
     * order and withdraws nothing; cancels still work. Freezing with {@code cancelOrders} also cancels
     * its open orders, their number going to {@code resultId}.
     */
    private ResultCode setFrozen(final Command c, final boolean frozen) {
        if (c.accountId <= Accounts.FEE_ACCOUNT_ID) {
            return ResultCode.INVALID_PARAMETER;
        }
        final int index = accounts.getOrCreate(c.accountId);
        accounts.setFrozen(index, frozen);
        if (frozen && c.cancelOrders) {
            c.resultId = cancelOpenOrders(index, Command.ALL_MARKETS);
        }
        return ResultCode.ACCEPTED;
    }

    // ------------------------------------------------------------------------------------------ amend

    private ResultCode amendOrder(final Command c) {
        final Order order = openOrders.get(c.orderId);
        if (order == null || order.accountId != c.accountId) {
            return ResultCode.ORDER_NOT_FOUND;
        }
        c.resultId = order.orderId;
        if (order.status == OrderStatus.PENDING_TRIGGER) {
            return ResultCode.ORDER_NOT_AMENDABLE;
        }
        final OrderBook book = books[order.marketId];
        final Market market = book.market;
        if (book.status == MarketStatus.HALTED) {
            return ResultCode.MARKET_HALTED;
        }
        if (c.price < 0) {
            return ResultCode.INVALID_PRICE;
        }
        if (c.size < 0) {
            return ResultCode.INVALID_SIZE;
        }
        final long newPrice = c.price == 0 ? order.price : c.price;
        final long newSize = c.size == 0 ? order.size : c.size;
        if (newPrice == order.price && newSize == order.size) {
            return ResultCode.NOTHING_TO_AMEND;
        }
        if (newPrice > market.maxPriceTicks()) {
            return ResultCode.PRICE_ABOVE_MAXIMUM;
        }
        if (newSize > market.maxSizeLots()) {
            return ResultCode.SIZE_ABOVE_MAXIMUM;
        }
        if (newSize < market.minSizeLots()) {
            return ResultCode.SIZE_BELOW_MINIMUM;
        }
        if (newSize <= order.filled) {
            return ResultCode.SIZE_NOT_ABOVE_FILLED;
        }
        if (market.notional(newPrice, newSize) < market.minNotional()) {
            return ResultCode.NOTIONAL_BELOW_MINIMUM;
        }
        final int asset = Funding.heldAsset(order, market);
        final long oldHold = Funding.restingHold(order, book);
        final long newHold = Funding.restingHold(order.side, market, newPrice, newSize - order.filled,
            book.takerFeeBps(order.orderId));
        if (!funding.canRehold(order, asset, oldHold, newHold)) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        if (order.postOnly && newPrice != order.price) {
            final PriceLevel best = book.restingSide(order.side.opposite()).best();
            if (best != null && OrderBook.crosses(order.side, newPrice, best.price)) {
                return ResultCode.POST_ONLY_WOULD_CROSS;
            }
        }

        final PriceLevel level = order.level;
        if (newPrice == order.price && newSize < order.size) {
            // a reduction keeps its place in the queue
            level.totalSize -= order.size - newSize;
            order.size = newSize;
            funding.release(order, asset, oldHold - newHold);
            listener.onOrderAmended(now, order.orderId, order.accountId, order.marketId, newPrice, newSize,
                order.filled, true);
            levelChanged(book, order.side, level);
            balanceEvents.spotChanged(now, order.accountIndex, asset);
            return ResultCode.ACCEPTED;
        }
        // a new price or a larger size loses priority: to the back of the queue at the new price
        final PriceLevel opposite = book.restingSide(order.side.opposite()).best();
        if (opposite == null || !OrderBook.crosses(order.side, newPrice, opposite.price)) {
            // nothing to trade: move it between levels and hold just the difference
            final boolean samePrice = newPrice == order.price;
            level.remove(order);
            order.price = newPrice;
            order.size = newSize;
            listener.onOrderAmended(now, order.orderId, order.accountId, order.marketId, newPrice, newSize,
                order.filled, false);
            PriceLevel target = level;
            if (!samePrice) {
                // settle the old level first: once empty, its slot may be taken over by the new price
                levelChanged(book, order.side, level);
                target = book.restingSide(order.side).findOrCreate(newPrice);
            }
            target.append(order);
            levelChanged(book, order.side, target);
            if (newHold != oldHold) {
                funding.hold(order, asset, newHold - oldHold);
                balanceEvents.spotChanged(now, order.accountIndex, asset);
            }
            return ResultCode.ACCEPTED;
        }
        // it would trade: out of the book, then in again as a taker
        level.remove(order);
        funding.release(order, asset, oldHold);
        order.price = newPrice;
        order.size = newSize;
        listener.onOrderAmended(now, order.orderId, order.accountId, order.marketId, newPrice, newSize, order.filled,
            false);
        levelChanged(book, order.side, level);
        balanceEvents.spotChanged(now, order.accountIndex, asset);
        execute(order, book);
        runTriggers(book);
        return ResultCode.ACCEPTED;
    }

    // ---------------------------------------------------------------------------------- market status

    private ResultCode setMarketStatus(final Command c) {
        if (c.marketId < 0 || c.marketId >= books.length) {
            return ResultCode.UNKNOWN_PAIR;
        }
        if (c.marketStatus == null) {
            return ResultCode.INVALID_PARAMETER;
        }
        final OrderBook book = books[c.marketId];
        book.status = c.marketStatus;
        listener.onMarketStatusChanged(now, c.marketId, c.marketStatus);
        return ResultCode.ACCEPTED;
    }

    /**
     * New maker and taker fees for orders placed from now on; orders already placed keep theirs (what a
     * resting buy holds covers its own taker fee, never a later, higher one). Maker ≤ taker, as in the
     * configuration.
     */
    private ResultCode setMarketFees(final Command c) {
        if (c.marketId < 0 || c.marketId >= books.length) {
            return ResultCode.UNKNOWN_PAIR;
        }
        if (c.makerFeeBps < 0 || c.takerFeeBps > Market.MAX_FEE_BPS || c.makerFeeBps > c.takerFeeBps) {
            return ResultCode.INVALID_PARAMETER;
        }
        books[c.marketId].setFees(state.nextOrderId, c.makerFeeBps, c.takerFeeBps);
        return ResultCode.ACCEPTED;
    }

    // Listings change the shape of the state (a balance column per asset, a book per market), so they
    // allocate; they are operator commands, rare, and never on the trading path.

    private ResultCode listAsset(final Command c) {
        final AssetConfig asset = Listing.assetConfig(c);
        if (asset.symbol() != null && state.config.assetBySymbol(asset.symbol()) != null) {
            return ResultCode.ASSET_EXISTS;
        }
        final ExchangeConfig grown;
        try {
            grown = state.config.withAsset(asset);
        } catch (final ConfigException e) {
            return ResultCode.INVALID_PARAMETER;
        }
        state.listAsset(grown);
        c.resultId = grown.assets().size() - 1;
        return ResultCode.ACCEPTED;
    }

    private ResultCode listMarket(final Command c) {
        final ExchangeConfig grown;
        try {
            final MarketConfig market = Listing.marketConfig(state.config, c.assetId, c.quoteAssetId, c.tickDecimals,
                c.tickUnits, c.lotDecimals, c.lotUnits, c.minSizeLots, c.minNotional, c.maxPriceTicks, c.maxSizeLots,
                c.makerFeeBps, c.takerFeeBps, c.marketStatus);
            if (state.config.marketByPair(market.pair()) != null) {
                return ResultCode.MARKET_EXISTS;
            }
            grown = state.config.withMarket(market);
        } catch (final ConfigException e) {
            return ResultCode.INVALID_PARAMETER;
        }
        state.listMarket(grown);
        books = state.books;
        c.resultId = grown.markets().size() - 1;
        return ResultCode.ACCEPTED;
    }

    /** The effective configuration: the configured assets and markets and those listed since. */
    public ExchangeConfig config() {
        return state.config;
    }

    // ---------------------------------------------------------------------------------------- events

    private void levelChanged(final OrderBook book, final Side side, final PriceLevel level) {
        final long price = level.price;
        final long total = level.totalSize;
        final int count = level.orderCount;
        if (level.isEmpty()) {
            book.restingSide(side).levelEmptied(level);
        }
        listener.onLevelChanged(now, book.market.id(), side, price, total, count);
    }
}
