// Every unified method against a real sandbox (no simulated traders, so the book changes only by what
// these tests do), each checked against the raw REST answer of the same endpoint.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import ccxt from 'ccxt';
import tidemark from '../index.js';
import { Sandbox } from './sandbox.js';

const SYMBOL = 'BTC/USD';
const PAIR = 'BTC-USD';

let sandbox;
let maker;   // rests the book the tests trade against
let taker;   // makes the public trades
let trader;  // the account under test

const num = (text) => (text === null ? undefined : Number(text));
const data = (response) => response.data;

async function rawOrder(exchange, id) {
    return data(await exchange.privateGetOrdersId({ id }));
}

before(async () => {
    sandbox = await Sandbox.start();
    maker = await sandbox.exchange();
    taker = await sandbox.exchange();
    trader = await sandbox.exchange();
    for (const exchange of [maker, taker, trader]) {
        await exchange.loadMarkets();
    }
    await maker.createOrder(SYMBOL, 'limit', 'sell', 0.5, 63000);
    await maker.createOrder(SYMBOL, 'limit', 'sell', 0.5, 63100);
    await maker.createOrder(SYMBOL, 'limit', 'buy', 0.5, 62000);
    await maker.createOrder(SYMBOL, 'limit', 'buy', 0.5, 61900);
    await taker.createOrder(SYMBOL, 'market', 'buy', 0.01);
    await taker.createOrder(SYMBOL, 'market', 'sell', 0.02);
});

after(async () => {
    for (const exchange of [maker, taker, trader]) {
        await exchange?.close();
    }
    await sandbox?.stop();
});

