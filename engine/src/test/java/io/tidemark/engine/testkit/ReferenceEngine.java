package io.tidemark.engine.testkit;

import io.tidemark.engine.api.CancelReason;
import io.tidemark.engine.api.ClientOrderId;
import io.tidemark.engine.api.Command;
import io.tidemark.engine.api.EngineListener;
import io.tidemark.engine.api.MarketStatus;
import io.tidemark.engine.api.OrderStatus;
import io.tidemark.engine.api.OrderType;
import io.tidemark.engine.api.OrderView;
import io.tidemark.engine.api.ResultCode;
import io.tidemark.engine.api.SelfTradePrevention;
import io.tidemark.engine.api.Side;
import io.tidemark.engine.api.TimeInForce;
import io.tidemark.engine.api.Wallet;
import io.tidemark.engine.config.AssetConfig;
import io.tidemark.engine.config.ConfigException;
import io.tidemark.engine.config.ExchangeConfig;
import io.tidemark.engine.config.Listing;
import io.tidemark.engine.config.Market;
import io.tidemark.engine.config.MarketConfig;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A slow, obviously correct matcher, written only to check the real engine. Every order lives in one
 * flat list; "the best order" is found by sorting that list; level totals are summed when asked; fees
 * use BigInteger. No pools, no intrusive lists, no indexes. It implements the same contract and emits
 * the same events, in this order:
 *
 * <ul>
 *   <li>place: Accepted; for a stop, the hold's Balance and then any triggers; otherwise execute, then triggers.
 *   <li>execute: post-only that would take → Closed(post_only_would_take); FOK that cannot fill → Closed(fok_not_filled);
 *       then match; then Closed(filled), Closed(market_no_liquidity / ioc_remainder), or rest (Level, Balance).
 *   <li>match step: own maker at the head → cancel_taker: Closed(taker, self_trade); cancel_maker: maker's
 *       Closed(self_trade), Level, Balance, continue; cancel_both: both. A trade → Trade, maker's Closed(filled)
 *       if done, Level, Balance ×4 (maker base, maker quote, taker base, taker quote), fee account Balance if fees.
 *   <li>trigger: Triggered, Balance (hold released), then Rejected(insufficient_funds) or execute.
 *   <li>cancel: Closed(user), Level (not for a stop), Balance. Amend that keeps priority: Amended, Level, Balance;
 *       one that re-queues without trading: Amended, Level (old, if the price changed), Level (new), Balance if
 *       the hold changed; one whose new price would trade: Amended, Level (old), Balance (released), execute, triggers.
 *   <li>cancel-all cancels the account's open orders in the order they were placed.
 *   <li>deposit/withdraw: Balance; transfer: Balance (from), Balance (to); status: MarketStatusChanged.
 *   <li>every command ends with onCommandComplete.
 * </ul>
 */
public final class ReferenceEngine {
    private static final long RETENTION = 24L * 3600 * 1_000_000_000L;

    /** The configured assets and markets and those listed since. */
    private ExchangeConfig config;
    private final EngineListener listener;
    private final List<RefOrder> orders = new ArrayList<>();
    private final Map<Long, long[][]> balances = new LinkedHashMap<>();
    private long[] outstanding;
    private MarketStatus[] status;
    private long[] lastPrice;
    /** Each market's fees now: what an order placed now pays, and holds for, for its whole life. */
    private int[] makerBps;
    private int[] takerBps;
    private final LinkedHashMap<String, CidEntry> clientIds = new LinkedHashMap<>();
    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long nextWithdrawalId = 1;
    private final java.util.Set<Long> frozen = new java.util.HashSet<>();
    /** Pending withdrawals by id: account, asset, amount. */
    private final java.util.TreeMap<Long, long[]> pendingWithdrawals = new java.util.TreeMap<>();
    /** Deposits by reference: account, asset, amount, deposit id. */
    private final Map<String, long[]> depositsByReference = new java.util.HashMap<>();
    private long arrivals;
    private long now;

    private static final int AVAILABLE = 0;
    private static final int HOLD = 1;
    private static final int MARGIN = 2;
    private static final int EARN = 3;

    public ReferenceEngine(final ExchangeConfig config, final EngineListener listener) {
        this.config = config;
        this.listener = listener;
        this.outstanding = new long[config.assets().size()];
        this.status = new MarketStatus[config.markets().size()];
        this.lastPrice = new long[config.markets().size()];
        this.makerBps = new int[config.markets().size()];
        this.takerBps = new int[config.markets().size()];
        for (final Market market : config.markets()) {
            status[market.id()] = market.initialStatus();
            makerBps[market.id()] = market.makerFeeBps();
            takerBps[market.id()] = market.takerFeeBps();
        }
        balances.put(0L, newBalances());
    }

    /** A reference order; mutable; {@code arrival} orders time priority and is renewed on every (re)queue. */
    static final class RefOrder implements OrderView {
        long id;
        long account;
        int market;
        Side side;
        OrderType type;
        TimeInForce tif;
        boolean postOnly;
        SelfTradePrevention stp;
        long price;
        long stop;
        long size;
        long funds;
        long filled;
        long created;
        OrderStatus status;
        final ClientOrderId cid = new ClientOrderId();
        boolean resting;
        boolean pending;
        long arrival;
        long held;
        long fundsLeft;
        /** The fees in force when it was placed. */
        int makerBps;
        int takerBps;

