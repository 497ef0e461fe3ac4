import {
  AreaSeries, CandlestickSeries, ColorType, createChart, createOptionsChart, CrosshairMode, HistogramSeries,
  type IChartApi, type IChartApiBase, type ISeriesApi, type UTCTimestamp,
} from 'lightweight-charts';
import type { BookSync } from '../book/bookSync';
import { addDecimal } from '../book/decimal';
import type { Level } from '../book/orderBook';
import type { Candle, Market, Ticker, Trade } from '../api/types';
import { byId, h, table, td } from './dom';
import { compact, direction, grouped, percent, percentDirection, time } from './format';

const THEME = {
  layout: { background: { type: ColorType.Solid, color: '#12161c' }, textColor: '#8a93a0', fontSize: 11,
    attributionLogo: false },
  grid: { vertLines: { color: '#1b2029' }, horzLines: { color: '#1b2029' } },
  rightPriceScale: { borderColor: '#232a35' },
  timeScale: { borderColor: '#232a35' },
  crosshair: { mode: CrosshairMode.Normal },
  autoSize: true,
};
const BUY = '#0ecb81';
const SELL = '#f6465d';

/** Markets: each pair with its last price and 24 h change; a click selects it. */
export class MarketsPanel {
  private readonly body = byId('markets');

  constructor(private readonly select: (pair: string) => void) {}

  render(markets: Market[], tickers: Map<string, Ticker>, selected: string): void {
    this.body.replaceChildren(table([['Pair', ''], ['Last', 'num'], ['24h', 'num']], markets, market => {
      const ticker = tickers.get(market.pair);
      return [
        td(market.pair),
        td(grouped(ticker?.last_price ?? null), 'num'),
        td(percent(ticker?.change_pct_24h ?? null), `num ${percentDirection(ticker?.change_pct_24h ?? null)}`),
      ];
    }, 'no markets', market => ({
      class: market.pair === selected ? 'selected' : '',
      'aria-selected': String(market.pair === selected),
      'data-pair': market.pair,
    })));
    this.body.querySelectorAll<HTMLTableRowElement>('tr[data-pair]').forEach(row => {
      row.tabIndex = 0;
      row.addEventListener('click', () => this.select(row.dataset.pair!));
      row.addEventListener('keydown', e => { if (e.key === 'Enter') this.select(row.dataset.pair!); });
    });
  }
}

/** The selected pair's numbers in the top bar. */
export function renderSummary(market: Market | undefined, ticker: Ticker | undefined): void {
  const body = byId('summary');
  if (!market) {
    body.replaceChildren();
    return;
  }
  const t = ticker;
  const stat = (label: string, value: string, cls = '', wide = false) =>
    h('div', { class: `stat${wide ? ' wide' : ''}` }, h('span', {}, label), h('span', { class: `num ${cls}` }, value));
  body.replaceChildren(
    h('div', { class: 'pair' }, market.pair),
    h('div', { class: `last num ${direction(t?.change_24h ?? null)}`, 'data-testid': 'last-price' }, grouped(t?.last_price ?? null)),
    stat('24h change', `${t?.change_24h ?? '—'} ${percent(t?.change_pct_24h ?? null)}`, direction(t?.change_24h ?? null)),
    stat('24h high', grouped(t?.high_24h ?? null), '', true),
    stat('24h low', grouped(t?.low_24h ?? null), '', true),
    stat(`24h volume (${market.base})`, compact(t?.volume_24h ?? null)),
    stat(`24h volume (${market.quote})`, compact(t?.quote_volume_24h ?? null), '', true),
  );
}

/**
 * The ladder: asks above (best nearest the middle), bids below, each level with a bar of the cumulative
 * size from the touch; a click on a level puts its price into the order form. The live indicator says
 * whether the local book follows the stream's seq and checksum.
 */
export class BookPanel {
  private readonly body = byId('book');
  private readonly indicator = byId('book-sync');
  private pending = false;
  private market: Market | undefined;
  private levels = 16;

  constructor(private readonly sync: () => BookSync, private readonly pick: (price: string) => void) {
    const phone = window.matchMedia('(max-width: 900px)');
    this.levels = phone.matches ? 10 : 16;
    phone.addEventListener('change', () => { this.levels = phone.matches ? 10 : 16; this.schedule(); });
  }

  setMarket(market: Market | undefined): void {
    this.market = market;
    this.body.replaceChildren();
    this.schedule();
  }

