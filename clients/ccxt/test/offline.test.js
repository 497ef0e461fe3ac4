// What needs no exchange: the signer against API.md's test vector, and every error code's ccxt class
// through ccxt's whole request path, answered by a canned HTTP server (codes such as engine_busy and
// internal_error cannot be caused on demand).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import ccxt from 'ccxt';
import tidemark, { spec } from '../index.js';

const VECTOR = {
    secret: 'tm_test_secret_0123456789abcdef',
    timestamp: '1714521600000',
    nonce: '7f3a1b8e',
    body: '{"pair":"BTC-USD","side":"buy","type":"limit","price":"63000","size":"0.01"}',
    signature: '7f1eae6fda5025790191e1850ec17697b5966f611d50445a43f50084bbd6a575',
};

describe('signing', () => {
    test('the signature of API.md test vector', () => {
        const exchange = new tidemark({ apiKey: 'tmk_vector', secret: VECTOR.secret });
        assert.equal(exchange.signature(VECTOR.timestamp, VECTOR.nonce, 'POST', '/v1/orders', VECTOR.body), VECTOR.signature);
    });

    test('sign() sends the test vector body with its headers', () => {
        const exchange = new tidemark({ apiKey: 'tmk_vector', secret: VECTOR.secret });
        exchange.signingTimestamp = () => Number(VECTOR.timestamp);
        exchange.signingNonce = () => VECTOR.nonce;
        const request = exchange.sign('orders', 'private', 'POST', JSON.parse(VECTOR.body));
        assert.equal(request.url, 'http://127.0.0.1:8080/v1/orders');
        assert.equal(request.body, VECTOR.body);
        assert.deepEqual(request.headers, {
            'Content-Type': 'application/json',
            'X-Api-Key': 'tmk_vector',
            'X-Api-Timestamp': VECTOR.timestamp,
            'X-Api-Nonce': VECTOR.nonce,
            'X-Api-Signature': VECTOR.signature,
        });
    });

    test('a GET signs the path with its query and an empty body', () => {
        const exchange = new tidemark({ apiKey: 'k', secret: VECTOR.secret, urls: { api: { rest: 'http://127.0.0.1:9/v1' } } });
        exchange.signingTimestamp = () => Number(VECTOR.timestamp);
        exchange.signingNonce = () => VECTOR.nonce;
        const request = exchange.sign('orders', 'private', 'GET', { status: 'open', pair: 'BTC-USD' });
        assert.equal(request.url, 'http://127.0.0.1:9/v1/orders?status=open&pair=BTC-USD');
        assert.equal(request.body, undefined);
        assert.equal(request.headers['X-Api-Signature'],
            exchange.signature(VECTOR.timestamp, VECTOR.nonce, 'GET', '/v1/orders?status=open&pair=BTC-USD', ''));
    });

    test('public requests carry no key or signature', () => {
        const exchange = new tidemark({ apiKey: 'k', secret: VECTOR.secret });
        const request = exchange.sign('ticker/{pair}', 'public', 'GET', { pair: 'BTC-USD' });
        assert.equal(request.url, 'http://127.0.0.1:8080/v1/ticker/BTC-USD');
        assert.deepEqual(request.headers, {});
    });
});

describe('rate limit', () => {
    test('rateLimit spends the retail budget of 1,200 weight a minute', () => {
        assert.equal(new tidemark().rateLimit, 50);
    });

    test('a book deeper than 100 levels costs 25, else its endpoint weight', () => {
        const exchange = new tidemark();
        assert.equal(exchange.calculateRateLimiterCost('public', 'GET', 'orderbook/{pair}', { depth: 1000 }, { cost: 5 }), 25);
        assert.equal(exchange.calculateRateLimiterCost('public', 'GET', 'orderbook/{pair}', { depth: 100 }, { cost: 5 }), 5);
        assert.equal(exchange.calculateRateLimiterCost('private', 'GET', 'fills', {}, { cost: 10 }), 10);
    });
});

describe('has', () => {
    test('every capability claimed is a method of this class, not ccxt\'s stub', () => {
        const exchange = new tidemark();
        const claimed = Object.entries(exchange.has).filter(([name, value]) => value === true && typeof exchange[name] === 'function');
        assert.ok(claimed.length >= 25);
        for (const [name] of claimed) {
            // ccxt's own createLimitOrder, createStopOrder… are createOrder with a type or a trigger price,
            // and its fetchL2OrderBook is fetchOrderBook
            const base = String(ccxt.Exchange.prototype[name]);
            const ownOrThroughCreateOrder = Object.hasOwn(tidemark.prototype, name)
                || base.includes('this.createOrder(') || base.includes('this.fetchOrderBook(');
            assert.ok(ownOrThroughCreateOrder, name + ' is claimed but not implemented here');
        }
    });
});