describe('market data', () => {
    test('fetchTime is the server clock', async () => {
        const before = data(await trader.publicGetTime()).epoch_ms;
        const time = await trader.fetchTime();
        const after = data(await trader.publicGetTime()).epoch_ms;
        assert.ok(before <= time && time <= after, before + ' <= ' + time + ' <= ' + after);
    });

    test('fetchStatus is ok while the server answers ping', async () => {
        assert.equal((await trader.fetchStatus()).status, 'ok');
    });

    test('fetchMarkets gives each pair its tick, lot, limits and fees', async () => {
        const raw = data(await trader.publicGetMarkets());
        const markets = await trader.fetchMarkets();
        assert.equal(markets.length, raw.length);
        for (const entry of raw) {
            const market = markets.find((m) => m.id === entry.pair);
            assert.equal(market.symbol, entry.base + '/' + entry.quote);
            assert.equal(market.active, entry.status === 'trading');
            assert.equal(market.precision.price, num(entry.tick_size));
            assert.equal(market.precision.amount, num(entry.lot_size));
            assert.equal(market.limits.amount.min, num(entry.min_size));
            assert.equal(market.limits.amount.max, num(entry.max_size));
            assert.equal(market.limits.price.max, num(entry.max_price));
            assert.equal(market.limits.cost.min, num(entry.min_notional));
            assert.equal(market.maker, entry.maker_fee_bps / 10000);
            assert.equal(market.taker, entry.taker_fee_bps / 10000);
        }
    });

    test('fetchTradingFees are the markets\' fees as fractions', async () => {
        const raw = data(await trader.publicGetMarkets());
        const fees = await trader.fetchTradingFees();
        assert.deepEqual(Object.keys(fees).sort(), raw.map((m) => m.base + '/' + m.quote).sort());
        assert.equal(fees[SYMBOL].maker, raw.find((m) => m.pair === PAIR).maker_fee_bps / 10000);
        assert.equal(fees[SYMBOL].taker, raw.find((m) => m.pair === PAIR).taker_fee_bps / 10000);
    });

    test('fetchTicker is the 24 h ticker', async () => {
        const raw = data(await trader.publicGetTickerPair({ pair: PAIR }));
        const ticker = await trader.fetchTicker(SYMBOL);
        assert.equal(ticker.symbol, SYMBOL);
        assert.equal(ticker.last, num(raw.last_price));
        assert.equal(ticker.bid, num(raw.best_bid));
        assert.equal(ticker.bidVolume, num(raw.best_bid_size));
        assert.equal(ticker.ask, num(raw.best_ask));
        assert.equal(ticker.askVolume, num(raw.best_ask_size));
        assert.equal(ticker.open, num(raw.open_24h));
        assert.equal(ticker.high, num(raw.high_24h));
        assert.equal(ticker.low, num(raw.low_24h));
        assert.equal(ticker.change, num(raw.change_24h));
        assert.equal(ticker.percentage, num(raw.change_pct_24h));
        assert.equal(ticker.baseVolume, num(raw.volume_24h));
        assert.equal(ticker.quoteVolume, num(raw.quote_volume_24h));
        assert.equal(ticker.datetime, raw.last_time.slice(0, 23) + 'Z');
        assert.equal(ticker.last, 62000);
        assert.equal(ticker.bid, 62000);
        assert.equal(ticker.ask, 63000);
    });

    test('fetchTickers gives every market\'s ticker', async () => {
        const tickers = await trader.fetchTickers();
        assert.deepEqual(Object.keys(tickers).sort(), [...trader.symbols].sort());
        const raw = data(await trader.publicGetTickerPair({ pair: PAIR }));
        assert.equal(tickers[SYMBOL].last, num(raw.last_price));
        assert.equal(tickers['ETH/USD'].last, undefined);
    });

    test('fetchOrderBook is the aggregated book with its seq as nonce', async () => {
        const raw = data(await trader.publicGetOrderbookPair({ pair: PAIR, depth: 2 }));
        const book = await trader.fetchOrderBook(SYMBOL, 2);
        assert.equal(book.nonce, raw.seq);
        assert.deepEqual(book.bids, raw.bids.map(([price, size]) => [num(price), num(size)]));
        assert.deepEqual(book.asks, raw.asks.map(([price, size]) => [num(price), num(size)]));
        assert.deepEqual(book.asks[0], [63000, 0.49]);
        assert.deepEqual(book.bids[0], [62000, 0.48]);
    });

    test('fetchTrades gives the public trades oldest first', async () => {
        const raw = data(await trader.publicGetTradesPair({ pair: PAIR }));
        const trades = await trader.fetchTrades(SYMBOL);
        assert.deepEqual(trades.map((t) => t.id), raw.map((t) => t.trade_id).reverse());
        const newest = trades[trades.length - 1];
        assert.equal(newest.price, num(raw[0].price));
        assert.equal(newest.amount, num(raw[0].size));
        assert.equal(newest.side, raw[0].taker_side);
        assert.equal(newest.symbol, SYMBOL);
    });

    test('fetchTrades since a time gives only the trades from then on', async () => {
        const all = await trader.fetchTrades(SYMBOL);
        const since = all[all.length - 1].timestamp;
        const recent = await trader.fetchTrades(SYMBOL, since);
        assert.ok(recent.length >= 1 && recent.length < all.length);
        assert.ok(recent.every((t) => t.timestamp >= since));
    });

    test('fetchOHLCV gives the candles oldest first', async () => {
        const raw = data(await trader.publicGetCandlesPair({ pair: PAIR, interval: '1m' }));
        const candles = await trader.fetchOHLCV(SYMBOL, '1m');
        assert.deepEqual(candles, raw.reverse().map((c) => [Date.parse(c.start), num(c.open), num(c.high), num(c.low), num(c.close), num(c.volume)]));
        assert.ok(candles.length >= 1);
    });

    test('fetchOHLCV since a time keeps only candles starting then or later; limit keeps the newest', async () => {
        const candles = await trader.fetchOHLCV(SYMBOL, '1d');
        const last = candles[candles.length - 1];
        assert.deepEqual(await trader.fetchOHLCV(SYMBOL, '1d', last[0]), [last]);
        assert.deepEqual(await trader.fetchOHLCV(SYMBOL, '1d', last[0] + 1), []);
        assert.deepEqual(await trader.fetchOHLCV(SYMBOL, '1d', undefined, 1), [last]);
    });

    test('fetchOHLCV since with a limit asks for that range only (start and end)', async () => {
        const [first] = await trader.fetchOHLCV(SYMBOL, '1m', 0);
        const raw = data(await trader.publicGetCandlesPair({ pair: PAIR, interval: '1m', start: first[0], end: first[0] + 59_999 }));
        assert.deepEqual(await trader.fetchOHLCV(SYMBOL, '1m', first[0], 1), [[first[0], ...[raw[0].open, raw[0].high, raw[0].low, raw[0].close, raw[0].volume].map(num)]]);
        // the minute before the first candle holds none: the first candle after it is not returned
        assert.deepEqual(await trader.fetchOHLCV(SYMBOL, '1m', first[0] - 60_000, 1), []);
    });
});

