// A market-making loop on ccxt.pro's watch* methods: it quotes one bid and one ask 10 bps either side of the
// mid of the live book, moves them (editOrder, keeping their queue ids) when the mid moves by more than 1 bp,
// and stops after N book updates.
// Run against a sandbox with its simulation: ./tidemark sandbox, then: node examples/market-maker.js
import tidemark from '../index.js';

const rest = process.env.TIDEMARK_REST ?? 'http://127.0.0.1:8080/v1';
const updates = Number(process.env.UPDATES ?? 50);
const signup = await (await fetch(rest + '/sandbox/accounts', { method: 'POST', body: '{}' })).json();
const exchange = new tidemark({ apiKey: signup.data.key, secret: signup.data.secret, urls: { api: { rest } } });
await exchange.loadMarkets();
const symbol = 'BTC/USD';
let quotes = null;
let lastMid = null;

for (let i = 0; i < updates; i++) {
    const book = await exchange.watchOrderBook(symbol, 10);
    if (book.bids.length === 0 || book.asks.length === 0) continue;
    const mid = (book.bids[0][0] + book.asks[0][0]) / 2;
    if (lastMid !== null && Math.abs(mid - lastMid) <= mid * 0.0001) continue;
    const bid = Number(exchange.priceToPrecision(symbol, mid * 0.999));
    const ask = Number(exchange.priceToPrecision(symbol, mid * 1.001));
    if (quotes === null) {
        quotes = [
            await exchange.createOrder(symbol, 'limit', 'buy', 0.01, bid, { postOnly: true }),
            await exchange.createOrder(symbol, 'limit', 'sell', 0.01, ask, { postOnly: true }),
        ];
    } else {
        quotes = [
            await exchange.editOrder(quotes[0].id, symbol, 'limit', 'buy', undefined, bid),
            await exchange.editOrder(quotes[1].id, symbol, 'limit', 'sell', undefined, ask),
        ];
    }
    lastMid = mid;
    console.log(`mid ${mid.toFixed(2)}: bid ${bid} ask ${ask} (book seq ${book.nonce})`);
}
await exchange.cancelAllOrders(symbol);
console.log('open orders left:', (await exchange.fetchOpenOrders(symbol)).length);
await exchange.close();