// HTTP status of each code (API.md); the gateway's ErrorCode enum is read for the ones it has
const API_MD_ONLY_STATUS = { account_frozen: 403, unknown_account: 404, deposit_conflict: 409, market_exists: 409, asset_exists: 409 };
const NETTY_STATUS = {
    BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, METHOD_NOT_ALLOWED: 405, REQUEST_TIMEOUT: 408,
    CONFLICT: 409, GONE: 410, REQUEST_ENTITY_TOO_LARGE: 413, TOO_MANY_REQUESTS: 429, INTERNAL_SERVER_ERROR: 500,
    SERVICE_UNAVAILABLE: 503,
};

function gatewayErrorCodes() {
    const source = readFileSync(new URL('../../../gateway/src/main/java/io/tidemark/gateway/error/ErrorCode.java', import.meta.url), 'utf8');
    const codes = {};
    for (const [, code, status] of source.matchAll(/\("([a-z_]+)", HttpResponseStatus\.([A-Z_]+)\)/g)) {
        codes[code] = NETTY_STATUS[status];
    }
    return codes;
}

describe('error mapping', () => {
    let server;
    let canned;
    let exchange;

    before(async () => {
        server = createServer((request, response) => {
            request.resume();
            response.writeHead(canned.status, { 'Content-Type': 'application/json' });
            response.end(JSON.stringify({ error: canned.error }));
        });
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        exchange = new tidemark({ apiKey: 'k', secret: 's', urls: { api: { rest: 'http://127.0.0.1:' + server.address().port + '/v1' } } });
    });

    after(() => new Promise((resolve) => server.close(resolve)));

    test('every code the gateway can answer has a ccxt class', () => {
        const codes = Object.keys(gatewayErrorCodes());
        assert.ok(codes.length >= 30);
        assert.deepEqual(codes.filter((code) => !(code in spec.errors)), []);
    });

    test('the classes the issue names', () => {
        const expected = {
            insufficient_funds: 'InsufficientFunds',
            invalid_price: 'InvalidOrder', invalid_size: 'InvalidOrder', invalid_parameter: 'InvalidOrder',
            order_not_found: 'OrderNotFound',
            rate_limited: 'RateLimitExceeded',
            missing_auth: 'AuthenticationError', invalid_key: 'AuthenticationError', invalid_signature: 'AuthenticationError',
            nonce_reused: 'InvalidNonce', timestamp_out_of_window: 'InvalidNonce',
            client_order_id_conflict: 'DuplicateOrderId',
            insufficient_scope: 'PermissionDenied', ip_not_allowed: 'PermissionDenied', tier_required: 'PermissionDenied',
            account_frozen: 'AccountSuspended',
            unknown_pair: 'BadSymbol',
            market_halted: 'OnMaintenance',
            engine_busy: 'ExchangeNotAvailable', server_busy: 'ExchangeNotAvailable',
            internal_error: 'ExchangeError',
        };
        for (const [code, name] of Object.entries(expected)) {
            assert.equal(spec.errors[code], name, code);
        }
    });

    const statuses = { ...API_MD_ONLY_STATUS, ...gatewayErrorCodes() };
    for (const [code, className] of Object.entries(spec.errors)) {
        test(code + ' answered over HTTP raises ' + className, async () => {
            canned = { status: statuses[code] ?? 400, error: { code, message: 'canned ' + code } };
            await assert.rejects(exchange.fetchTime(), (error) => {
                assert.ok(error instanceof ccxt[className], code + ' raised ' + error.constructor.name);
                assert.match(error.message, new RegExp('"code":"' + code + '"'));
                return true;
            });
        });
    }

    test('an unknown code still raises an ExchangeError', async () => {
        canned = { status: 418, error: { code: 'brand_new_code', message: 'later' } };
        await assert.rejects(exchange.fetchTime(), (error) => error.constructor === ccxt.ExchangeError);
    });

    test('timestamp_out_of_window sets the clock offset from server_time, so the retry signs in the window', async () => {
        const serverTime = Date.now() - 3_600_000;
        canned = { status: 401, error: { code: 'timestamp_out_of_window', message: 'late', server_time: serverTime } };
        await assert.rejects(exchange.fetchTime(), ccxt.InvalidNonce);
        assert.ok(Math.abs(exchange.signingTimestamp() - serverTime) < 5_000);
    });
});
