package io.tidemark.engine.api;

/**
 * One engine input, a mutable slot that is filled in place (by a ring translator, a journal reader or
 * a test) and never allocated per command. The sequencer stamps {@link #sequence} and
 * {@link #timestamp}; the engine reads time from nowhere else. The engine writes its outcome back
 * into {@link #result} and {@link #resultId} for the stages after it.
 *
 * <p>Units are the engine's integers: prices and stop prices in ticks, sizes in lots, funds and
 * amounts in minor units of the asset. Zero means "not given" for price, stop price, size, funds
 * and order id; {@link #ALL_MARKETS} for a cancel-all over every market.
 */
public final class Command {
    public static final int ALL_MARKETS = -1;

    // stamped by the sequencer
    public long sequence;
    /** Command time in nanoseconds since the Unix epoch. */
    public long timestamp;

    public CommandType type;
    public long accountId;
    public int marketId;

    // order fields
    public Side side;
    public OrderType orderType;
    public TimeInForce timeInForce;
    public boolean postOnly;
    public SelfTradePrevention selfTradePrevention;
    public long price;
    public long stopPrice;
    public long size;
    public long funds;
    public long orderId;
    /**
     * The order's client_order_id; for a deposit, its reference (what makes a retried deposit idempotent);
     * for an asset listing, the asset's symbol.
     */
    public final ClientOrderId clientOrderId = new ClientOrderId();

    // funds and admin fields
    public int assetId;
    public long amount;
    public Wallet fromWallet;
    public Wallet toWallet;
    public MarketStatus marketStatus;
    /** The withdrawal a complete or reject acts on. */
    public long withdrawalId;
    /** Freezing an account also cancels its open orders. */
    public boolean cancelOrders;
    /** A fee change's new fees, in basis points. */
    public int makerFeeBps;
    public int takerFeeBps;

    // listing fields: a listed asset's scale; a listed market's quote asset (its base is assetId), its tick
    // and lot (units of 10^-decimals), minimum size (lots) and notional (quote minor units), limits
    // (ticks, lots); its fees and initial status are makerFeeBps, takerFeeBps and marketStatus
    public int scale;
    public int quoteAssetId;
    public int tickDecimals;
    public long tickUnits;
    public int lotDecimals;
    public long lotUnits;
    public long minSizeLots;
    public long minNotional;
    public long maxPriceTicks;
    public long maxSizeLots;

    // written by the engine
    public ResultCode result;
    /** The order id placed, replayed or amended; the number of orders cancelled by cancel-all; the withdrawal id. */
    public long resultId;

    /** Resets every field so that a reused slot carries nothing from its previous command. */
    public Command clear() {
        sequence = 0;
        timestamp = 0;
        type = null;
        accountId = 0;
        marketId = 0;
        side = null;
        orderType = null;
        timeInForce = TimeInForce.GTC;
        postOnly = false;
        selfTradePrevention = SelfTradePrevention.CANCEL_TAKER;
        price = 0;
        stopPrice = 0;
        size = 0;
        funds = 0;
        orderId = 0;
        clientOrderId.clear();
        assetId = 0;
        amount = 0;
        fromWallet = null;
        toWallet = null;
        marketStatus = null;
        withdrawalId = 0;
        cancelOrders = false;
        makerFeeBps = 0;
        takerFeeBps = 0;
        scale = 0;
        quoteAssetId = 0;
        tickDecimals = 0;
        tickUnits = 0;
        lotDecimals = 0;
        lotUnits = 0;
        minSizeLots = 0;
        minNotional = 0;
        maxPriceTicks = 0;
        maxSizeLots = 0;
        result = null;
        resultId = 0;
        return this;
    }