        long remaining() {
            return size - filled;
        }

        // @formatter:off
        @Override public long orderId() { return id; }
        @Override public long accountId() { return account; }
        @Override public int marketId() { return market; }
        @Override public Side side() { return side; }
        @Override public OrderType orderType() { return type; }
        @Override public TimeInForce timeInForce() { return tif; }
        @Override public boolean postOnly() { return postOnly; }
        @Override public SelfTradePrevention selfTradePrevention() { return stp; }
        @Override public long price() { return price; }
        @Override public long stopPrice() { return stop; }
        @Override public long size() { return size; }
        @Override public long funds() { return funds; }
        @Override public long filled() { return filled; }
        @Override public OrderStatus status() { return status; }
        @Override public ClientOrderId clientOrderId() { return cid; }
        @Override public long createdTime() { return created; }
        // @formatter:on
    }

    private record CidEntry(long orderId, String fields, long time) { }

    // ------------------------------------------------------------------------------------------ queries

    public long available(final long account, final int asset) {
        return balance(account, asset, AVAILABLE);
    }

    public long hold(final long account, final int asset) {
        return balance(account, asset, HOLD);
    }

    public long wallet(final long account, final int asset, final Wallet wallet) {
        return balance(account, asset, switch (wallet) {
            case SPOT -> AVAILABLE;
            case MARGIN -> MARGIN;
            case EARN -> EARN;
        });
    }

    public java.util.Set<Long> accounts() {
        return balances.keySet();
    }

    public long outstanding(final int asset) {
        return outstanding[asset];
    }

    /** The open orders (resting and pending) of a market. */
    public List<RefOrder> openOrders(final int market) {
        return orders.stream().filter(o -> o.market == market).toList();
    }

    private long balance(final long account, final int asset, final int field) {
        final long[][] b = balances.get(account);
        return b == null ? 0 : b[asset][field];
    }

    // ------------------------------------------------------------------------------------------ process

    public void process(final Command c) {
        now = c.timestamp;
        c.resultId = 0;
        final ResultCode result = switch (c.type) {
            case PLACE_ORDER -> place(c);
            case CANCEL_ORDER -> cancel(c);
            case CANCEL_ALL -> cancelAll(c);
            case AMEND_ORDER -> amend(c);
            case DEPOSIT, FAUCET -> deposit(c);
            case WITHDRAW -> withdraw(c);
            case TRANSFER -> transfer(c);
            case SET_MARKET_STATUS -> setStatus(c);
            case REQUEST_WITHDRAWAL -> requestWithdrawal(c);
            case COMPLETE_WITHDRAWAL -> settleWithdrawal(c, true);
            case REJECT_WITHDRAWAL -> settleWithdrawal(c, false);
            case FREEZE_ACCOUNT -> freeze(c, true);
            case UNFREEZE_ACCOUNT -> freeze(c, false);
            case SET_MARKET_FEES -> setFees(c);
            case LIST_ASSET -> listAsset(c);
            case LIST_MARKET -> listMarket(c);
        };
        c.result = result;
        listener.onCommandComplete(c);
    }

    private Market market(final int id) {
        return config.market(id);
    }

    private static boolean isStop(final OrderType type) {
        return type == OrderType.STOP || type == OrderType.STOP_LIMIT;
    }

    private static boolean limitPriced(final OrderType type) {
        return type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
    }

    private ResultCode place(final Command c) {
        if (c.marketId < 0 || c.marketId >= config.markets().size()) {
            return ResultCode.UNKNOWN_PAIR;
        }
        final Market m = market(c.marketId);
        final ResultCode invalid = firstBroken(c, m);
        if (invalid != null) {
            return invalid;
        }
        final String fields = c.marketId + "|" + c.side + "|" + c.orderType + "|" + c.timeInForce + "|" + c.postOnly
            + "|" + c.selfTradePrevention + "|" + c.price + "|" + c.stopPrice + "|" + c.size + "|" + c.funds;
        final String key = c.accountId + "/" + c.clientOrderId;
        if (c.clientOrderId.isPresent() && clientIds.containsKey(key)) {
            final CidEntry entry = clientIds.get(key);
            if (!entry.fields.equals(fields)) {
                return ResultCode.CLIENT_ORDER_ID_CONFLICT;
            }
            c.resultId = entry.orderId;
            return ResultCode.REPLAYED;
        }
        if (status[c.marketId] == MarketStatus.HALTED) {
            return ResultCode.MARKET_HALTED;
        }
        if (frozen.contains(c.accountId)) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        if (!balances.containsKey(c.accountId) || !canFund(c, m)) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        final RefOrder o = new RefOrder();
        o.id = nextOrderId++;
        o.account = c.accountId;
        o.market = c.marketId;
        o.side = c.side;
        o.type = c.orderType;
        o.tif = c.timeInForce;
        o.postOnly = c.postOnly;
        o.stp = c.selfTradePrevention;
        o.price = c.price;
        o.stop = c.stopPrice;
        o.size = c.size;
        o.funds = c.funds;
        o.created = now;
        o.makerBps = makerBps[c.marketId];
        o.takerBps = takerBps[c.marketId];
        o.cid.set(c.clientOrderId);
        o.status = isStop(c.orderType) ? OrderStatus.PENDING_TRIGGER : OrderStatus.OPEN;
        c.resultId = o.id;
        if (c.clientOrderId.isPresent()) {
            evictClientIds();
            clientIds.put(key, new CidEntry(o.id, fields, now));
        }
        listener.onOrderAccepted(now, o);
        if (o.status == OrderStatus.PENDING_TRIGGER) {
            o.pending = true;
            o.arrival = ++arrivals;
            o.held = stopHold(o, m);
            moveToHold(o.account, holdAsset(o, m), o.held);
            orders.add(o);
            balanceEvent(o.account, holdAsset(o, m), Wallet.SPOT);
        } else {
            execute(o, m);
        }
        triggers(m);
        return ResultCode.ACCEPTED;
    }

