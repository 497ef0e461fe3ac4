import './style.css';
import { type Credentials, describeError, RestClient } from './api/rest';
import { Stream, type StreamMessage } from './api/stream';
import type { Balance, Candle, Fill, Info, Market, Order, SandboxAccount, Ticker, Trade } from './api/types';
import { BookSync, type DeltaMessage, type SnapshotMessage } from './book/bookSync';
import { AccountBar, KeyStorage, LOCAL_WARNING, SESSION_NOTE } from './ui/account';
import { byId, h } from './ui/dom';
import { BookPanel, ChartPanel, DepthPanel, MarketsPanel, renderSummary, TradesPanel } from './ui/marketPanels';
import { BalancesPanel, FillsPanel, OpenOrdersPanel, OrderForm } from './ui/tradingPanels';

const INTERVALS = ['1m', '5m', '15m', '1h', '4h', '1d'];

/**
 * The trading screen: public market data for the selected pair over REST then the WebSocket, and, once
 * signed in, the account's orders, fills and balances (REST for the state, the private channels for every
 * change after it). Everything goes through the public API of API.md and nothing else.
 */
class App {
  private readonly rest = new RestClient();
  private readonly stream: Stream;
  private info: Info = { mode: 'server', version: '', sandbox: false };
  private markets: Market[] = [];
  private readonly tickers = new Map<string, Ticker>();
  private pair = '';
  private interval = '1m';
  private sync: BookSync;
  private readonly orders = new Map<string, Order>();
  private fills: Fill[] = [];
  private readonly balances = new Map<string, Balance>();
  private keyWhere: 'local' | 'session' | null = null;
  private key: string | null = null;

  private readonly marketsPanel = new MarketsPanel(pair => void this.selectPair(pair));
  private readonly bookPanel = new BookPanel(() => this.sync, price => this.form.setPrice(price));
  private readonly tradesPanel = new TradesPanel();
  private readonly chartPanel = new ChartPanel();
  private readonly depthPanel = new DepthPanel(() => this.sync);
  private readonly form = new OrderForm({
    market: () => this.market(),
    balance: asset => this.balances.get(asset),
    signedIn: () => this.rest.signedIn,
    place: order => this.place(order),
    bestPrice: side => side === 'buy' ? this.sync.book.asks.level(0)?.[0] : this.sync.book.bids.level(0)?.[0],
  });
  private readonly ordersPanel = new OpenOrdersPanel(order => void this.cancel(order), () => void this.cancelAll());
  private readonly fillsPanel = new FillsPanel();
  private readonly balancesPanel = new BalancesPanel({
    sandbox: () => this.info.sandbox,
    signedIn: () => this.rest.signedIn,
    faucet: (asset, amount) => this.faucet(asset, amount),
    storageNote: () => this.keyWhere === 'local' ? LOCAL_WARNING : SESSION_NOTE,
  });
  private readonly accountBar = new AccountBar({
    sandbox: () => this.info.sandbox,
    createSandboxAccount: () => this.createSandboxAccount(),
    useKey: credentials => this.useKey(credentials, 'session'),
    signOut: () => this.signOut(),
  });