describe('orders', () => {
    test('createOrder limit rests an order', async () => {
        const order = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.01, 60000);
        const raw = await rawOrder(trader, order.id);
        assert.deepEqual([raw.pair, raw.side, raw.type, raw.price, raw.size, raw.status, raw.time_in_force], [PAIR, 'buy', 'limit', '60000.00', '0.0100', 'open', 'gtc']);
        assert.deepEqual([order.symbol, order.side, order.type, order.price, order.amount, order.status, order.timeInForce, order.remaining],
            [SYMBOL, 'buy', 'limit', 60000, 0.01, 'open', 'GTC', 0.01]);
        await trader.cancelOrder(order.id);
    });

    test('createOrder market fills against the book', async () => {
        const order = await trader.createOrder(SYMBOL, 'market', 'buy', 0.001);
        const raw = await rawOrder(trader, order.id);
        assert.equal(raw.status, 'filled');
        assert.deepEqual([order.status, order.type, order.filled, order.average, order.cost], ['closed', 'market', 0.001, 63000, 63]);
        assert.equal(order.fee.cost, num(raw.fees));
        assert.equal(order.fee.currency, 'USD');
    });

    test('a market order with a trigger price is a stop', async () => {
        const order = await trader.createOrder(SYMBOL, 'market', 'sell', 0.001, undefined, { triggerPrice: 55000 });
        const raw = await rawOrder(trader, order.id);
        assert.deepEqual([raw.type, raw.stop_price, raw.status], ['stop', '55000.00', 'pending_trigger']);
        assert.deepEqual([order.type, order.triggerPrice, order.status], ['market', 55000, 'open']);
        await trader.cancelOrder(order.id);
    });

    test('a limit order with a trigger price is a stop-limit', async () => {
        const order = await trader.createOrder(SYMBOL, 'limit', 'sell', 0.001, 54000, { stopPrice: 55000 });
        const raw = await rawOrder(trader, order.id);
        assert.deepEqual([raw.type, raw.price, raw.stop_price, raw.status], ['stop_limit', '54000.00', '55000.00', 'pending_trigger']);
        assert.deepEqual([order.type, order.price, order.triggerPrice], ['limit', 54000, 55000]);
        await trader.cancelOrder(order.id);
    });

    test('postOnly rests as post-only; one that would take is cancelled', async () => {
        const resting = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 61000, { postOnly: true });
        assert.equal((await rawOrder(trader, resting.id)).post_only, true);
        assert.equal(resting.postOnly, true);
        const taking = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 63000, { timeInForce: 'PO' });
        const raw = await rawOrder(trader, taking.id);
        assert.deepEqual([raw.status, raw.cancel_reason], ['cancelled', 'post_only_would_take']);
        assert.equal(taking.status, 'canceled');
        await trader.cancelOrder(resting.id);
    });

    test('timeInForce IOC cancels what does not fill at once', async () => {
        const order = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60000, { timeInForce: 'IOC' });
        const raw = await rawOrder(trader, order.id);
        assert.deepEqual([raw.time_in_force, raw.status, raw.cancel_reason], ['ioc', 'cancelled', 'ioc_remainder']);
        assert.deepEqual([order.timeInForce, order.status], ['IOC', 'canceled']);
    });

    test('createMarketBuyOrderWithCost spends quote (funds)', async () => {
        const order = await trader.createMarketBuyOrderWithCost(SYMBOL, 126);
        const raw = await rawOrder(trader, order.id);
        assert.equal(num(raw.funds), 126);
        assert.equal(raw.size, null);
        assert.equal(order.status, 'closed');
        assert.equal(order.filled, num(raw.filled_size));
        // funds pay value and fee; whole lots only, so one more lot would have cost more than the funds
        const spent = order.cost + order.fee.cost;
        const oneLot = order.average * trader.markets[SYMBOL].precision.amount;
        assert.ok(spent <= 126 && spent + oneLot > 126, spent + ' spent, one lot ' + oneLot);
    });

    test('editOrder amends size and price', async () => {
        const order = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.01, 60000);
        const smaller = await trader.editOrder(order.id, SYMBOL, 'limit', 'buy', 0.005);
        assert.deepEqual([(await rawOrder(trader, order.id)).size, smaller.amount, smaller.price], ['0.0050', 0.005, 60000]);
        const moved = await trader.editOrder(order.id, SYMBOL, 'limit', 'buy', undefined, 60100);
        assert.deepEqual([(await rawOrder(trader, order.id)).price, moved.price, moved.id], ['60100.00', 60100, order.id]);
        await trader.cancelOrder(order.id);
    });

    test('cancelOrder cancels by id and by clientOrderId', async () => {
        const byId = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60000);
        const cancelled = await trader.cancelOrder(byId.id, SYMBOL);
        assert.equal(cancelled.status, 'canceled');
        assert.deepEqual([(await rawOrder(trader, byId.id)).status, (await rawOrder(trader, byId.id)).cancel_reason], ['cancelled', 'user']);
        const clientOrderId = 'cancel-by-client-' + Date.now();
        const byClient = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60000, { clientOrderId });
        const cancelledByClient = await trader.cancelOrder(undefined, SYMBOL, { clientOrderId });
        assert.deepEqual([cancelledByClient.id, cancelledByClient.clientOrderId, cancelledByClient.status], [byClient.id, clientOrderId, 'canceled']);
    });

    test('cancelAllOrders cancels every open order of the pair', async () => {
        await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60000);
        await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60001);
        const open = data(await trader.privateGetOrders({ status: 'open', pair: PAIR })).map((o) => o.id).sort();
        assert.equal(open.length, 2);
        const cancelled = await trader.cancelAllOrders(SYMBOL);
        assert.deepEqual(cancelled.map((o) => o.id).sort(), open);
        assert.ok(cancelled.every((o) => o.status === 'canceled' && o.symbol === SYMBOL));
        assert.deepEqual(data(await trader.privateGetOrders({ status: 'open' })), []);
    });

    test('fetchOrder finds an order in any status, by id or clientOrderId', async () => {
        const clientOrderId = 'fetch-' + Date.now();
        const open = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60000, { clientOrderId });
        const filled = await trader.createOrder(SYMBOL, 'market', 'buy', 0.001);
        assert.equal((await trader.fetchOrder(open.id, SYMBOL)).status, 'open');
        assert.equal((await trader.fetchOrder(undefined, SYMBOL, { clientOrderId })).id, open.id);
        await trader.cancelOrder(open.id);
        assert.equal((await trader.fetchOrder(open.id)).status, 'canceled');
        const fetched = await trader.fetchOrder(filled.id);
        const raw = await rawOrder(trader, filled.id);
        assert.deepEqual([fetched.status, fetched.filled, fetched.average, fetched.cost, fetched.datetime],
            ['closed', num(raw.filled_size), num(raw.avg_fill_price), num(raw.filled_value), raw.created_at.slice(0, 23) + 'Z']);
    });

    test('fetchOpenOrders, fetchClosedOrders and fetchOrders list what the REST lists list', async () => {
        const resting = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60000);
        for (const [method, status] of [['fetchOpenOrders', 'open'], ['fetchClosedOrders', 'closed'], ['fetchOrders', 'all']]) {
            const raw = data(await trader.privateGetOrders({ status, pair: PAIR }));
            const orders = await trader[method](SYMBOL);
            assert.deepEqual(orders.map((o) => o.id).sort(), raw.map((o) => o.id).sort(), method);
            assert.ok(orders.length > 0, method);
        }
        assert.deepEqual((await trader.fetchOpenOrders(SYMBOL)).map((o) => o.id), [resting.id]);
        const newestTwo = await trader.fetchClosedOrders(SYMBOL, undefined, 2);
        const raw = data(await trader.privateGetOrders({ status: 'closed', limit: 2 }));
        assert.deepEqual(newestTwo.map((o) => o.id).sort(), raw.map((o) => o.id).sort());
        await trader.cancelOrder(resting.id);
    });

    test('fetchMyTrades gives the account\'s fills with fee and liquidity', async () => {
        const raw = data(await trader.privateGetFills({ pair: PAIR }));
        const trades = await trader.fetchMyTrades(SYMBOL);
        assert.deepEqual(trades.map((t) => t.id), raw.map((f) => f.trade_id).reverse());
        const newest = trades[trades.length - 1];
        assert.deepEqual([newest.order, newest.side, newest.price, newest.amount, newest.takerOrMaker, newest.fee.cost, newest.fee.currency],
            [raw[0].order_id, raw[0].side, num(raw[0].price), num(raw[0].size), raw[0].liquidity, num(raw[0].fee), raw[0].fee_asset]);
    });

    test('fetchBalance gives the spot wallet: available free, hold used', async () => {
        const resting = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.01, 60000);
        const raw = data(await trader.privateGetAccountBalances());
        const balance = await trader.fetchBalance();
        for (const entry of raw) {
            assert.equal(balance[entry.asset].free, num(entry.spot.available), entry.asset);
            assert.equal(balance[entry.asset].used, num(entry.spot.hold), entry.asset);
        }
        assert.ok(balance.USD.used >= 600);
        await trader.cancelOrder(resting.id);
    });
});