    /** Copies the input fields (not the result) of {@code other}. */
    public Command copyFrom(final Command other) {
        sequence = other.sequence;
        timestamp = other.timestamp;
        type = other.type;
        accountId = other.accountId;
        marketId = other.marketId;
        side = other.side;
        orderType = other.orderType;
        timeInForce = other.timeInForce;
        postOnly = other.postOnly;
        selfTradePrevention = other.selfTradePrevention;
        price = other.price;
        stopPrice = other.stopPrice;
        size = other.size;
        funds = other.funds;
        orderId = other.orderId;
        clientOrderId.set(other.clientOrderId);
        assetId = other.assetId;
        amount = other.amount;
        fromWallet = other.fromWallet;
        toWallet = other.toWallet;
        marketStatus = other.marketStatus;
        withdrawalId = other.withdrawalId;
        cancelOrders = other.cancelOrders;
        makerFeeBps = other.makerFeeBps;
        takerFeeBps = other.takerFeeBps;
        scale = other.scale;
        quoteAssetId = other.quoteAssetId;
        tickDecimals = other.tickDecimals;
        tickUnits = other.tickUnits;
        lotDecimals = other.lotDecimals;
        lotUnits = other.lotUnits;
        minSizeLots = other.minSizeLots;
        minNotional = other.minNotional;
        maxPriceTicks = other.maxPriceTicks;
        maxSizeLots = other.maxSizeLots;
        result = null;
        resultId = 0;
        return this;
    }

    public Command placeOrder(final long account, final int market, final Side orderSide, final OrderType type,
                              final long priceTicks, final long sizeLots) {
        clear();
        this.type = CommandType.PLACE_ORDER;
        this.accountId = account;
        this.marketId = market;
        this.side = orderSide;
        this.orderType = type;
        this.price = priceTicks;
        this.size = sizeLots;
        return this;
    }

    public Command cancelOrder(final long account, final long id) {
        clear();
        this.type = CommandType.CANCEL_ORDER;
        this.accountId = account;
        this.orderId = id;
        return this;
    }

    public Command cancelAll(final long account, final int market) {
        clear();
        this.type = CommandType.CANCEL_ALL;
        this.accountId = account;
        this.marketId = market;
        return this;
    }

    public Command amendOrder(final long account, final long id, final long newPriceTicks, final long newSizeLots) {
        clear();
        this.type = CommandType.AMEND_ORDER;
        this.accountId = account;
        this.orderId = id;
        this.price = newPriceTicks;
        this.size = newSizeLots;
        return this;
    }

    public Command deposit(final long account, final int asset, final long minorUnits) {
        clear();
        this.type = CommandType.DEPOSIT;
        this.accountId = account;
        this.assetId = asset;
        this.amount = minorUnits;
        return this;
    }

    /** A deposit that a retry with the same {@code reference} (a client_order_id-shaped string) never repeats. */
    public Command deposit(final long account, final int asset, final long minorUnits, final CharSequence reference) {
        deposit(account, asset, minorUnits);
        clientOrderId.set(reference);
        return this;
    }

    /** A sandbox faucet payment: credited as a deposit (no reference), labelled {@code faucet} in the ledger. */
    public Command faucet(final long account, final int asset, final long minorUnits) {
        deposit(account, asset, minorUnits);
        this.type = CommandType.FAUCET;
        return this;
    }

    public Command requestWithdrawal(final long account, final int asset, final long minorUnits) {
        clear();
        this.type = CommandType.REQUEST_WITHDRAWAL;
        this.accountId = account;
        this.assetId = asset;
        this.amount = minorUnits;
        return this;
    }

    public Command completeWithdrawal(final long id) {
        clear();
        this.type = CommandType.COMPLETE_WITHDRAWAL;
        this.withdrawalId = id;
        return this;
    }

    public Command rejectWithdrawal(final long id) {
        clear();
        this.type = CommandType.REJECT_WITHDRAWAL;
        this.withdrawalId = id;
        return this;
    }

    public Command freezeAccount(final long account, final boolean cancelOpenOrders) {
        clear();
        this.type = CommandType.FREEZE_ACCOUNT;
        this.accountId = account;
        this.cancelOrders = cancelOpenOrders;
        return this;
    }