    /** The validation rules in the order they are checked; the first broken one is the answer. */
    private static ResultCode firstBroken(final Command c, final Market m) {
        final boolean lp = c.orderType != null && limitPriced(c.orderType);
        final boolean st = c.orderType != null && isStop(c.orderType);
        final List<Map.Entry<Predicate<Command>, ResultCode>> rules = List.of(
            Map.entry(x -> x.accountId <= 0 || x.side == null || x.orderType == null || x.timeInForce == null
                || x.selfTradePrevention == null, ResultCode.INVALID_PARAMETER),
            Map.entry(x -> x.price < 0 || x.stopPrice < 0, ResultCode.INVALID_PRICE),
            Map.entry(x -> x.size < 0, ResultCode.INVALID_SIZE),
            Map.entry(x -> x.funds < 0, ResultCode.INVALID_AMOUNT),
            Map.entry(x -> lp && x.price == 0, ResultCode.INVALID_PRICE),
            Map.entry(x -> !lp && x.price != 0, ResultCode.INVALID_PARAMETER),
            Map.entry(x -> st && x.stopPrice == 0, ResultCode.INVALID_PRICE),
            Map.entry(x -> !st && x.stopPrice != 0, ResultCode.INVALID_PARAMETER),
            Map.entry(x -> x.funds > 0 && (lp || x.side != Side.BUY || x.size != 0 || x.timeInForce == TimeInForce.FOK),
                ResultCode.INVALID_PARAMETER),
            Map.entry(x -> x.funds > Market.MAX_NOTIONAL, ResultCode.AMOUNT_TOO_LARGE),
            Map.entry(x -> x.funds > 0 && x.funds < m.minNotional(), ResultCode.NOTIONAL_BELOW_MINIMUM),
            Map.entry(x -> x.funds == 0 && x.size == 0, ResultCode.INVALID_SIZE),
            Map.entry(x -> x.postOnly && (x.orderType != OrderType.LIMIT || x.timeInForce != TimeInForce.GTC),
                ResultCode.INVALID_PARAMETER),
            Map.entry(x -> x.price > m.maxPriceTicks() || x.stopPrice > m.maxPriceTicks(), ResultCode.PRICE_ABOVE_MAXIMUM),
            Map.entry(x -> x.size > 0 && x.size < m.minSizeLots(), ResultCode.SIZE_BELOW_MINIMUM),
            Map.entry(x -> x.size > m.maxSizeLots(), ResultCode.SIZE_ABOVE_MAXIMUM),
            Map.entry(x -> x.size > 0 && (lp ? x.price : x.stopPrice) > 0
                && value(m, lp ? x.price : x.stopPrice, x.size) < m.minNotional(), ResultCode.NOTIONAL_BELOW_MINIMUM));
        for (final Map.Entry<Predicate<Command>, ResultCode> rule : rules) {
            if (rule.getKey().test(c)) {
                return rule.getValue();
            }
        }
        return null;
    }

    private boolean canFund(final Command c, final Market m) {
        if (c.side == Side.SELL) {
            return available(c.accountId, m.base().id()) >= baseUnits(m, c.size);
        }
        final long avail = available(c.accountId, m.quote().id());
        final long need = switch (c.orderType) {
            case LIMIT, STOP_LIMIT -> buyHold(m, c.price, c.size, takerBps[m.id()]);
            case STOP -> c.funds > 0 ? c.funds : buyHold(m, c.stopPrice, c.size, takerBps[m.id()]);
            case MARKET -> c.funds > 0 ? c.funds
                : costToBuy(m, c.accountId, c.selfTradePrevention, c.size, takerBps[m.id()]);
        };
        return avail >= need;
    }

    // ------------------------------------------------------------------------------------------ arithmetic

    private static long value(final Market m, final long price, final long size) {
        return Math.multiplyExact(Math.multiplyExact(price, size), m.quoteUnitsPerTickLot());
    }

    private static long baseUnits(final Market m, final long size) {
        return Math.multiplyExact(size, m.baseUnitsPerLot());
    }