describe('client_order_id retries', () => {
    test('a createOrder retried with the same clientOrderId creates one order', async () => {
        const clientOrderId = 'retry-' + Date.now();
        const first = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.002, 60500, { clientOrderId });
        const retried = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.002, 60500, { clientOrderId });
        assert.equal(retried.id, first.id);
        const all = data(await trader.privateGetOrders({ status: 'all', limit: 1000 }));
        assert.equal(all.filter((o) => o.client_order_id === clientOrderId).length, 1);
        await trader.cancelOrder(first.id);
    });

    test('the same clientOrderId with other fields is a DuplicateOrderId', async () => {
        const clientOrderId = 'conflict-' + Date.now();
        await trader.createOrder(SYMBOL, 'limit', 'buy', 0.002, 60500, { clientOrderId });
        await assert.rejects(trader.createOrder(SYMBOL, 'limit', 'buy', 0.003, 60500, { clientOrderId }), ccxt.DuplicateOrderId);
        await trader.cancelAllOrders();
    });
});

describe('errors caused for real', () => {
    const rejectsWith = (promise, errorClass, code) => assert.rejects(promise, (error) => {
        assert.ok(error instanceof errorClass, 'got ' + error.constructor.name + ': ' + error.message);
        assert.match(error.message, new RegExp('"code":"' + code + '"'));
        return true;
    });

    test('insufficient_funds', () => rejectsWith(trader.createOrder(SYMBOL, 'limit', 'buy', 100, 60000), ccxt.InsufficientFunds, 'insufficient_funds'));

    test('invalid_price: above the market\'s max price', () => rejectsWith(trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 30000000), ccxt.InvalidOrder, 'invalid_price'));

    test('invalid_size: above the market\'s max size', () => rejectsWith(trader.createOrder(SYMBOL, 'limit', 'sell', 300000, 60000), ccxt.InvalidOrder, 'invalid_size'));

    test('invalid_parameter', () => rejectsWith(trader.privateGetOrders({ limit: 5000 }), ccxt.InvalidOrder, 'invalid_parameter'));

    test('unknown_pair', () => rejectsWith(trader.publicGetTickerPair({ pair: 'DOGE-USD' }), ccxt.BadSymbol, 'unknown_pair'));

    test('order_not_found', () => rejectsWith(trader.fetchOrder('999999999'), ccxt.OrderNotFound, 'order_not_found'));

    test('missing_auth', () => rejectsWith(trader.fetch(sandbox.rest + '/account/balances', 'GET', {}), ccxt.AuthenticationError, 'missing_auth'));

    test('invalid_key', () => rejectsWith(new tidemark({ apiKey: 'tmk_nobody', secret: 'x', urls: { api: { rest: sandbox.rest } } }).fetchBalance(),
        ccxt.AuthenticationError, 'invalid_key'));

    test('invalid_signature', async () => {
        const wrongSecret = new tidemark({ apiKey: trader.apiKey, secret: trader.secret + 'x', urls: { api: { rest: sandbox.rest } } });
        await rejectsWith(wrongSecret.fetchBalance(), ccxt.AuthenticationError, 'invalid_signature');
    });

    test('timestamp_out_of_window, then the retry signs with the server\'s clock', async () => {
        const skewed = await sandbox.exchange({}, { options: { timeDifference: 3_600_000 } });
        await rejectsWith(skewed.fetchBalance(), ccxt.InvalidNonce, 'timestamp_out_of_window');
        assert.ok((await skewed.fetchBalance()).USD.total > 0);
    });

    test('nonce_reused', async () => {
        const repeating = await sandbox.exchange();
        repeating.signingNonce = () => 'same-nonce';
        await repeating.fetchBalance();
        await rejectsWith(repeating.fetchBalance(), ccxt.InvalidNonce, 'nonce_reused');
    });

    test('insufficient_scope: a read-only key places no order', async () => {
        const readOnly = await sandbox.exchange({ scopes: ['read'] });
        await rejectsWith(readOnly.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60000), ccxt.PermissionDenied, 'insufficient_scope');
    });

    test('ip_not_allowed', async () => {
        const elsewhere = await sandbox.exchange({ ip_allowlist: ['10.0.0.0/8'] });
        await rejectsWith(elsewhere.fetchBalance(), ccxt.PermissionDenied, 'ip_not_allowed');
    });

    test('tier_required: a retail key asks for 1,000 levels; a market maker gets them', async () => {
        await rejectsWith(trader.fetchOrderBook(SYMBOL, 1000), ccxt.PermissionDenied, 'tier_required');
        const marketMaker = await sandbox.exchange({ tier: 'market_maker' });
        assert.equal((await marketMaker.fetchOrderBook(SYMBOL, 1000)).bids[0][0], 62000);
    });
});

