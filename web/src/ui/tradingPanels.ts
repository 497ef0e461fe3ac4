import { describeError } from '../api/rest';
import { type Balance, type Fill, type Market, type Order, OPEN_STATUSES } from '../api/types';
import { floorToStep } from '../book/decimal';
import { byId, h, table, td } from './dom';
import { dateTime, grouped, titleCase } from './format';

type OrderType = 'limit' | 'market' | 'stop';

export interface OrderFormHost {
  market(): Market | undefined;
  balance(asset: string): Balance | undefined;
  signedIn(): boolean;
  place(order: Record<string, unknown>): Promise<Order>;
  bestPrice(side: 'buy' | 'sell'): string | undefined;
}

/**
 * Limit, market and stop orders; post-only and IOC/FOK for limits; size as a share of the balance; Buy and
 * Sell send the same fields with their side. Errors are shown as the API words them.
 */
export class OrderForm {
  private type: OrderType = 'limit';
  private readonly price = h('input', { id: 'order-price', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.00' });
  private readonly stop = h('input', { id: 'order-stop', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.00' });
  private readonly size = h('input', { id: 'order-size', inputmode: 'decimal', autocomplete: 'off', placeholder: '0.0000' });
  private readonly postOnly = h('input', { type: 'checkbox', id: 'order-post-only' });
  private readonly tif = h('select', { id: 'order-tif', 'aria-label': 'Time in force' },
    h('option', { value: 'gtc' }, 'GTC'), h('option', { value: 'ioc' }, 'IOC'), h('option', { value: 'fok' }, 'FOK'));
  private readonly message = h('div', { class: 'message', role: 'alert', 'aria-live': 'assertive' });
  private readonly available = h('div', { class: 'estimate' });
  private readonly availableBase = h('div', { class: 'estimate' });
  private readonly total = h('div', { class: 'estimate' });
  private readonly buy = h('button', { type: 'button', class: 'buy-btn' }, 'Buy');
  private readonly sell = h('button', { type: 'button', class: 'sell-btn' }, 'Sell');
  private readonly tabs: Record<OrderType, HTMLButtonElement>;
  private readonly priceField: HTMLElement;
  private readonly stopField: HTMLElement;
  private readonly options: HTMLElement;
  private readonly units: HTMLElement[] = [];
  private busy = false;

  constructor(private readonly host: OrderFormHost) {
    const tab = (type: OrderType, label: string) => h('button', { type: 'button', 'aria-pressed': String(type === 'limit'),
      onclick: () => this.setType(type) }, label);
    this.tabs = { limit: tab('limit', 'Limit'), market: tab('market', 'Market'), stop: tab('stop', 'Stop') };
    const field = (id: string, label: string, input: HTMLInputElement, unit: 'quote' | 'base') => {
      const u = h('span', { class: 'unit', 'data-unit': unit });
      this.units.push(u);
      return h('div', { class: 'field' }, h('label', { for: id }, label), input, u);
    };
    this.stopField = field('order-stop', 'Stop', this.stop, 'quote');
    this.priceField = field('order-price', 'Price', this.price, 'quote');
    const pcts = h('div', { class: 'pcts', role: 'group', 'aria-label': 'Size as a share of the balance' },
      ...[25, 50, 75, 100].map(p => h('button', { type: 'button', onclick: () => this.fillShare(p / 100) }, `${p}%`)));
    this.options = h('div', { class: 'options' },
      h('label', {}, this.postOnly, 'Post-only'),
      h('label', {}, 'Time in force', this.tif));
    this.buy.addEventListener('click', () => void this.submit('buy'));
    this.sell.addEventListener('click', () => void this.submit('sell'));
    for (const input of [this.price, this.size, this.stop]) {
      input.addEventListener('input', () => this.refresh());
    }
    this.postOnly.addEventListener('change', () => {
      if (this.postOnly.checked) this.tif.value = 'gtc';
      this.refresh();
    });
    this.tif.addEventListener('change', () => {
      if (this.tif.value !== 'gtc') this.postOnly.checked = false;
    });
    byId('form').replaceChildren(
      h('div', { class: 'tabs', role: 'group', 'aria-label': 'Order type' }, this.tabs.limit, this.tabs.market, this.tabs.stop),
      this.stopField, this.priceField, field('order-size', 'Size', this.size, 'base'), pcts, this.options,
      this.available, this.availableBase, this.total, h('div', { class: 'sides' }, this.buy, this.sell), this.message);
    this.setType('limit');
  }

  setType(type: OrderType): void {
    this.type = type;
    for (const [name, button] of Object.entries(this.tabs)) {
      button.setAttribute('aria-pressed', String(name === type));
    }
    this.stopField.hidden = type !== 'stop';
    this.priceField.hidden = type === 'market';
    this.price.placeholder = type === 'stop' ? 'market (optional limit)' : '0.00';
    this.options.hidden = type === 'market';
    this.postOnly.disabled = type !== 'limit';
    this.refresh();
  }

  /** A click on a book level. */
  setPrice(price: string): void {
    if (this.type === 'market') {
      this.setType('limit');
    }
    this.price.value = price;
    this.refresh();
  }

  /** The pair changed, or a balance did. */
  refresh(): void {
    const market = this.host.market();
    for (const unit of this.units) {
      unit.textContent = market ? (unit.dataset.unit === 'quote' ? market.quote : market.base) : '';
    }
    const signedIn = this.host.signedIn();
    this.buy.disabled = this.sell.disabled = !signedIn || !market || this.busy;
    this.buy.title = this.sell.title = signedIn ? '' : 'Sign in to trade';
    if (!market) {
      return;
    }
    const quote = this.host.balance(market.quote)?.spot.available;
    const base = this.host.balance(market.base)?.spot.available;
    this.available.replaceChildren(h('span', {}, `Available ${market.quote}`),
      h('span', { class: 'num' }, signedIn ? grouped(quote ?? '0') : 'sign in to trade'));
    this.availableBase.replaceChildren(h('span', {}, `Available ${market.base}`),
      h('span', { class: 'num' }, signedIn ? grouped(base ?? '0') : '—'));
    const price = Number(this.type === 'market' ? this.host.bestPrice('buy') ?? 0 : this.price.value || 0);
    const size = Number(this.size.value || 0);
    const estimate = price * size;
    this.total.replaceChildren(h('span', {}, this.type === 'market' ? 'Total (est.)' : 'Total'),
      h('span', { class: 'num' }, estimate > 0 ? `${estimate.toFixed(2)} ${market.quote}` : '—'));
  }

  /** Size as a share of what the account could buy (quote balance at the price) or sell (base balance). */
  private fillShare(share: number): void {
    const market = this.host.market();
    if (!market) {
      return;
    }
    const quote = Number(this.host.balance(market.quote)?.spot.available ?? 0);
    const base = Number(this.host.balance(market.base)?.spot.available ?? 0);
    const price = Number(this.price.value || 0) || Number(this.host.bestPrice('buy') ?? 0);
    // buying is bounded by the quote balance (less the taker fee), selling by the base balance: offer the larger use
    const canBuy = price > 0 ? (quote / price) / (1 + market.taker_fee_bps / 10_000) : 0;
    const size = Math.max(canBuy, base) * share;
    this.size.value = floorToStep(size, market.lot_size);
    this.refresh();
  }

  private async submit(side: 'buy' | 'sell'): Promise<void> {
    const market = this.host.market();
    if (!market || this.busy) {
      return;
    }
    const order: Record<string, unknown> = { pair: market.pair, side, size: this.size.value.trim() };
    if (this.type === 'limit') {
      Object.assign(order, { type: 'limit', price: this.price.value.trim(), time_in_force: this.tif.value });
      if (this.postOnly.checked) {
        order.post_only = true;
      }
    } else if (this.type === 'market') {
      order.type = 'market';
    } else {
      const limit = this.price.value.trim();
      Object.assign(order, { type: limit ? 'stop_limit' : 'stop', stop_price: this.stop.value.trim() });
      if (limit) {
        Object.assign(order, { price: limit, time_in_force: this.tif.value });
      }
    }
    this.busy = true;
    this.refresh();
    this.show('', '');
    try {
      const placed = await this.host.place(order);
      const filled = placed.filled_size && Number(placed.filled_size) > 0 ? `, filled ${placed.filled_size}` : '';
      this.show(`${titleCase(side)} ${placed.type.replace('_', ' ')} order ${placed.id}: ${placed.status.replace('_', ' ')}${filled}`
        + (placed.cancel_reason ? ` (${placed.cancel_reason.replace(/_/g, ' ')})` : ''), 'ok');
    } catch (error) {
      this.show(describeError(error), 'error');
    } finally {
      this.busy = false;
      this.refresh();
    }
  }

  private show(text: string, kind: 'ok' | 'error' | ''): void {
    this.message.textContent = text;
    this.message.className = `message ${kind}`;
  }
}

/** The account's open orders, newest first, each with Cancel; Cancel all in the panel's head. */
export class OpenOrdersPanel {
  private readonly body = byId('orders');
  private readonly cancelAll = byId<HTMLButtonElement>('cancel-all');

  constructor(private readonly cancel: (order: Order) => void, cancelAll: () => void) {
    this.cancelAll.addEventListener('click', cancelAll);
  }

  render(orders: Order[], signedIn: boolean): void {
    const open = orders.filter(o => OPEN_STATUSES.has(o.status))
      .sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || Number(b.id) - Number(a.id));
    this.cancelAll.disabled = open.length === 0;
    this.body.replaceChildren(table([['Time', ''], ['Pair', ''], ['Side', ''], ['Type', ''], ['Price', 'num'],
      ['Size', 'num'], ['Filled', 'num'], ['Status', ''], ['', 'num']], open, o => {
      const cancel = h('button', { type: 'button', class: 'link', 'aria-label': `Cancel order ${o.id}` }, 'Cancel');
      cancel.addEventListener('click', () => this.cancel(o));
      const cell = h('td', { class: 'num' }, cancel);
      return [td(o.created_at ? dateTime(o.created_at) : '', 'muted'), td(o.pair), td(titleCase(o.side), o.side),
        td(o.type.replace('_', ' ')), td(grouped(o.price ?? o.stop_price), 'num'), td(o.size ?? '—', 'num'),
        td(o.filled_size, 'num'), td(o.status.replace('_', ' '), 'muted'), cell];
    }, signedIn ? 'no open orders' : 'sign in to see your orders', o => ({ 'data-order-id': o.id })));
  }
}

/** The account's executions, newest first. */
export class FillsPanel {
  private readonly body = byId('fills');

  render(fills: Fill[], signedIn: boolean): void {
    this.body.replaceChildren(table([['Time', ''], ['Pair', ''], ['Side', ''], ['Price', 'num'], ['Size', 'num'],
      ['Fee', 'num'], ['Role', '']], fills, f => [td(dateTime(f.time), 'muted'), td(f.pair), td(titleCase(f.side), f.side),
      td(grouped(f.price), 'num'), td(f.size, 'num'), td(`${f.fee} ${f.fee_asset}`, 'num muted'), td(f.liquidity, 'muted')],
    signedIn ? 'no fills yet' : 'sign in to see your fills', f => ({ 'data-trade-id': f.trade_id })));
  }
}

export interface BalancesHost {
  sandbox(): boolean;
  signedIn(): boolean;
  faucet(asset: string, amount: string): Promise<void>;
  storageNote(): string;
}

/** Spot balances (available and held), and in the sandbox the faucet. */
export class BalancesPanel {
  private readonly body = byId('balances');
  private faucetAsset = 'USD';
  private faucetAmount = '1000';
  private message = '';
  private messageKind = '';
  private balances: Balance[] = [];

  constructor(private readonly host: BalancesHost) {}

  render(balances: Balance[]): void {
    this.balances = balances;
    if (!this.host.signedIn()) {
      this.body.replaceChildren(h('div', { class: 'empty' }, this.host.sandbox()
        ? 'Create a sandbox account (top right) to get funded test balances.' : 'Sign in with a key (top right) to see balances.'));
      return;
    }
    const rows = [...balances].sort((a, b) => a.asset.localeCompare(b.asset));
    const list = table([['Asset', ''], ['Available', 'num'], ['Hold', 'num']], rows,
      b => [td(b.asset), td(grouped(b.spot.available), 'num'), td(grouped(b.spot.hold), 'num muted')],
      'no balances', b => ({ 'data-asset': b.asset }));
    const parts: HTMLElement[] = [list];
    if (this.host.sandbox()) {
      const asset = h('select', { 'aria-label': 'Faucet asset' }, ...rows.map(b => h('option', { value: b.asset,
        selected: b.asset === this.faucetAsset }, b.asset)));
      const amount = h('input', { id: 'faucet-amount', inputmode: 'decimal', value: this.faucetAmount,
        'aria-label': 'Faucet amount' });
      const button = h('button', { type: 'button', class: 'btn secondary' }, 'Get test funds');
      const status = h('div', { class: `message ${this.messageKind}`, role: 'status' }, this.message);
      button.addEventListener('click', async () => {
        this.faucetAsset = asset.value;
        this.faucetAmount = amount.value;
        button.disabled = true;
        try {
          await this.host.faucet(asset.value, amount.value.trim());
          this.message = `${amount.value} ${asset.value} added`;
          this.messageKind = 'ok';
        } catch (error) {
          this.message = describeError(error);
          this.messageKind = 'error';
        }
        // the faucet's own balance update has drawn the panel anew meanwhile: draw it again with the outcome
        this.render(this.balances);
      });
      parts.push(h('div', { class: 'faucet' }, asset, amount, button), h('div', { class: 'storage-note' }, status));
    }
    parts.push(h('div', { class: 'storage-note warn' }, this.host.storageNote()));
    this.body.replaceChildren(...parts);
  }
}
