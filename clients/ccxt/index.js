// Tidemark as a ccxt exchange: a bot written for ccxt trades on Tidemark (and its sandbox) unchanged.
// What the exchange is (endpoints, weights, error classes, statuses) lives in spec.json; this file only
// translates between ccxt's unified shapes and our REST and WebSocket answers (API.md).
import ccxt from 'ccxt';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const spec = JSON.parse(readFileSync(new URL('./spec.json', import.meta.url), 'utf8'));

const { ExchangeError, InvalidOrder, InvalidNonce, ChecksumError, ArgumentsRequired, Precise, TICK_SIZE } = ccxt;

/** Every error code of API.md bound to its ccxt class (the names come from spec.json). */
export const errorClasses = Object.fromEntries(Object.entries(spec.errors).map(([code, name]) => {
    const errorClass = ccxt[name];
    if (typeof errorClass !== 'function') {
        throw new Error('spec.json maps ' + code + ' to ' + name + ', which ccxt ' + ccxt.version + ' does not have');
    }
    return [code, errorClass];
}));

const BOOK_CHECKSUM_LEVELS = 25;

/**
 * The items a stream has delivered and how many of them the caller has not seen yet: a watch* call
 * returns what arrived since the previous one (ccxt's "new updates"), so nothing is lost between awaits.
 */
class RecentItems {
    constructor(max) {
        this.max = max;
        this.items = [];
        this.unseen = 0;
    }

    add(item) {
        this.items.push(item);
        if (this.items.length > this.max) {
            this.items.shift();
        }
        this.unseen = Math.min(this.unseen + 1, this.items.length);
    }

    takeUnseen() {
        const count = this.unseen;
        this.unseen = 0;
        return count === 0 ? [] : this.items.slice(-count);
    }
}

export default class tidemark extends ccxt.Exchange {
    describe() {
        const weightPerMinute = spec.rateLimit.weightPerMinute[spec.rateLimit.defaultTier];
        return this.deepExtend(super.describe(), {
            'id': spec.id,
            'name': spec.name,
            'countries': [],
            'version': spec.version,
            'rateLimit': 60000 / weightPerMinute,
            'pro': true,
            'precisionMode': TICK_SIZE,
            'has': {
                'CORS': undefined,
                'spot': true,
                'margin': false,
                'swap': false,
                'future': false,
                'option': false,
                'ws': true,
                'fetchStatus': true,
                'fetchTime': true,
                'fetchMarkets': true,
                'fetchCurrencies': false,
                'fetchTicker': true,
                'fetchTickers': true,
                'fetchOrderBook': true,
                'fetchOHLCV': true,
                'fetchTrades': true,
                'createOrder': true,
                'createLimitOrder': true,
                'createMarketOrder': true,
                'createPostOnlyOrder': true,
                'createStopOrder': true,
                'createStopLimitOrder': true,
                'createStopMarketOrder': true,
                'createTriggerOrder': true,
                'createMarketBuyOrderWithCost': true,
                'createMarketOrderWithCost': false,
                'createMarketSellOrderWithCost': false,
                'createOrders': false,
                'createOrderWs': false,
                'createMarketOrderWs': false,
                'editOrder': true,
                'cancelOrder': true,
                'cancelOrders': false,
                'cancelAllOrders': true,
                'fetchOrder': true,
                'fetchOrders': true,
                'fetchOpenOrders': true,
                'fetchClosedOrders': true,
                'fetchCanceledOrders': false,
                'fetchMyTrades': true,
                'fetchOrderTrades': false,
                'fetchBalance': true,
                'fetchTradingFee': false,
                'fetchTradingFees': true,
                'fetchDeposits': false,
                'fetchWithdrawals': false,
                'fetchDepositAddress': false,
                'withdraw': false,
                'transfer': false,
                'watchOrderBook': true,
                'watchTrades': true,
                'watchOrders': true,
                'watchTicker': false,
                'watchTickers': false,
                'watchOHLCV': false,
                'watchMyTrades': false,
                'watchBalance': false,
            },
            'timeframes': spec.timeframes,
            'urls': {
                'api': {
                    'rest': spec.urls.rest,
                    'ws': undefined,
                },
                'www': 'https://github.com/tidemark',
                'doc': 'API.md',
            },
            'api': spec.api,
            'requiredCredentials': {
                'apiKey': true,
                'secret': true,
            },
            'exceptions': {
                'exact': errorClasses,
                'broad': {},
            },
            'options': {
                // ms to subtract from the local clock when signing; set from server_time when the
                // server answers timestamp_out_of_window, or by loadTimeDifference()
                'timeDifference': 0,
                'adjustForTimeDifference': false,
                // on watchOrders' auth: the server cancels this account's open orders when the socket drops
                'cancelOnDisconnect': false,
                // watchOrderBook checks each update's CRC32 of the top 25 levels and resubscribes on a mismatch
                'checksum': true,
                'tradesLimit': 1000,
                'ordersLimit': 1000,
            },
        });
    }