    private static long fee(final long value, final int bps) {
        return BigInteger.valueOf(value).multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000)).longValueExact();
    }

    private static long buyHold(final Market m, final long price, final long size, final int bps) {
        final long v = value(m, price, size);
        return v + fee(v, bps);
    }

    private static long restingHold(final RefOrder o, final Market m) {
        return o.side == Side.BUY ? buyHold(m, o.price, o.remaining(), o.takerBps) : baseUnits(m, o.remaining());
    }

    private static long stopHold(final RefOrder o, final Market m) {
        if (o.side == Side.SELL) {
            return baseUnits(m, o.size);
        }
        if (o.funds > 0) {
            return o.funds;
        }
        return buyHold(m, o.type == OrderType.STOP_LIMIT ? o.price : o.stop, o.size, o.takerBps);
    }

    private static int holdAsset(final RefOrder o, final Market m) {
        return o.side == Side.BUY ? m.quote().id() : m.base().id();
    }

    // ------------------------------------------------------------------------------------------ book

    /** Resting orders of one side of a market in priority order: best price, then earliest arrival. */
    private List<RefOrder> makers(final int market, final Side side) {
        final Comparator<RefOrder> byPrice = Comparator.comparingLong(o -> o.price);
        return orders.stream()
            .filter(o -> o.resting && o.market == market && o.side == side)
            .sorted((side == Side.BUY ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.arrival))
            .toList();
    }

    private static boolean crosses(final Side taker, final long limit, final long makerPrice) {
        return taker == Side.BUY ? limit >= makerPrice : limit <= makerPrice;
    }

    private void levelEvent(final int market, final Side side, final long price) {
        long total = 0;
        int count = 0;
        for (final RefOrder o : orders) {
            if (o.resting && o.market == market && o.side == side && o.price == price) {
                total += o.remaining();
                count++;
            }
        }
        listener.onLevelChanged(now, market, side, price, total, count);
    }

    private long fillable(final RefOrder t) {
        long sum = 0;
        for (final RefOrder mk : makers(t.market, t.side == Side.BUY ? Side.SELL : Side.BUY)) {
            if (limitPriced(t.type) && !crosses(t.side, t.price, mk.price)) {
                break;
            }
            if (mk.account == t.account) {
                if (t.stp == SelfTradePrevention.CANCEL_MAKER) {
                    continue;
                }
                break;
            }
            sum += mk.remaining();
        }
        return sum;
    }

    private long costToBuy(final Market m, final long account, final SelfTradePrevention stp, final long size,
                           final int bps) {
        long need = size;
        long cost = 0;
        for (final RefOrder mk : makers(m.id(), Side.SELL)) {
            if (need == 0) {
                break;
            }
            if (mk.account == account) {
                if (stp == SelfTradePrevention.CANCEL_MAKER) {
                    continue;
                }
                break;
            }
            final long q = Math.min(need, mk.remaining());
            final long v = value(m, mk.price, q);
            cost += v + fee(v, bps);
            need -= q;
        }
        return cost;
    }

    private static long affordable(final Market m, final long funds, final long price, final int bps) {
        long q = funds / value(m, price, 1);
        while (q > 0 && value(m, price, q) + fee(value(m, price, q), bps) > funds) {
            q--;
        }
        return q;
    }

    // ------------------------------------------------------------------------------------------ execution

    private void execute(final RefOrder t, final Market m) {
        t.status = OrderStatus.OPEN;
        final Side makerSide = t.side == Side.BUY ? Side.SELL : Side.BUY;
        if (t.postOnly) {
            final List<RefOrder> opposite = makers(t.market, makerSide);
            if (!opposite.isEmpty() && crosses(t.side, t.price, opposite.get(0).price)) {
                finish(t, OrderStatus.CANCELLED, CancelReason.POST_ONLY_WOULD_TAKE);
                return;
            }
        }
        if (t.tif == TimeInForce.FOK && fillable(t) < t.size) {
            finish(t, OrderStatus.CANCELLED, CancelReason.FOK_NOT_FILLED);
            return;
        }
        t.fundsLeft = t.funds;
        String end = "liquidity";
        while (t.funds > 0 || t.remaining() > 0) {
            final List<RefOrder> opposite = makers(t.market, makerSide);
            if (opposite.isEmpty() || (limitPriced(t.type) && !crosses(t.side, t.price, opposite.get(0).price))) {
                end = "liquidity";
                break;
            }
            final RefOrder mk = opposite.get(0);
            if (mk.account == t.account) {
                if (t.stp != SelfTradePrevention.CANCEL_TAKER) {
                    cancelOpen(mk, CancelReason.SELF_TRADE);
                }
                if (t.stp == SelfTradePrevention.CANCEL_MAKER) {
                    continue;
                }
                finish(t, OrderStatus.CANCELLED, CancelReason.SELF_TRADE);
                return;
            }
            long q = mk.remaining();
            if (t.funds > 0) {
                q = Math.min(q, affordable(m, t.fundsLeft, mk.price, t.takerBps));
                if (q == 0) {
                    end = "funds";
                    break;
                }
            } else {
                q = Math.min(q, t.remaining());
            }
            fill(t, mk, q, m);
            end = "filled";
        }
        if (t.funds > 0) {
            if (end.equals("funds")) {
                finish(t, t.filled > 0 ? OrderStatus.FILLED : OrderStatus.CANCELLED,
                    t.filled > 0 ? CancelReason.NONE : CancelReason.IOC_REMAINDER);
            } else {
                finish(t, OrderStatus.CANCELLED, CancelReason.MARKET_NO_LIQUIDITY);
            }
        } else if (t.remaining() == 0) {
            finish(t, OrderStatus.FILLED, CancelReason.NONE);
        } else if (!limitPriced(t.type)) {
            finish(t, OrderStatus.CANCELLED, CancelReason.MARKET_NO_LIQUIDITY);
        } else if (t.tif == TimeInForce.GTC) {
            t.resting = true;
            t.arrival = ++arrivals;
            t.held = restingHold(t, m);
            moveToHold(t.account, holdAsset(t, m), t.held);
            orders.add(t);
            levelEvent(t.market, t.side, t.price);
            balanceEvent(t.account, holdAsset(t, m), Wallet.SPOT);
        } else {
            finish(t, OrderStatus.CANCELLED, CancelReason.IOC_REMAINDER);
        }
    }

    private void fill(final RefOrder t, final RefOrder mk, final long q, final Market m) {
        final long v = value(m, mk.price, q);
        final long b = baseUnits(m, q);
        final long takerFee = fee(v, t.takerBps);
        final long makerFee = fee(v, mk.makerBps);
        mk.filled += q;
        t.filled += q;
        if (t.funds > 0) {
            t.fundsLeft -= v + takerFee;
        }
        lastPrice[m.id()] = mk.price;
        listener.onTrade(now, nextTradeId++, m.id(), mk.price, q, t.side, t.id, t.account, takerFee, mk.id, mk.account,
            makerFee);
        if (mk.remaining() == 0) {
            mk.resting = false;
            orders.remove(mk);
            mk.status = OrderStatus.FILLED;
            listener.onOrderClosed(now, mk.id, mk.account, mk.market, OrderStatus.FILLED, CancelReason.NONE, mk.filled);
        }
        levelEvent(m.id(), mk.side, mk.price);
        final int base = m.base().id();
        final int quote = m.quote().id();
        if (t.side == Side.BUY) {
            // maker sold: its held base goes to the taker; it receives value less its fee
            add(mk.account, base, HOLD, -b);
            mk.held -= b;
            add(mk.account, quote, AVAILABLE, v - makerFee);
            add(t.account, base, AVAILABLE, b);
            add(t.account, quote, AVAILABLE, -(v + takerFee));
        } else {
            // maker bought: pays value and fee out of its hold, then holds only what its remainder needs
            add(mk.account, quote, HOLD, -(v + makerFee));
            mk.held -= v + makerFee;
            final long keep = mk.remaining() == 0 ? 0 : buyHold(m, mk.price, mk.remaining(), mk.takerBps);
            add(mk.account, quote, HOLD, -(mk.held - keep));
            add(mk.account, quote, AVAILABLE, mk.held - keep);
            mk.held = keep;
            add(mk.account, base, AVAILABLE, b);
            add(t.account, base, AVAILABLE, -b);
            add(t.account, quote, AVAILABLE, v - takerFee);
        }
        add(0, quote, AVAILABLE, takerFee + makerFee);
        balanceEvent(mk.account, base, Wallet.SPOT);
        balanceEvent(mk.account, quote, Wallet.SPOT);
        balanceEvent(t.account, base, Wallet.SPOT);
        balanceEvent(t.account, quote, Wallet.SPOT);
        if (takerFee + makerFee > 0) {
            balanceEvent(0, quote, Wallet.SPOT);
        }
    }

    private void finish(final RefOrder o, final OrderStatus s, final CancelReason reason) {
        o.status = s;
        listener.onOrderClosed(now, o.id, o.account, o.market, s, reason, o.filled);
    }

    /** Cancels a resting or pending order: out of the list, hold released. */
    private void cancelOpen(final RefOrder o, final CancelReason reason) {
        final Market m = market(o.market);
        final boolean wasResting = o.resting;
        orders.remove(o);
        o.resting = false;
        o.pending = false;
        release(o.account, holdAsset(o, m), o.held);
        o.held = 0;
        finish(o, OrderStatus.CANCELLED, reason);
        if (wasResting) {
            levelEvent(o.market, o.side, o.price);
        }
        balanceEvent(o.account, holdAsset(o, m), Wallet.SPOT);
    }

    private void triggers(final Market m) {
        while (lastPrice[m.id()] > 0) {
            final long last = lastPrice[m.id()];
            Optional<RefOrder> due = orders.stream()
                .filter(o -> o.pending && o.market == m.id() && o.side == Side.BUY && last >= o.stop)
                .min(Comparator.<RefOrder>comparingLong(o -> o.stop).thenComparingLong(o -> o.arrival));
            if (due.isEmpty()) {
                due = orders.stream()
                    .filter(o -> o.pending && o.market == m.id() && o.side == Side.SELL && last <= o.stop)
                    .min(Comparator.<RefOrder>comparingLong(o -> -o.stop).thenComparingLong(o -> o.arrival));
            }
            if (due.isEmpty()) {
                return;
            }
            final RefOrder o = due.get();
            orders.remove(o);
            o.pending = false;
            listener.onOrderTriggered(now, o.id, o.account, o.market);
            release(o.account, holdAsset(o, m), o.held);
            o.held = 0;
            balanceEvent(o.account, holdAsset(o, m), Wallet.SPOT);
            if (o.type == OrderType.STOP && o.side == Side.BUY && o.funds == 0
                && costToBuy(m, o.account, o.stp, o.size, o.takerBps) > available(o.account, m.quote().id())) {
                o.status = OrderStatus.REJECTED;
                listener.onOrderRejected(now, o.id, o.account, o.market, ResultCode.INSUFFICIENT_FUNDS);
                continue;
            }
            execute(o, m);
        }
    }

    // ------------------------------------------------------------------------------------------ cancel, amend

    private RefOrder openOrder(final long id) {
        for (final RefOrder o : orders) {
            if (o.id == id) {
                return o;
            }
        }
        return null;
    }

    private ResultCode cancel(final Command c) {
        long id = c.orderId;
        if (id == 0 && c.clientOrderId.isPresent()) {
            final CidEntry entry = clientIds.get(c.accountId + "/" + c.clientOrderId);
            if (entry == null) {
                return ResultCode.ORDER_NOT_FOUND;
            }
            id = entry.orderId;
        }
        c.resultId = id;
        final RefOrder o = openOrder(id);
        if (o == null || o.account != c.accountId) {
            return ResultCode.ORDER_NOT_FOUND;
        }
        cancelOpen(o, CancelReason.USER);
        return ResultCode.ACCEPTED;
    }

    private ResultCode cancelAll(final Command c) {
        if (c.marketId != Command.ALL_MARKETS && (c.marketId < 0 || c.marketId >= config.markets().size())) {
            return ResultCode.UNKNOWN_PAIR;
        }
        // an account's open orders in the order they were placed
        final List<RefOrder> mine = orders.stream()
            .filter(o -> o.account == c.accountId && (c.marketId == Command.ALL_MARKETS || o.market == c.marketId))
            .sorted(Comparator.comparingLong(o -> o.id))
            .toList();
        for (final RefOrder o : mine) {
            cancelOpen(o, CancelReason.USER);
        }
        c.resultId = mine.size();
        return ResultCode.ACCEPTED;
    }

    private ResultCode amend(final Command c) {
        final RefOrder o = openOrder(c.orderId);
        if (o == null || o.account != c.accountId) {
            return ResultCode.ORDER_NOT_FOUND;
        }
        c.resultId = o.id;
        final Market m = market(o.market);
        final long price = c.price == 0 ? o.price : c.price;
        final long size = c.size == 0 ? o.size : c.size;
        final ResultCode broken;
        if (o.pending) {
            broken = ResultCode.ORDER_NOT_AMENDABLE;
        } else if (status[o.market] == MarketStatus.HALTED) {
            broken = ResultCode.MARKET_HALTED;
        } else if (c.price < 0) {
            broken = ResultCode.INVALID_PRICE;
        } else if (c.size < 0) {
            broken = ResultCode.INVALID_SIZE;
        } else if (price == o.price && size == o.size) {
            broken = ResultCode.NOTHING_TO_AMEND;
        } else if (price > m.maxPriceTicks()) {
            broken = ResultCode.PRICE_ABOVE_MAXIMUM;
        } else if (size > m.maxSizeLots()) {
            broken = ResultCode.SIZE_ABOVE_MAXIMUM;
        } else if (size < m.minSizeLots()) {
            broken = ResultCode.SIZE_BELOW_MINIMUM;
        } else if (size <= o.filled) {
            broken = ResultCode.SIZE_NOT_ABOVE_FILLED;
        } else if (value(m, price, size) < m.minNotional()) {
            broken = ResultCode.NOTIONAL_BELOW_MINIMUM;
        } else {
            final long newHold = o.side == Side.BUY ? buyHold(m, price, size - o.filled, o.takerBps)
                : baseUnits(m, size - o.filled);
            final List<RefOrder> opposite = makers(o.market, o.side == Side.BUY ? Side.SELL : Side.BUY);
            if (newHold - o.held > available(o.account, holdAsset(o, m))) {
                broken = ResultCode.INSUFFICIENT_FUNDS;
            } else if (o.postOnly && price != o.price && !opposite.isEmpty() && crosses(o.side, price, opposite.get(0).price)) {
                broken = ResultCode.POST_ONLY_WOULD_CROSS;
            } else {
                broken = null;
            }
        }
        if (broken != null) {
            return broken;
        }
        final int asset = holdAsset(o, m);
        if (price == o.price && size < o.size) {
            o.size = size;
            final long newHold = restingHold(o, m);
            release(o.account, asset, o.held - newHold);
            o.held = newHold;
            listener.onOrderAmended(now, o.id, o.account, o.market, price, size, o.filled, true);
            levelEvent(o.market, o.side, price);
            balanceEvent(o.account, asset, Wallet.SPOT);
            return ResultCode.ACCEPTED;
        }
        final long oldPrice = o.price;
        final List<RefOrder> opposite = makers(o.market, o.side == Side.BUY ? Side.SELL : Side.BUY);
        if (opposite.isEmpty() || !crosses(o.side, price, opposite.get(0).price)) {
            // nothing to trade: to the back of the queue at the new price, holding just the difference
            o.price = price;
            o.size = size;
            o.arrival = ++arrivals;
            listener.onOrderAmended(now, o.id, o.account, o.market, price, size, o.filled, false);
            if (price != oldPrice) {
                levelEvent(o.market, o.side, oldPrice);
            }
            levelEvent(o.market, o.side, price);
            final long newHold = restingHold(o, m);
            if (newHold != o.held) {
                moveToHold(o.account, asset, newHold - o.held);
                o.held = newHold;
                balanceEvent(o.account, asset, Wallet.SPOT);
            }
            return ResultCode.ACCEPTED;
        }
        orders.remove(o);
        o.resting = false;
        release(o.account, asset, o.held);
        o.held = 0;
        o.price = price;
        o.size = size;
        listener.onOrderAmended(now, o.id, o.account, o.market, price, size, o.filled, false);
        levelEvent(o.market, o.side, oldPrice);
        balanceEvent(o.account, asset, Wallet.SPOT);
        execute(o, m);
        triggers(m);
        return ResultCode.ACCEPTED;
    }

    // ------------------------------------------------------------------------------------------ funds

    private ResultCode fundsInvalid(final Command c) {
        if (c.accountId <= 0) {
            return ResultCode.INVALID_PARAMETER;
        }
        if (c.assetId < 0 || c.assetId >= config.assets().size()) {
            return ResultCode.UNKNOWN_ASSET;
        }
        if (c.amount <= 0) {
            return ResultCode.INVALID_AMOUNT;
        }
        if (c.amount > Market.MAX_NOTIONAL) {
            return ResultCode.AMOUNT_TOO_LARGE;
        }
        return null;
    }

    private ResultCode deposit(final Command c) {
        final ResultCode invalid = fundsInvalid(c);
        if (invalid != null) {
            return invalid;
        }
        final String reference = c.clientOrderId.isPresent() ? c.clientOrderId.toString() : null;
        if (reference != null && depositsByReference.containsKey(reference)) {
            final long[] earlier = depositsByReference.get(reference);
            if (earlier[0] != c.accountId || earlier[1] != c.assetId || earlier[2] != c.amount) {
                return ResultCode.DEPOSIT_CONFLICT;
            }
            c.resultId = earlier[3];
            return ResultCode.REPLAYED;
        }
        if (outstanding[c.assetId] + c.amount > Market.MAX_NOTIONAL) {
            return ResultCode.AMOUNT_TOO_LARGE;
        }
        if (reference != null) {
            depositsByReference.put(reference, new long[] {c.accountId, c.assetId, c.amount, c.sequence});
            c.resultId = c.sequence;
        }
        outstanding[c.assetId] += c.amount;
        add(c.accountId, c.assetId, AVAILABLE, c.amount);
        balanceEvent(c.accountId, c.assetId, Wallet.SPOT);
        return ResultCode.ACCEPTED;
    }

    private ResultCode withdraw(final Command c) {
        final ResultCode invalid = fundsInvalid(c);
        if (invalid != null) {
            return invalid;
        }
        if (frozen.contains(c.accountId)) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        if (available(c.accountId, c.assetId) < c.amount) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        outstanding[c.assetId] -= c.amount;
        add(c.accountId, c.assetId, AVAILABLE, -c.amount);
        c.resultId = nextWithdrawalId++;
        balanceEvent(c.accountId, c.assetId, Wallet.SPOT);
        return ResultCode.ACCEPTED;
    }

    private ResultCode requestWithdrawal(final Command c) {
        final ResultCode invalid = fundsInvalid(c);
        if (invalid != null) {
            return invalid;
        }
        if (frozen.contains(c.accountId)) {
            return ResultCode.ACCOUNT_FROZEN;
        }
        if (available(c.accountId, c.assetId) < c.amount) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        add(c.accountId, c.assetId, AVAILABLE, -c.amount);
        add(c.accountId, c.assetId, HOLD, c.amount);
        c.resultId = nextWithdrawalId++;
        pendingWithdrawals.put(c.resultId, new long[] {c.accountId, c.assetId, c.amount});
        balanceEvent(c.accountId, c.assetId, Wallet.SPOT);
        return ResultCode.ACCEPTED;
    }

    private ResultCode settleWithdrawal(final Command c, final boolean complete) {
        final long[] w = pendingWithdrawals.remove(c.withdrawalId);
        if (w == null) {
            return c.withdrawalId >= 1 && c.withdrawalId < nextWithdrawalId ? ResultCode.WITHDRAWAL_NOT_PENDING
                : ResultCode.WITHDRAWAL_NOT_FOUND;
        }
        final int asset = (int) w[1];
        add(w[0], asset, HOLD, -w[2]);
        if (complete) {
            outstanding[asset] -= w[2];
        } else {
            add(w[0], asset, AVAILABLE, w[2]);
        }
        c.resultId = c.withdrawalId;
        balanceEvent(w[0], asset, Wallet.SPOT);
        return ResultCode.ACCEPTED;
    }

    private ResultCode setFees(final Command c) {
        if (c.marketId < 0 || c.marketId >= config.markets().size()) {
            return ResultCode.UNKNOWN_PAIR;
        }
        if (c.makerFeeBps < 0 || c.takerFeeBps > Market.MAX_FEE_BPS || c.makerFeeBps > c.takerFeeBps) {
            return ResultCode.INVALID_PARAMETER;
        }
        makerBps[c.marketId] = c.makerFeeBps;
        takerBps[c.marketId] = c.takerFeeBps;
        return ResultCode.ACCEPTED;
    }

    // the listing's validation is the configuration's own (shared with the engine); what is checked here is
    // that every per-asset and per-market part of the state grows with it

    private ResultCode listAsset(final Command c) {
        final AssetConfig asset = Listing.assetConfig(c);
        if (asset.symbol() != null && config.assetBySymbol(asset.symbol()) != null) {
            return ResultCode.ASSET_EXISTS;
        }
        try {
            config = config.withAsset(asset);
        } catch (final ConfigException e) {
            return ResultCode.INVALID_PARAMETER;
        }
        final int assets = config.assets().size();
        outstanding = java.util.Arrays.copyOf(outstanding, assets);
        for (final Map.Entry<Long, long[][]> account : balances.entrySet()) {
            final long[][] grown = java.util.Arrays.copyOf(account.getValue(), assets);
            grown[assets - 1] = new long[4];
            account.setValue(grown);
        }
        c.resultId = assets - 1;
        return ResultCode.ACCEPTED;
    }

    private ResultCode listMarket(final Command c) {
        try {
            final MarketConfig market = Listing.marketConfig(config, c.assetId, c.quoteAssetId, c.tickDecimals,
                c.tickUnits, c.lotDecimals, c.lotUnits, c.minSizeLots, c.minNotional, c.maxPriceTicks, c.maxSizeLots,
                c.makerFeeBps, c.takerFeeBps, c.marketStatus);
            if (config.marketByPair(market.pair()) != null) {
                return ResultCode.MARKET_EXISTS;
            }
            config = config.withMarket(market);
        } catch (final ConfigException e) {
            return ResultCode.INVALID_PARAMETER;
        }
        final Market listed = config.market(config.markets().size() - 1);
        final int markets = listed.id() + 1;
        status = java.util.Arrays.copyOf(status, markets);
        lastPrice = java.util.Arrays.copyOf(lastPrice, markets);
        makerBps = java.util.Arrays.copyOf(makerBps, markets);
        takerBps = java.util.Arrays.copyOf(takerBps, markets);
        status[listed.id()] = listed.initialStatus();
        makerBps[listed.id()] = listed.makerFeeBps();
        takerBps[listed.id()] = listed.takerFeeBps();
        c.resultId = listed.id();
        return ResultCode.ACCEPTED;
    }

    private ResultCode freeze(final Command c, final boolean freeze) {
        if (c.accountId <= 0) {
            return ResultCode.INVALID_PARAMETER;
        }
        if (!freeze) {
            frozen.remove(c.accountId);
            return ResultCode.ACCEPTED;
        }
        frozen.add(c.accountId);
        if (c.cancelOrders) {
            final List<RefOrder> mine = orders.stream().filter(o -> o.account == c.accountId)
                .sorted(Comparator.comparingLong(o -> o.id)).toList();
            for (final RefOrder o : mine) {
                cancelOpen(o, CancelReason.USER);
            }
            c.resultId = mine.size();
        }
        return ResultCode.ACCEPTED;
    }

    private ResultCode transfer(final Command c) {
        final ResultCode invalid = fundsInvalid(c);
        if (invalid != null) {
            return invalid;
        }
        if (c.fromWallet == null || c.toWallet == null) {
            return ResultCode.INVALID_PARAMETER;
        }
        if (c.fromWallet == c.toWallet) {
            return ResultCode.SAME_WALLET;
        }
        if (wallet(c.accountId, c.assetId, c.fromWallet) < c.amount) {
            return ResultCode.INSUFFICIENT_FUNDS;
        }
        add(c.accountId, c.assetId, field(c.fromWallet), -c.amount);
        add(c.accountId, c.assetId, field(c.toWallet), c.amount);
        balanceEvent(c.accountId, c.assetId, c.fromWallet);
        balanceEvent(c.accountId, c.assetId, c.toWallet);
        return ResultCode.ACCEPTED;
    }

    private ResultCode setStatus(final Command c) {
        if (c.marketId < 0 || c.marketId >= config.markets().size()) {
            return ResultCode.UNKNOWN_PAIR;
        }
        if (c.marketStatus == null) {
            return ResultCode.INVALID_PARAMETER;
        }
        status[c.marketId] = c.marketStatus;
        listener.onMarketStatusChanged(now, c.marketId, c.marketStatus);
        return ResultCode.ACCEPTED;
    }

    private void evictClientIds() {
        final List<Map.Entry<String, CidEntry>> keep = new ArrayList<>();
        final Iterator<Map.Entry<String, CidEntry>> it = clientIds.entrySet().iterator();
        while (it.hasNext()) {
            final Map.Entry<String, CidEntry> e = it.next();
            if (e.getValue().time >= now - RETENTION) {
                break;
            }
            it.remove();
            if (openOrder(e.getValue().orderId) != null) {
                keep.add(Map.entry(e.getKey(), new CidEntry(e.getValue().orderId, e.getValue().fields, now)));
            }
        }
        keep.forEach(e -> clientIds.put(e.getKey(), e.getValue()));
    }

    // ------------------------------------------------------------------------------------------ balances

    private long[][] newBalances() {
        return new long[config.assets().size()][4];
    }

    private void add(final long account, final int asset, final int field, final long delta) {
        balances.computeIfAbsent(account, a -> newBalances())[asset][field] += delta;
    }

    private void moveToHold(final long account, final int asset, final long amount) {
        add(account, asset, AVAILABLE, -amount);
        add(account, asset, HOLD, amount);
    }

    private void release(final long account, final int asset, final long amount) {
        add(account, asset, HOLD, -amount);
        add(account, asset, AVAILABLE, amount);
    }

    private static int field(final Wallet w) {
        return switch (w) {
            case SPOT -> AVAILABLE;
            case MARGIN -> MARGIN;
            case EARN -> EARN;
        };
    }

    private void balanceEvent(final long account, final int asset, final Wallet w) {
        listener.onBalanceChanged(now, account, asset, w, wallet(account, asset, w),
            w == Wallet.SPOT ? hold(account, asset) : 0);
    }

    /** For tests: every account's balances, so two engines can be compared. */
    public Map<Long, long[][]> balancesSnapshot() {
        final Map<Long, long[][]> copy = new HashMap<>();
        balances.forEach((k, v) -> {
            final long[][] c = new long[v.length][];
            for (int i = 0; i < v.length; i++) {
                c[i] = v[i].clone();
            }
            copy.put(k, c);
        });
        return copy;
    }
}