  /** Renders at most once a frame however many deltas arrive. */
  schedule(): void {
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.render(); });
    }
  }

  private render(): void {
    const sync = this.sync();
    const live = sync.state === 'live';
    this.indicator.className = `sync${live ? ' live' : ''}`;
    this.indicator.textContent = live ? `live · seq ${sync.book.seq}` : sync.state === 'syncing' ? 'syncing…'
      : `resyncing (${sync.lastProblem === 'gap' ? 'gap' : 'checksum'})`;
    this.indicator.title = `${sync.resyncs} resync${sync.resyncs === 1 ? '' : 's'} since the page loaded`;
    if (!this.market || sync.book.seq < 0) {
      return;
    }
    const asks = sync.book.asks.top(this.levels);
    const bids = sync.book.bids.top(this.levels);
    const askTotals = cumulative(asks);
    const bidTotals = cumulative(bids);
    const max = Math.max(Number(askTotals.at(-1) ?? 0), Number(bidTotals.at(-1) ?? 0)) || 1;
    const row = (side: 'bid' | 'ask', [price, size]: Level, total: string) => {
      const element = h('div', { class: `row ${side}`, 'data-price': price, 'data-size': size, role: 'button',
        tabindex: 0, 'aria-label': `${side} ${price} size ${size}` },
        h('div', { class: 'bar', style: `width:${(100 * Number(total) / max).toFixed(1)}%` }),
        h('span', {}, grouped(price)), h('span', {}, size), h('span', {}, total));
      element.addEventListener('click', () => this.pick(price));
      return element;
    };
    const bestBid = bids[0]?.[0];
    const bestAsk = asks[0]?.[0];
    const spread = bestBid && bestAsk ? (Number(bestAsk) - Number(bestBid)) : null;
    const mid = h('div', { class: 'mid' },
      h('span', { class: 'price num' }, bestBid && bestAsk ? grouped(((Number(bestBid) + Number(bestAsk)) / 2)
        .toFixed(this.market.tick_size.split('.')[1]?.length ?? 0)) : '—'),
      h('span', { class: 'spread num' }, spread === null ? '' : `spread ${spread.toFixed(this.market.tick_size.split('.')[1]?.length ?? 0)}`
        + ` (${(10000 * spread / Number(bestAsk)).toFixed(1)} bps)`));
    const ladder = h('div', { class: 'ladder', 'data-seq': sync.book.seq },
      h('div', { class: 'row head' }, h('span', {}, `Price (${this.market.quote})`), h('span', {}, `Size (${this.market.base})`),
        h('span', {}, 'Total')),
      h('div', { class: 'asks', 'data-side': 'asks' }, ...asks.map((l, i) => row('ask', l, askTotals[i])).reverse()),
      mid,
      h('div', { class: 'bids', 'data-side': 'bids' }, ...bids.map((l, i) => row('bid', l, bidTotals[i]))));
    this.body.replaceChildren(ladder);
    this.body.dataset.seq = String(sync.book.seq);
  }
}

function cumulative(levels: Level[]): string[] {
  const totals: string[] = [];
  let sum = '0';
  for (const [, size] of levels) {
    sum = addDecimal(sum, size);
    totals.push(sum);
  }
  return totals;
}

/** The tape: newest first, coloured by the taker's side. */
export class TradesPanel {
  private readonly body = byId('trades');
  private trades: Trade[] = [];
  private market: Market | undefined;

  load(market: Market, trades: Trade[]): void {
    this.market = market;
    this.trades = trades.slice(0, 60);
    this.render();
  }

  add(trade: Trade): void {
    if (this.trades.some(t => t.trade_id === trade.trade_id)) {
      return;
    }
    this.trades.unshift(trade);
    this.trades.length = Math.min(this.trades.length, 60);
    this.render();
  }

  private render(): void {
    const m = this.market;
    this.body.replaceChildren(table([[`Price (${m?.quote ?? ''})`, ''], [`Size (${m?.base ?? ''})`, 'num'], ['Time', 'num']],
      this.trades, t => [td(grouped(t.price), `num-left ${t.taker_side}`), td(t.size, 'num'), td(time(t.time), 'num muted')],
      'no trades yet'));
  }
}

/** Candles with volume, 1m to 1d. */
export class ChartPanel {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private lastTime = 0;