  constructor() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.stream = new Stream(`${scheme}//${location.host}/v1/ws`, m => this.onMessage(m), (status, detail) => {
      const element = byId('status');
      element.className = `status ${status}`;
      element.textContent = status === 'open' ? 'connected' : status === 'connecting' ? 'connecting…'
        : `reconnecting ${detail ?? ''}`.trim();
      if (status !== 'open') {
        this.sync.reset();
        this.bookPanel.schedule();
      }
    });
    this.sync = this.newSync();
    const intervals = byId('intervals');
    for (const interval of INTERVALS) {
      intervals.append(h('button', { type: 'button', 'aria-pressed': String(interval === this.interval),
        'data-interval': interval, onclick: () => void this.selectInterval(interval) }, interval));
    }
  }

  async start(): Promise<void> {
    const [info, markets] = await Promise.all([this.rest.get<Info>('/v1/info'), this.rest.get<Market[]>('/v1/markets'),
      this.rest.syncClock()]);
    this.info = info;
    this.markets = markets;
    byId('mode').textContent = info.mode;
    document.body.dataset.mode = info.mode;
    await Promise.all(markets.map(async m => this.tickers.set(m.pair, await this.rest.get<Ticker>(`/v1/ticker/${m.pair}`))));
    this.stream.subscribe(markets.map(m => `ticker:${m.pair}`));
    this.stream.connect();
    const stored = KeyStorage.load(info.sandbox);
    this.accountBar.render(null, null);
    this.renderAccount();
    const wanted = new URLSearchParams(location.search).get('pair');
    await this.selectPair(markets.find(m => m.pair === wanted)?.pair ?? markets[0]?.pair ?? '');
    if (stored) {
      await this.useKey(stored.credentials, stored.where).catch(() => this.signOut());
    }
    document.addEventListener('visibilitychange', () => {
      // a tab back from the background may hold a socket the network dropped silently: ping it by resubscribing
      if (document.visibilityState === 'visible' && this.sync.state !== 'live') {
        this.stream.resubscribe(`orderbook:${this.pair}`);
      }
    });
  }

  private market(): Market | undefined {
    return this.markets.find(m => m.pair === this.pair);
  }

  private newSync(): BookSync {
    return new BookSync(() => {
      this.bookPanel.schedule();
      this.stream.resubscribe(`orderbook:${this.pair}`);
    });
  }

  private async selectPair(pair: string): Promise<void> {
    if (!pair) {
      return;
    }
    const previous = this.pair;
    if (previous) {
      this.stream.unsubscribe([`orderbook:${previous}`, `trades:${previous}`, `candles:${previous}:${this.interval}`]);
    }
    this.pair = pair;
    const market = this.market()!;
    this.sync = this.newSync();
    this.bookPanel.setMarket(market);
    this.depthPanel.setMarket(market);
    this.renderMarkets();
    this.form.refresh();
    this.stream.subscribe([`orderbook:${pair}`, `trades:${pair}`, `candles:${pair}:${this.interval}`]);
    const [trades, candles] = await Promise.all([this.rest.get<Trade[]>(`/v1/trades/${pair}?limit=60`),
      this.rest.get<Candle[]>(`/v1/candles/${pair}?interval=${this.interval}&limit=300`)]);
    if (this.pair === pair) {
      this.tradesPanel.load(market, trades);
      this.chartPanel.load(market, candles);
    }
  }

  private async selectInterval(interval: string): Promise<void> {
    this.stream.unsubscribe([`candles:${this.pair}:${this.interval}`]);
    this.interval = interval;
    byId('intervals').querySelectorAll('button').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.interval === interval)));
    this.stream.subscribe([`candles:${this.pair}:${interval}`]);
    const candles = await this.rest.get<Candle[]>(`/v1/candles/${this.pair}?interval=${interval}&limit=300`);
    this.chartPanel.load(this.market()!, candles);
  }

  private onMessage(message: StreamMessage): void {
    const channel = message.channel ?? '';
    if (channel === `orderbook:${this.pair}`) {
      this.sync.onMessage(message as unknown as SnapshotMessage | DeltaMessage);
      this.bookPanel.schedule();
      this.depthPanel.schedule();
    } else if (channel.startsWith('ticker:')) {
      const ticker = message.data as Ticker;
      this.tickers.set(ticker.pair, ticker);
      this.renderMarkets();
    } else if (channel === `trades:${this.pair}`) {
      this.tradesPanel.add(message.data as Trade);
    } else if (channel === `candles:${this.pair}:${this.interval}`) {
      this.chartPanel.update(message.data as Candle);
    } else if (channel === 'orders') {
      this.upsertOrder(message.data as Order);
    } else if (channel === 'fills') {
      this.addFill(message.data as Fill);
    } else if (channel === 'balances') {
      const balance = message.data as Balance;
      this.balances.set(balance.asset, balance);
      this.renderAccount();
    } else if (message.type === 'error' && message.error?.code === 'since_seq_unavailable') {
      void this.loadAccount();
    }
  }

  private renderMarkets(): void {
    this.marketsPanel.render(this.markets, this.tickers, this.pair);
    renderSummary(this.market(), this.tickers.get(this.pair));
    document.title = `${this.tickers.get(this.pair)?.last_price ?? ''} ${this.pair} · Tidemark`.trim();
  }

  private renderAccount(): void {
    const signedIn = this.rest.signedIn;
    this.ordersPanel.render([...this.orders.values()], signedIn);
    this.fillsPanel.render(this.fills, signedIn);
    this.balancesPanel.render([...this.balances.values()]);
    this.form.refresh();
  }

  private upsertOrder(order: Order): void {
    const known = this.orders.get(order.id);
    // messages may arrive after the REST answer that already had a later state
    if (!known || (order.updated_at ?? '') >= (known.updated_at ?? '')) {
      this.orders.set(order.id, order);
    }
    this.renderAccount();
  }

  private addFill(fill: Fill): void {
    if (!this.fills.some(f => f.trade_id === fill.trade_id && f.order_id === fill.order_id)) {
      this.fills.unshift(fill);
      this.fills.sort((a, b) => b.time.localeCompare(a.time));
      this.fills.length = Math.min(this.fills.length, 100);
    }
    this.renderAccount();
  }

  // ------------------------------------------------------------------ account

  private async createSandboxAccount(): Promise<void> {
    const account = await this.rest.post<SandboxAccount>('/v1/sandbox/accounts');
    KeyStorage.saveSandbox({ key: account.key, secret: account.secret });
    await this.useKey({ key: account.key, secret: account.secret }, 'local');
  }

  private async useKey(credentials: Credentials, where: 'local' | 'session'): Promise<void> {
    if (!credentials.key || !credentials.secret) {
      throw new Error('both the key and its secret are needed');
    }
    await this.rest.signIn(credentials);
    try {
      await this.loadAccount();
    } catch (error) {
      await this.rest.signIn(null);
      throw new Error(describeError(error));
    }
    if (where === 'session') {
      KeyStorage.saveSession(credentials);
    }
    this.key = credentials.key;
    this.keyWhere = where;
    this.stream.setAuthenticator(() => this.rest.wsAuth());
    this.accountBar.render(this.key, where);
    this.renderAccount();
  }

  private async loadAccount(): Promise<void> {
    const [balances, orders, fills] = await Promise.all([
      this.rest.signed<Balance[]>('GET', '/v1/account/balances'),
      this.rest.signed<Order[]>('GET', '/v1/orders?status=open&limit=200'),
      this.rest.signed<Fill[]>('GET', '/v1/fills?limit=100'),
    ]);
    this.balances.clear();
    balances.forEach(b => this.balances.set(b.asset, b));
    this.orders.clear();
    orders.forEach(o => this.orders.set(o.id, o));
    this.fills = fills;
    this.renderAccount();
  }

  private signOut(): void {
    KeyStorage.clear();
    void this.rest.signIn(null);
    this.stream.setAuthenticator(null);
    this.key = null;
    this.keyWhere = null;
    this.orders.clear();
    this.fills = [];
    this.balances.clear();
    this.accountBar.render(null, null);
    this.renderAccount();
  }

  private async place(order: Record<string, unknown>): Promise<Order> {
    const placed = await this.rest.signed<Order>('POST', '/v1/orders', order);
    this.upsertOrder(placed);
    return placed;
  }

  private async cancel(order: Order): Promise<void> {
    try {
      this.upsertOrder(await this.rest.signed<Order>('POST', `/v1/orders/${order.id}/cancel`));
    } catch (error) {
      this.showOrdersError(error);
    }
  }

  private showOrdersError(error: unknown): void {
    byId('orders').prepend(h('div', { class: 'message error', role: 'alert' },
      describeError(error)));
  }

  private async cancelAll(): Promise<void> {
    let result: { cancelled_order_ids: string[] };
    try {
      result = await this.rest.signed<{ cancelled_order_ids: string[] }>('POST', '/v1/orders/cancel-all', {});
    } catch (error) {
      this.showOrdersError(error);
      return;
    }
    for (const id of result.cancelled_order_ids) {
      const known = this.orders.get(id);
      if (known) {
        this.orders.set(id, { ...known, status: 'cancelled' });
      }
    }
    this.renderAccount();
  }

  private async faucet(asset: string, amount: string): Promise<void> {
    await this.rest.signed('POST', '/v1/sandbox/faucet', { asset, amount });
    const balances = await this.rest.signed<Balance[]>('GET', '/v1/account/balances');
    balances.forEach(b => this.balances.set(b.asset, b));
    this.renderAccount();
  }
}

new App().start().catch(error => {
  byId('status').textContent = `failed to start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});