    public Command unfreezeAccount(final long account) {
        clear();
        this.type = CommandType.UNFREEZE_ACCOUNT;
        this.accountId = account;
        return this;
    }

    public Command withdraw(final long account, final int asset, final long minorUnits) {
        clear();
        this.type = CommandType.WITHDRAW;
        this.accountId = account;
        this.assetId = asset;
        this.amount = minorUnits;
        return this;
    }

    public Command transfer(final long account, final int asset, final long minorUnits, final Wallet from, final Wallet to) {
        clear();
        this.type = CommandType.TRANSFER;
        this.accountId = account;
        this.assetId = asset;
        this.amount = minorUnits;
        this.fromWallet = from;
        this.toWallet = to;
        return this;
    }

    public Command setMarketStatus(final int market, final MarketStatus status) {
        clear();
        this.type = CommandType.SET_MARKET_STATUS;
        this.marketId = market;
        this.marketStatus = status;
        return this;
    }

    public Command setMarketFees(final int market, final int makerBps, final int takerBps) {
        clear();
        this.type = CommandType.SET_MARKET_FEES;
        this.marketId = market;
        this.makerFeeBps = makerBps;
        this.takerFeeBps = takerBps;
        return this;
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder(128).append(type).append("{seq=").append(sequence)
            .append(", ts=").append(timestamp).append(", account=").append(accountId);
        if (type == CommandType.PLACE_ORDER) {
            sb.append(", market=").append(marketId).append(", ").append(side).append(' ').append(orderType)
                .append(' ').append(timeInForce).append(postOnly ? " post_only" : "").append(' ').append(selfTradePrevention)
                .append(", price=").append(price).append(", stop=").append(stopPrice).append(", size=").append(size)
                .append(", funds=").append(funds);
            if (clientOrderId.isPresent()) {
                sb.append(", cid=").append(clientOrderId);
            }
        } else if (type == CommandType.CANCEL_ORDER || type == CommandType.AMEND_ORDER) {
            sb.append(", order=").append(orderId).append(", price=").append(price).append(", size=").append(size);
            if (clientOrderId.isPresent()) {
                sb.append(", cid=").append(clientOrderId);
            }
        } else if (type == CommandType.CANCEL_ALL || type == CommandType.SET_MARKET_STATUS) {
            sb.append(", market=").append(marketId).append(", status=").append(marketStatus);
        } else if (type == CommandType.COMPLETE_WITHDRAWAL || type == CommandType.REJECT_WITHDRAWAL) {
            sb.append(", withdrawal=").append(withdrawalId);
        } else if (type == CommandType.SET_MARKET_FEES) {
            sb.append(", market=").append(marketId).append(", maker_bps=").append(makerFeeBps).append(", taker_bps=")
                .append(takerFeeBps);
        } else if (type == CommandType.LIST_ASSET) {
            sb.append(", symbol=").append(clientOrderId).append(", scale=").append(scale);
        } else if (type == CommandType.LIST_MARKET) {
            sb.append(", base=").append(assetId).append(", quote=").append(quoteAssetId).append(", tick=")
                .append(tickUnits).append("e-").append(tickDecimals).append(", lot=").append(lotUnits).append("e-")
                .append(lotDecimals).append(", min_size=").append(minSizeLots).append(", min_notional=")
                .append(minNotional).append(", max_price=").append(maxPriceTicks).append(", max_size=")
                .append(maxSizeLots).append(", maker_bps=").append(makerFeeBps).append(", taker_bps=")
                .append(takerFeeBps).append(", status=").append(marketStatus);
        } else if (type == CommandType.FREEZE_ACCOUNT || type == CommandType.UNFREEZE_ACCOUNT) {
            sb.append(", cancel_orders=").append(cancelOrders);
        } else {
            sb.append(", asset=").append(assetId).append(", amount=").append(amount)
                .append(", from=").append(fromWallet).append(", to=").append(toWallet);
        }
        return sb.append(", result=").append(result).append('/').append(resultId).append('}').toString();
    }
}