  constructor() {
    this.chart = createChart(byId('chart'), { ...THEME, timeScale: { ...THEME.timeScale, timeVisible: true,
      secondsVisible: false, barSpacing: 9, rightOffset: 4 } });
    this.candles = this.chart.addSeries(CandlestickSeries, { upColor: BUY, downColor: SELL, borderVisible: false,
      wickUpColor: BUY, wickDownColor: SELL });
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' },
      lastValueVisible: false, priceLineVisible: false });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.24 } });
  }

  load(market: Market, candles: Candle[]): void {
    const precision = market.tick_size.split('.')[1]?.length ?? 0;
    this.candles.applyOptions({ priceFormat: { type: 'price', precision, minMove: Number(market.tick_size) } });
    // the axis writes prices as the book and the tape do, with thousands separators
    this.chart.applyOptions({ localization: { priceFormatter: (price: number) => grouped(price.toFixed(precision)) } });
    const sorted = [...candles].sort((a, b) => a.start.localeCompare(b.start));
    this.candles.setData(sorted.map(candleBar));
    this.volume.setData(sorted.map(volumeBar));
    this.lastTime = sorted.length ? seconds(sorted[sorted.length - 1].start) : 0;
    // the newest 120 bars at the chart's own bar width; a young market's few bars are not stretched across it
    if (sorted.length > 120) {
      this.chart.timeScale().setVisibleLogicalRange({ from: sorted.length - 120, to: sorted.length + 2 });
    } else {
      this.chart.timeScale().scrollToRealTime();
    }
  }

  update(candle: Candle): void {
    const at = seconds(candle.start);
    if (at < this.lastTime) {
      return; // the chart takes only the newest bar or a later one
    }
    this.lastTime = at;
    this.candles.update(candleBar(candle));
    this.volume.update(volumeBar(candle));
  }
}

function seconds(iso: string): UTCTimestamp {
  return Math.floor(Date.parse(iso) / 1000) as UTCTimestamp;
}

function candleBar(c: Candle) {
  return { time: seconds(c.start), open: Number(c.open), high: Number(c.high), low: Number(c.low), close: Number(c.close) };
}

function volumeBar(c: Candle) {
  return { time: seconds(c.start), value: Number(c.volume),
    color: Number(c.close) >= Number(c.open) ? 'rgba(14,203,129,0.45)' : 'rgba(246,70,93,0.45)' };
}

/** Cumulative bid and ask size against price: lightweight-charts' price-on-the-horizontal-axis chart. */
export class DepthPanel {
  private readonly chart: IChartApiBase<number>;
  private readonly bids: ISeriesApi<'Area', number>;
  private readonly asks: ISeriesApi<'Area', number>;
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly sync: () => BookSync) {
    this.chart = createOptionsChart(byId('depth'), { ...THEME, handleScroll: false, handleScale: false,
      localization: { precision: 2 },
      rightPriceScale: { ...THEME.rightPriceScale, scaleMargins: { top: 0.12, bottom: 0.02 } } });
    this.bids = this.chart.addSeries(AreaSeries, { lineColor: BUY, topColor: 'rgba(14,203,129,0.35)',
      bottomColor: 'rgba(14,203,129,0.04)', lineWidth: 2, priceLineVisible: false, lastValueVisible: false,
      priceFormat: { type: 'volume' } });
    this.asks = this.chart.addSeries(AreaSeries, { lineColor: SELL, topColor: 'rgba(246,70,93,0.35)',
      bottomColor: 'rgba(246,70,93,0.04)', lineWidth: 2, priceLineVisible: false, lastValueVisible: false,
      priceFormat: { type: 'volume' } });
  }

  setMarket(market: Market): void {
    // the options chart's localization takes a precision its base type does not declare
    this.chart.applyOptions({ localization: { precision: market.tick_size.split('.')[1]?.length ?? 0 } } as object);
    this.bids.setData([]);
    this.asks.setData([]);
  }

  /** At most four redraws a second: depth is read at a glance, not per delta. */
  schedule(): void {
    if (this.timer) {
      return;
    }
    const wait = Math.max(0, 250 - (performance.now() - this.last));
    this.timer = setTimeout(() => { this.timer = null; this.last = performance.now(); this.render(); }, wait);
  }

  private render(): void {
    const book = this.sync().book;
    const bids = book.bids.top(60);
    const asks = book.asks.top(60);
    if (!bids.length || !asks.length) {
      return;
    }
    // the same distance from the mid on both sides, so the picture is not lopsided
    const mid = (Number(bids[0][0]) + Number(asks[0][0])) / 2;
    const reach = Math.min(mid - Number(bids[bids.length - 1][0]), Number(asks[asks.length - 1][0]) - mid);
    let total = 0;
    const bidPoints = [];
    for (const [price, size] of bids) {
      if (mid - Number(price) > reach) break;
      total += Number(size);
      bidPoints.push({ time: Number(price), value: total });
    }
    total = 0;
    const askPoints = [];
    for (const [price, size] of asks) {
      if (Number(price) - mid > reach) break;
      total += Number(size);
      askPoints.push({ time: Number(price), value: total });
    }
    this.bids.setData(bidPoints.reverse());
    this.asks.setData(askPoints);
    this.chart.timeScale().fitContent();
  }
}