describe('WebSocket (ccxt.pro watch*)', () => {
    test('watchOrderBook follows the book: the same levels, seq and checksum as REST', async () => {
        const first = await trader.watchOrderBook(SYMBOL);
        const rest = await trader.fetchOrderBook(SYMBOL);
        assert.equal(first.nonce, rest.nonce);
        assert.deepEqual([first.bids, first.asks], [rest.bids, rest.asks]);
        // like any ccxt.pro book: a watch resolves on the next update, so it is waiting before the order
        const next = trader.watchOrderBook(SYMBOL, 5);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const placed = await maker.createOrder(SYMBOL, 'limit', 'buy', 0.25, 62500);
        let book = await next;
        while (!book.bids.some(([price]) => price === 62500)) {
            book = await trader.watchOrderBook(SYMBOL, 5);
        }
        const raw = data(await trader.publicGetOrderbookPair({ pair: PAIR }));
        assert.equal(book.nonce, raw.seq);
        assert.deepEqual(book.bids[0], [62500, 0.25]);
        assert.equal(book.bids.length, 3);
        assert.equal(trader.bookChecksum(SYMBOL), raw.checksum);
        await maker.cancelOrder(placed.id);
    });

    test('watchTrades delivers a new public trade', async () => {
        const watching = trader.watchTrades(SYMBOL);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await taker.createOrder(SYMBOL, 'market', 'buy', 0.003);
        const trades = await watching;
        const raw = data(await trader.publicGetTradesPair({ pair: PAIR, limit: 1 }))[0];
        assert.deepEqual(trades.map((t) => [t.id, t.price, t.amount, t.side, t.symbol]), [[raw.trade_id, num(raw.price), 0.003, 'buy', SYMBOL]]);
    });

    test('watchOrders delivers each state change of the account\'s orders', async () => {
        const watching = trader.watchOrders(SYMBOL);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const order = await trader.createOrder(SYMBOL, 'limit', 'buy', 0.001, 60000);
        const opened = await watching;
        assert.deepEqual(opened.map((o) => [o.id, o.status]), [[order.id, 'open']]);
        await trader.cancelOrder(order.id);
        let seen = [];
        while (!seen.some((o) => o.status === 'canceled')) {
            seen = seen.concat(await trader.watchOrders(SYMBOL));
        }
        assert.deepEqual(seen.map((o) => [o.id, o.status]), [[order.id, 'canceled']]);
    });
});