    // ---------------------------------------------------------------------------------- signing

    /** The hex HMAC-SHA256 of API.md's canonical string: the one signer of REST requests and WebSocket auth. */
    signature(timestamp, nonce, method, pathWithQuery, body) {
        const canonical = timestamp + '\n' + nonce + '\n' + method + '\n' + pathWithQuery + '\n' + body;
        return createHmac('sha256', this.secret).update(canonical, 'utf8').digest('hex');
    }

    signingTimestamp() {
        return this.milliseconds() - this.safeInteger(this.options, 'timeDifference', 0);
    }

    signingNonce() {
        return this.uuid().replace(/-/g, '');
    }

    sign(path, api = 'public', method = 'GET', params = {}, headers = undefined, body = undefined) {
        const query = this.omit(params, this.extractParams(path));
        let url = this.urls['api']['rest'] + '/' + this.implodeParams(path, params);
        if (method === 'GET') {
            if (Object.keys(query).length > 0) {
                url += '?' + this.urlencode(query);
            }
        } else {
            body = this.json(query);
        }
        headers = (headers === undefined) ? {} : headers;
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }
        if (api === 'private') {
            this.checkRequiredCredentials();
            const parsed = new URL(url);
            const timestamp = this.signingTimestamp().toString();
            const nonce = this.signingNonce();
            headers['X-Api-Key'] = this.apiKey;
            headers['X-Api-Timestamp'] = timestamp;
            headers['X-Api-Nonce'] = nonce;
            headers['X-Api-Signature'] = this.signature(timestamp, nonce, method, parsed.pathname + parsed.search, (body === undefined) ? '' : body);
        }
        return { 'url': url, 'method': method, 'body': body, 'headers': headers };
    }

    calculateRateLimiterCost(api, method, path, params, config = {}) {
        if (path === 'orderbook/{pair}' && this.safeInteger(params, 'depth', 0) > spec.rateLimit.deepBook.aboveDepth) {
            return spec.rateLimit.deepBook.weight;
        }
        return this.safeValue(config, 'cost', 1);
    }

    handleErrors(statusCode, statusText, url, method, responseHeaders, responseBody, response, requestHeaders, requestBody) {
        const error = this.safeDict(response, 'error');
        if (error === undefined) {
            return undefined;
        }
        const code = this.safeString(error, 'code');
        const serverTime = this.safeInteger(error, 'server_time');
        if (code === 'timestamp_out_of_window' && serverTime !== undefined) {
            // the next request signs with the server's clock, so a retry succeeds
            this.options['timeDifference'] = this.milliseconds() - serverTime;
        }
        const feedback = this.id + ' ' + responseBody;
        this.throwExactlyMatchedException(this.exceptions['exact'], code, feedback);
        throw new ExchangeError(feedback);
    }

    // ---------------------------------------------------------------------------------- public

    async fetchStatus(params = {}) {
        const response = await this.publicGetPing(params);
        const data = this.safeDict(response, 'data', {});
        return {
            'status': this.safeBool(data, 'ok') ? 'ok' : 'maintenance',
            'updated': this.parse8601(this.safeString(data, 'time')),
            'eta': undefined,
            'url': undefined,
            'info': response,
        };
    }

    async fetchTime(params = {}) {
        const response = await this.publicGetTime(params);
        return this.safeInteger(this.safeDict(response, 'data', {}), 'epoch_ms');
    }

    async fetchMarkets(params = {}) {
        if (this.safeBool(this.options, 'adjustForTimeDifference', false)) {
            await this.loadTimeDifference();
        }
        const response = await this.publicGetMarkets(params);
        return this.safeList(response, 'data', []).map((market) => this.parseMarket(market));
    }

    parseMarket(market) {
        const id = this.safeString(market, 'pair');
        const baseId = this.safeString(market, 'base');
        const quoteId = this.safeString(market, 'quote');
        const base = this.safeCurrencyCode(baseId);
        const quote = this.safeCurrencyCode(quoteId);
        return this.safeMarketStructure({
            'id': id,
            'symbol': base + '/' + quote,
            'base': base,
            'quote': quote,
            'baseId': baseId,
            'quoteId': quoteId,
            'settle': undefined,
            'settleId': undefined,
            'type': 'spot',
            'spot': true,
            'margin': false,
            'swap': false,
            'future': false,
            'option': false,
            'contract': false,
            'active': this.safeString(market, 'status') === 'trading',
            'linear': undefined,
            'inverse': undefined,
            'contractSize': undefined,
            'expiry': undefined,
            'expiryDatetime': undefined,
            'strike': undefined,
            'optionType': undefined,
            'maker': this.parseNumber(Precise.stringDiv(this.safeString(market, 'maker_fee_bps'), '10000')),
            'taker': this.parseNumber(Precise.stringDiv(this.safeString(market, 'taker_fee_bps'), '10000')),
            'percentage': true,
            'tierBased': false,
            'feeSide': 'quote',
            'precision': {
                'amount': this.safeNumber(market, 'lot_size'),
                'price': this.safeNumber(market, 'tick_size'),
            },
            'limits': {
                'leverage': { 'min': undefined, 'max': undefined },
                'amount': { 'min': this.safeNumber(market, 'min_size'), 'max': this.safeNumber(market, 'max_size') },
                'price': { 'min': this.safeNumber(market, 'tick_size'), 'max': this.safeNumber(market, 'max_price') },
                'cost': { 'min': this.safeNumber(market, 'min_notional'), 'max': undefined },
            },
            'created': undefined,
            'info': market,
        });
    }

    async fetchTradingFees(params = {}) {
        const response = await this.publicGetMarkets(params);
        const result = {};
        for (const entry of this.safeList(response, 'data', [])) {
            const market = this.parseMarket(entry);
            result[market['symbol']] = {
                'info': entry,
                'symbol': market['symbol'],
                'maker': market['maker'],
                'taker': market['taker'],
                'percentage': true,
                'tierBased': false,
            };
        }
        return result;
    }

    async fetchTicker(symbol, params = {}) {
        await this.loadMarkets();
        const market = this.market(symbol);
        const response = await this.publicGetTickerPair(this.extend({ 'pair': market['id'] }, params));
        return this.parseTicker(this.safeDict(response, 'data', {}), market);
    }

    async fetchTickers(symbols = undefined, params = {}) {
        await this.loadMarkets();
        symbols = this.marketSymbols(symbols);
        const wanted = (symbols === undefined) ? this.symbols : symbols;
        const tickers = [];
        for (const symbol of wanted) {
            tickers.push(await this.fetchTicker(symbol, params));
        }
        return this.filterByArrayTickers(tickers, 'symbol', symbols);
    }

    parseTicker(ticker, market = undefined) {
        const timestamp = this.parse8601(this.safeString(ticker, 'last_time'));
        const last = this.safeString(ticker, 'last_price');
        return this.safeTicker({
            'symbol': this.safeSymbol(this.safeString(ticker, 'pair'), market, '-'),
            'timestamp': timestamp,
            'datetime': this.iso8601(timestamp),
            'high': this.safeString(ticker, 'high_24h'),
            'low': this.safeString(ticker, 'low_24h'),
            'bid': this.safeString(ticker, 'best_bid'),
            'bidVolume': this.safeString(ticker, 'best_bid_size'),
            'ask': this.safeString(ticker, 'best_ask'),
            'askVolume': this.safeString(ticker, 'best_ask_size'),
            'vwap': undefined,
            'open': this.safeString(ticker, 'open_24h'),
            'close': last,
            'last': last,
            'previousClose': undefined,
            'change': this.safeString(ticker, 'change_24h'),
            'percentage': this.safeString(ticker, 'change_pct_24h'),
            'average': undefined,
            'baseVolume': this.safeString(ticker, 'volume_24h'),
            'quoteVolume': this.safeString(ticker, 'quote_volume_24h'),
            'info': ticker,
        }, market);
    }

    async fetchOrderBook(symbol, limit = undefined, params = {}) {
        await this.loadMarkets();
        const market = this.market(symbol);
        const request = { 'pair': market['id'] };
        if (limit !== undefined) {
            request['depth'] = limit;
        }
        // deeper than 100 levels is for verified and market_maker keys: such a request proves the tier by its signature
        const signed = (limit !== undefined) && (limit > spec.rateLimit.deepBook.aboveDepth) && (this.apiKey !== undefined) && (this.apiKey !== '');
        const response = signed
            ? await this.privateGetOrderbookPair(this.extend(request, params))
            : await this.publicGetOrderbookPair(this.extend(request, params));
        const data = this.safeDict(response, 'data', {});
        const orderbook = this.parseOrderBook(data, market['symbol'], this.parse8601(this.safeString(data, 'time')), 'bids', 'asks');
        orderbook['nonce'] = this.safeInteger(data, 'seq');
        return orderbook;
    }

    async fetchTrades(symbol, since = undefined, limit = undefined, params = {}) {
        await this.loadMarkets();
        const market = this.market(symbol);
        const rows = await this.fetchNewestFirst('publicGetTradesPair', { 'pair': market['id'] }, since, limit, 'time', params);
        return this.parseTrades(rows, market, since, limit);
    }

    async fetchOHLCV(symbol, timeframe = '1m', since = undefined, limit = undefined, params = {}) {
        await this.loadMarkets();
        const market = this.market(symbol);
        const request = { 'pair': market['id'], 'interval': this.safeString(this.timeframes, timeframe, timeframe) };
        if (since !== undefined && limit !== undefined) {
            // ccxt wants the first `limit` candles from since: a range that holds no more, in one request
            request['end'] = since + limit * this.parseTimeframe(timeframe) * 1000 - 1;
        }
        const rows = await this.fetchNewestFirst('publicGetCandlesPair', request, since, limit, 'start', params);
        return this.parseOHLCVs(rows, market, timeframe, since, limit);
    }

    parseOHLCV(ohlcv, market = undefined) {
        return [
            this.parse8601(this.safeString(ohlcv, 'start')),
            this.safeNumber(ohlcv, 'open'),
            this.safeNumber(ohlcv, 'high'),
            this.safeNumber(ohlcv, 'low'),
            this.safeNumber(ohlcv, 'close'),
            this.safeNumber(ohlcv, 'volume'),
        ];
    }

    parseTrade(trade, market = undefined) {
        // a public trade (taker_side) or one of the account's fills (side, order_id, fee, liquidity)
        const timestamp = this.parse8601(this.safeString(trade, 'time'));
        const fee = this.safeString(trade, 'fee');
        return this.safeTrade({
            'id': this.safeString(trade, 'trade_id'),
            'order': this.safeString(trade, 'order_id'),
            'info': trade,
            'timestamp': timestamp,
            'datetime': this.iso8601(timestamp),
            'symbol': this.safeSymbol(this.safeString(trade, 'pair'), market, '-'),
            'type': undefined,
            'side': this.safeString2(trade, 'side', 'taker_side'),
            'takerOrMaker': this.safeString(trade, 'liquidity'),
            'price': this.safeString(trade, 'price'),
            'amount': this.safeString(trade, 'size'),
            'cost': undefined,
            'fee': (fee === undefined) ? undefined : {
                'cost': fee,
                'currency': this.safeCurrencyCode(this.safeString(trade, 'fee_asset')),
            },
        }, market);
    }

    /**
     * Pages through one of our newest-first lists (next_cursor → before) and gives its raw rows:
     * without since, the newest `limit` (one page by default); with since, every row at or after it.
     */
    async fetchNewestFirst(method, request, since, limit, timeKey, params) {
        const rows = [];
        let cursor = undefined;
        while (true) {
            const page = this.extend(request, params);
            if (since !== undefined || limit !== undefined) {
                page['limit'] = (since === undefined) ? Math.min(limit - rows.length, spec.pageLimit) : spec.pageLimit;
            }
            if (since !== undefined) {
                page['start'] = since; // the server stops at since: no page past it is sent
            }
            if (cursor !== undefined) {
                page['before'] = cursor;
            }
            const response = await this[method](page);
            const items = this.safeList(response, 'data', []);
            let reachedSince = false;
            for (const item of items) {
                if (since !== undefined && this.parse8601(this.safeString(item, timeKey)) < since) {
                    reachedSince = true;
                    break;
                }
                rows.push(item);
            }
            cursor = this.safeString(response, 'next_cursor');
            const enough = (since === undefined) && (limit === undefined || rows.length >= limit);
            if (cursor === undefined || reachedSince || enough) {
                return rows;
            }
        }
    }

    // ---------------------------------------------------------------------------------- private

    async fetchBalance(params = {}) {
        await this.loadMarkets();
        const response = await this.privateGetAccountBalances(params);
        const result = { 'info': response };
        for (const entry of this.safeList(response, 'data', [])) {
            const spot = this.safeDict(entry, 'spot', {});
            const account = this.account();
            account['free'] = this.safeString(spot, 'available');
            account['used'] = this.safeString(spot, 'hold');
            result[this.safeCurrencyCode(this.safeString(entry, 'asset'))] = account;
        }
        return this.safeBalance(result);
    }

    async createOrder(symbol, type, side, amount, price = undefined, params = {}) {
        await this.loadMarkets();
        const market = this.market(symbol);
        const request = this.createOrderRequest(market, type, side, amount, price, params);
        const response = await this.privatePostOrders(request);
        return this.parseOrder(this.safeDict(response, 'data', {}), market);
    }

    createOrderRequest(market, type, side, amount, price, params) {
        const symbol = market['symbol'];
        const triggerPrice = this.safeString2(params, 'triggerPrice', 'stopPrice');
        const cost = this.safeString(params, 'cost');
        const clientOrderId = this.safeString(params, 'clientOrderId');
        const timeInForce = this.safeStringUpper(params, 'timeInForce');
        const isMarket = (type === 'market');
        if (!isMarket && type !== 'limit') {
            throw new InvalidOrder(this.id + ' createOrder() type must be limit or market (with params.triggerPrice for a stop), not ' + type);
        }
        let postOnly = false;
        [postOnly, params] = this.handlePostOnly(isMarket, false, params);
        params = this.omit(params, ['triggerPrice', 'stopPrice', 'cost', 'clientOrderId', 'timeInForce']);
        const request = { 'pair': market['id'], 'side': side };
        if (isMarket) {
            request['type'] = (triggerPrice === undefined) ? 'market' : 'stop';
        } else {
            request['type'] = (triggerPrice === undefined) ? 'limit' : 'stop_limit';
            if (price === undefined) {
                throw new ArgumentsRequired(this.id + ' createOrder() requires a price for a limit order');
            }
            request['price'] = this.priceToPrecision(symbol, price);
        }
        if (triggerPrice !== undefined) {
            request['stop_price'] = this.priceToPrecision(symbol, triggerPrice);
        }
        if (isMarket && side === 'buy' && cost !== undefined) {
            request['funds'] = this.costToPrecision(symbol, cost);
        } else {
            request['size'] = this.amountToPrecision(symbol, amount);
        }
        if (timeInForce === 'GTC' || timeInForce === 'IOC' || timeInForce === 'FOK') {
            request['time_in_force'] = timeInForce.toLowerCase();
        }
        if (postOnly) {
            request['post_only'] = true;
        }
        if (clientOrderId !== undefined) {
            request['client_order_id'] = clientOrderId;
        }
        return this.extend(request, params);
    }

    async createMarketBuyOrderWithCost(symbol, cost, params = {}) {
        return await this.createOrder(symbol, 'market', 'buy', undefined, undefined, this.extend(params, { 'cost': cost }));
    }

    async editOrder(id, symbol, type, side, amount = undefined, price = undefined, params = {}) {
        await this.loadMarkets();
        const market = this.market(symbol);
        const request = { 'id': id };
        if (amount !== undefined) {
            request['size'] = this.amountToPrecision(market['symbol'], amount);
        }
        if (price !== undefined) {
            request['price'] = this.priceToPrecision(market['symbol'], price);
        }
        const response = await this.privatePostOrdersIdAmend(this.extend(request, params));
        return this.parseOrder(this.safeDict(response, 'data', {}), market);
    }

    async cancelOrder(id, symbol = undefined, params = {}) {
        await this.loadMarkets();
        const clientOrderId = this.safeString(params, 'clientOrderId');
        params = this.omit(params, 'clientOrderId');
        const response = (clientOrderId !== undefined)
            ? await this.privatePostOrdersByClientIdClientOrderIdCancel(this.extend({ 'client_order_id': clientOrderId }, params))
            : await this.privatePostOrdersIdCancel(this.extend({ 'id': id }, params));
        return this.parseOrder(this.safeDict(response, 'data', {}));
    }

    async cancelAllOrders(symbol = undefined, params = {}) {
        await this.loadMarkets();
        const request = {};
        const market = (symbol === undefined) ? undefined : this.market(symbol);
        if (market !== undefined) {
            request['pair'] = market['id'];
        }
        const response = await this.privatePostOrdersCancelAll(this.extend(request, params));
        const data = this.safeDict(response, 'data', {});
        return this.safeList(data, 'cancelled_order_ids', []).map((orderId) => this.safeOrder({
            'info': data,
            'id': orderId,
            'symbol': (market === undefined) ? undefined : market['symbol'],
            'status': 'canceled',
        }, market));
    }

    async fetchOrder(id, symbol = undefined, params = {}) {
        await this.loadMarkets();
        const clientOrderId = this.safeString(params, 'clientOrderId');
        params = this.omit(params, 'clientOrderId');
        const response = (clientOrderId !== undefined)
            ? await this.privateGetOrdersByClientIdClientOrderId(this.extend({ 'client_order_id': clientOrderId }, params))
            : await this.privateGetOrdersId(this.extend({ 'id': id }, params));
        return this.parseOrder(this.safeDict(response, 'data', {}));
    }

    async fetchOrders(symbol = undefined, since = undefined, limit = undefined, params = {}) {
        return await this.fetchOrdersByStatus('all', symbol, since, limit, params);
    }

    async fetchOpenOrders(symbol = undefined, since = undefined, limit = undefined, params = {}) {
        return await this.fetchOrdersByStatus('open', symbol, since, limit, params);
    }

    async fetchClosedOrders(symbol = undefined, since = undefined, limit = undefined, params = {}) {
        return await this.fetchOrdersByStatus('closed', symbol, since, limit, params);
    }

    async fetchOrdersByStatus(status, symbol, since, limit, params) {
        await this.loadMarkets();
        const request = { 'status': status };
        const market = (symbol === undefined) ? undefined : this.market(symbol);
        if (market !== undefined) {
            request['pair'] = market['id'];
        }
        const rows = await this.fetchNewestFirst('privateGetOrders', request, since, limit, 'created_at', params);
        return this.parseOrders(rows, market, since, limit);
    }

    async fetchMyTrades(symbol = undefined, since = undefined, limit = undefined, params = {}) {
        await this.loadMarkets();
        const request = {};
        const market = (symbol === undefined) ? undefined : this.market(symbol);
        if (market !== undefined) {
            request['pair'] = market['id'];
        }
        const rows = await this.fetchNewestFirst('privateGetFills', request, since, limit, 'time', params);
        return this.parseTrades(rows, market, since, limit);
    }

    parseOrder(order, market = undefined) {
        const [type, triggered] = this.safeValue(spec.orderTypes, this.safeString(order, 'type'), [undefined, false]);
        const timestamp = this.parse8601(this.safeString(order, 'created_at'));
        const timeInForce = this.safeStringUpper(order, 'time_in_force');
        const triggerPrice = triggered ? this.safeString(order, 'stop_price') : undefined;
        return this.safeOrder({
            'id': this.safeString(order, 'id'),
            'clientOrderId': this.safeString(order, 'client_order_id'),
            'info': order,
            'timestamp': timestamp,
            'datetime': this.iso8601(timestamp),
            'lastTradeTimestamp': undefined,
            'lastUpdateTimestamp': this.parse8601(this.safeString(order, 'updated_at')),
            'status': this.safeString(spec.orderStatuses, this.safeString(order, 'status')),
            'symbol': this.safeSymbol(this.safeString(order, 'pair'), market, '-'),
            'type': type,
            'timeInForce': timeInForce,
            'postOnly': this.safeBool(order, 'post_only'),
            'side': this.safeString(order, 'side'),
            'price': this.safeString(order, 'price'),
            'triggerPrice': triggerPrice,
            'stopPrice': triggerPrice,
            'amount': this.safeString(order, 'size'),
            'cost': this.safeString(order, 'filled_value'),
            'average': this.safeString(order, 'avg_fill_price'),
            'filled': this.safeString(order, 'filled_size'),
            'remaining': this.safeString(order, 'remaining_size'),
            'fee': {
                'cost': this.safeNumber(order, 'fees'),
                'currency': this.safeCurrencyCode(this.safeString(order, 'fee_asset')),
            },
            'trades': undefined,
        }, market);
    }

    // ---------------------------------------------------------------------------------- WebSocket (ccxt.pro)

    /** urls.api.ws, else the REST base with http(s) turned into ws(s) and /ws appended. */
    async wsUrl() {
        const configured = this.urls['api']['ws'];
        const url = (configured !== undefined) ? configured : this.urls['api']['rest'].replace(/^http/, 'ws') + '/ws';
        if (url.startsWith('ws://')) {
            // ccxt opens plain ws:// connections only through an http agent it loads on request
            await this.loadHttpProxyAgent();
        }
        return url;
    }

    /** Sends an op with a fresh id, remembering which future its ack or error settles. */
    wsRequest(op, messageHash, fields = {}) {
        if (this.wsPending === undefined) {
            this.wsPending = {};
            this.wsNextId = 1;
        }
        const id = this.wsNextId++;
        this.wsPending[id] = messageHash;
        return this.extend({ 'op': op, 'id': id }, fields);
    }

    async watchOrderBook(symbol, limit = undefined, params = {}) {
        await this.loadMarkets();
        const market = this.market(symbol);
        const channel = 'orderbook:' + market['id'];
        const request = this.wsRequest('subscribe', channel, this.extend({ 'channels': [channel] }, params));
        const orderbook = await this.watch(await this.wsUrl(), channel, request, channel);
        // a copy: the live book keeps every level (the checksum needs the top 25) and changes under the caller
        const depth = (limit === undefined) ? undefined : limit;
        return {
            'symbol': orderbook['symbol'],
            'bids': Array.from(orderbook['bids']).slice(0, depth).map((level) => level.slice()),
            'asks': Array.from(orderbook['asks']).slice(0, depth).map((level) => level.slice()),
            'timestamp': undefined,
            'datetime': undefined,
            'nonce': orderbook['nonce'],
        };
    }

    async watchTrades(symbol, since = undefined, limit = undefined, params = {}) {
        await this.loadMarkets();
        const market = this.market(symbol);
        const channel = 'trades:' + market['id'];
        const unseen = this.takeUnseen(channel);
        if (unseen.length > 0) {
            return this.filterBySinceLimit(unseen, since, limit, 'timestamp', true);
        }
        const request = this.wsRequest('subscribe', channel, this.extend({ 'channels': [channel] }, params));
        const recent = await this.watch(await this.wsUrl(), channel, request, channel);
        return this.filterBySinceLimit(recent.takeUnseen(), since, limit, 'timestamp', true);
    }

    async watchOrders(symbol = undefined, since = undefined, limit = undefined, params = {}) {
        await this.loadMarkets();
        await this.authenticate();
        const messageHash = (symbol === undefined) ? 'orders' : 'orders:' + this.market(symbol)['symbol'];
        const unseen = this.takeUnseen(messageHash);
        if (unseen.length > 0) {
            return this.filterBySinceLimit(unseen, since, limit, 'timestamp', true);
        }
        const request = this.wsRequest('subscribe', 'orders', this.extend({ 'channels': ['orders'] }, params));
        const recent = await this.watch(await this.wsUrl(), messageHash, request, 'orders');
        return this.filterBySinceLimit(recent.takeUnseen(), since, limit, 'timestamp', true);
    }

    async authenticate(params = {}) {
        this.checkRequiredCredentials();
        const url = await this.wsUrl();
        const client = this.client(url);
        const messageHash = 'authenticated';
        let future = this.safeValue(client.subscriptions, messageHash);
        if (future === undefined) {
            const timestamp = this.signingTimestamp();
            const nonce = this.signingNonce();
            const fields = {
                'key': this.apiKey,
                'timestamp': timestamp,
                'nonce': nonce,
                'signature': this.signature(timestamp.toString(), nonce, 'GET', new URL(url).pathname, ''),
            };
            if (this.safeBool(this.options, 'cancelOnDisconnect', false)) {
                fields['cancel_on_disconnect'] = true;
            }
            const request = this.wsRequest('auth', messageHash, this.extend(fields, params));
            future = this.watch(url, messageHash, request, messageHash);
            client.subscriptions[messageHash] = future;
        }
        return await future;
    }

    handleMessage(client, message) {
        const type = this.safeString(message, 'type');
        const channel = this.safeString(message, 'channel', '');
        if (type === 'error') {
            this.handleWsError(client, message);
        } else if (type === 'ack') {
            this.handleAck(client, message);
        } else if (channel.startsWith('orderbook:')) {
            this.handleOrderBookMessage(client, message, channel);
        } else if (channel.startsWith('trades:')) {
            this.handleTradesMessage(client, message, channel);
        } else if (channel === 'orders') {
            this.handleOrderMessage(client, message);
        }
        // heartbeat, pong and channels nobody watches need no answer
    }

    handleAck(client, message) {
        const id = this.safeInteger(message, 'id');
        const messageHash = this.safeString(this.wsPending, id);
        delete this.wsPending[id];
        if (messageHash === 'authenticated') {
            client.resolve(true, messageHash);
        }
    }

    handleWsError(client, message) {
        const error = this.safeDict(message, 'error', {});
        const code = this.safeString(error, 'code');
        const ErrorClass = this.safeValue(errorClasses, code, ExchangeError);
        const exception = new ErrorClass(this.id + ' ' + this.json(message));
        const id = this.safeInteger(message, 'id');
        const messageHash = (id === undefined) ? undefined : this.safeString(this.wsPending, id);
        if (messageHash === undefined) {
            client.reject(exception);
            return;
        }
        delete this.wsPending[id];
        delete client.subscriptions[messageHash];
        client.reject(exception, messageHash);
    }

    handleOrderBookMessage(client, message, channel) {
        const market = this.safeMarket(channel.slice('orderbook:'.length), undefined, '-');
        const symbol = market['symbol'];
        const type = this.safeString(message, 'type');
        const seq = this.safeInteger(message, 'seq');
        if (this.bookTexts === undefined) {
            this.bookTexts = {};
        }
        if (type === 'snapshot') {
            this.orderbooks[symbol] = this.orderBook({ 'symbol': symbol });
            this.bookTexts[symbol] = { 'bids': new Map(), 'asks': new Map() };
        } else if (type !== 'delta') {
            return;
        }
        const orderbook = this.safeValue(this.orderbooks, symbol);
        if (orderbook === undefined) {
            return;
        }
        if (type === 'delta' && this.safeInteger(message, 'prev_seq') !== orderbook['nonce']) {
            this.resubscribeBook(client, symbol, channel, new InvalidNonce(this.id + ' ' + channel + ' skipped from seq ' + orderbook['nonce'] + ' to prev_seq ' + this.safeString(message, 'prev_seq')));
            return;
        }
        for (const side of ['bids', 'asks']) {
            const texts = this.bookTexts[symbol][side];
            for (const [price, size] of this.safeList(message, side, [])) {
                const level = [this.parseNumber(price), this.parseNumber(size)];
                orderbook[side].storeArray(level);
                if (level[1] === 0) {
                    texts.delete(level[0]);
                } else {
                    texts.set(level[0], [price, size]);
                }
            }
        }
        orderbook['nonce'] = seq;
        const checksum = this.safeInteger(message, 'checksum');
        if (this.safeBool(this.options, 'checksum', true) && checksum !== undefined && this.bookChecksum(symbol) !== checksum) {
            this.resubscribeBook(client, symbol, channel, new ChecksumError(this.id + ' ' + channel + ' checksum mismatch at seq ' + seq));
            return;
        }
        client.resolve(orderbook, channel);
    }

    /** API.md: CRC32 (unsigned) of the top 25 levels, bid_price:bid_size:ask_price:ask_size joined with ':', as sent. */
    bookChecksum(symbol) {
        const orderbook = this.orderbooks[symbol];
        const texts = this.bookTexts[symbol];
        const parts = [];
        for (let i = 0; i < BOOK_CHECKSUM_LEVELS; i++) {
            for (const side of ['bids', 'asks']) {
                if (i < orderbook[side].length) {
                    parts.push(...texts[side].get(orderbook[side][i][0]));
                }
            }
        }
        return this.crc32(parts.join(':'), false);
    }

    /** A gap or a bad checksum: drop the local book and ask the server for a new snapshot. */
    resubscribeBook(client, symbol, channel, error) {
        delete this.orderbooks[symbol];
        delete this.bookTexts[symbol];
        delete client.subscriptions[channel];
        client.send(this.wsRequest('unsubscribe', channel, { 'channels': [channel] }));
        client.reject(error, channel);
    }

    /** What a stream delivered since the caller last looked (while it was not awaiting), else nothing. */
    takeUnseen(messageHash) {
        const recent = (this.wsRecent === undefined) ? undefined : this.wsRecent[messageHash];
        return (recent === undefined) ? [] : recent.takeUnseen();
    }

    recentItems(messageHash, limitOption) {
        if (this.wsRecent === undefined) {
            this.wsRecent = {};
        }
        if (this.wsRecent[messageHash] === undefined) {
            this.wsRecent[messageHash] = new RecentItems(this.safeInteger(this.options, limitOption, 1000));
        }
        return this.wsRecent[messageHash];
    }

    handleTradesMessage(client, message, channel) {
        const market = this.safeMarket(channel.slice('trades:'.length), undefined, '-');
        const data = this.safeValue(message, 'data');
        const recent = this.recentItems(channel, 'tradesLimit');
        for (const trade of (Array.isArray(data) ? data : [data])) {
            recent.add(this.parseTrade(trade, market));
        }
        client.resolve(recent, channel);
    }

    handleOrderMessage(client, message) {
        const order = this.parseOrder(this.safeDict(message, 'data', {}));
        for (const messageHash of ['orders', 'orders:' + order['symbol']]) {
            const recent = this.recentItems(messageHash, 'ordersLimit');
            recent.add(order);
            client.resolve(recent, messageHash);
        }
    }
}
