// A sandbox account, its balance, the book, and one limit order placed and cancelled.
// Run against a sandbox: ./tidemark sandbox (port 8080), then: node examples/quickstart.js
import tidemark from '../index.js';

const rest = process.env.TIDEMARK_REST ?? 'http://127.0.0.1:8080/v1';
const signup = await (await fetch(rest + '/sandbox/accounts', { method: 'POST', body: '{}' })).json();
const exchange = new tidemark({ apiKey: signup.data.key, secret: signup.data.secret, urls: { api: { rest } } });

console.log('USD free:', (await exchange.fetchBalance()).USD.free);
const book = await exchange.fetchOrderBook('BTC/USD', 5);
console.log('best bid/ask:', book.bids[0]?.[0], book.asks[0]?.[0]);
const order = await exchange.createOrder('BTC/USD', 'limit', 'buy', 0.001, 20000, { clientOrderId: 'quickstart-1' });
console.log('placed', order.id, order.status);
console.log('cancelled', (await exchange.cancelOrder(order.id, 'BTC/USD')).status);
